import { Link } from '@tanstack/react-router';
import { Button, Result } from 'antd';
import { useI18n } from '../i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <main id="main-content">
      <Result
        status="404"
        title="404"
        subTitle={t('app.notFound')}
        extra={
          <Link to="/">
            <Button type="primary">{t('app.backHome')}</Button>
          </Link>
        }
      />
    </main>
  );
}
