import { useOrganisation } from '../../api/signers';
import { useRef } from 'react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Alert, Button, Card, Divider, Flex, Form, Input, Segmented, Typography } from 'antd';
import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { providersQuery, useLogin } from '../../api/auth';
import { api } from '../../api/client';
import { usePageTitle } from '../../components/usePageTitle';
import { HEADER_BACKGROUND } from '../../app/theme';
import { useI18n, type Language } from '../../i18n';

interface Credentials {
  username: string;
  password: string;
}

export function LoginPage() {
  const organisation = useOrganisation();
  const { t, language, setLanguage } = useI18n();
  const login = useLogin();
  const navigate = useNavigate();
  const { redirect, sso: ssoFailure } = useSearch({ from: '/login' });
  const providers = useQuery(providersQuery).data;
  const sso = providers?.sso ?? null;
  const passwordForAdminsOnly = providers?.password === 'administrators';
  usePageTitle(t('login.title'));
  // A language picked on this page is a fresh choice: it is saved to the profile after login.
  // Otherwise the profile's language (the one the user chose last, on any browser) applies.
  const pickedHere = useRef(false);
  const pick = (next: Language) => {
    pickedHere.current = true;
    setLanguage(next);
  };

  const onFinish = (values: Credentials) =>
    login.mutate(values, {
      onSuccess: (session) => {
        if (pickedHere.current)
          void api.put('/api/notifications/preferences', { locale: language }).catch(() => undefined);
        else if (session.user.locale === 'vi' || session.user.locale === 'en') setLanguage(session.user.locale);
        void navigate({ to: redirect ?? '/', replace: true });
      },
    });

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: '#f4f5f7' }}>
      <main id="main-content" style={{ width: '100%', maxWidth: 400 }}>
        <Card
          title={
            <div style={{ padding: '12px 0' }}>
              <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
                {t('app.name')}
              </Typography.Title>
              <Typography.Text type="secondary">{organisation.data?.name ?? '\u00a0'}</Typography.Text>
            </div>
          }
          extra={
            <Segmented<Language>
              size="small"
              aria-label={t('header.language')}
              value={language}
              onChange={pick}
              options={[
                { value: 'vi', label: 'VI', title: 'Tiếng Việt' },
                { value: 'en', label: 'EN', title: 'English' },
              ]}
            />
          }
          style={{ borderTop: `4px solid ${HEADER_BACKGROUND}` }}
        >
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
            {t('login.title')}
          </Typography.Title>
          {login.error && (
            <Alert type="error" showIcon title={login.error.message} style={{ marginBottom: 16 }} role="alert" />
          )}
          {ssoFailure && !login.error && (
            <Alert
              type="error"
              showIcon
              title={t(`login.sso.${ssoFailure}`)}
              style={{ marginBottom: 16 }}
              role="alert"
            />
          )}
          {sso && (
            <>
              <Button
                type="primary"
                block
                size="large"
                icon={<SafetyCertificateOutlined />}
                href={`${sso.loginUrl}?${new URLSearchParams({ redirect: redirect ?? '/' })}`}
                data-testid="sso-login"
              >
                {language === 'en' ? sso.label.en : sso.label.vi}
              </Button>
              <Divider plain style={{ fontSize: 13 }}>
                {passwordForAdminsOnly ? t('login.sso.adminsOnly') : t('login.sso.or')}
              </Divider>
            </>
          )}
          <Form<Credentials> layout="vertical" onFinish={onFinish} requiredMark={false} disabled={login.isPending}>
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('login.required', { field: t('login.username').toLowerCase() }),
                },
              ]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.required', { field: t('login.password').toLowerCase() }) }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type={sso ? 'default' : 'primary'} htmlType="submit" block loading={login.isPending}>
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
      </main>
    </Flex>
  );
}
