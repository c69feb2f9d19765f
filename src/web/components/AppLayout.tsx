import { Outlet } from '@tanstack/react-router';
import { Layout, Typography } from 'antd';
import { useI18n } from '../i18n';
import { AppHeader } from './AppHeader';

/** Header with menu and account, then the screen. The skip link lets keyboard users jump past the menu. */
export function AppLayout() {
  const { t } = useI18n();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main-content" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppHeader />
      <Layout.Content
        id="main-content"
        tabIndex={-1}
        style={{ padding: 24, maxWidth: 1400, width: '100%', margin: '0 auto' }}
      >
        <main>
          <Outlet />
        </main>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', padding: '12px 16px' }}>
        <Typography.Text type="secondary">{t('app.fullName')}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
