import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import { I18nProvider, useI18n } from '../i18n';
import { createQueryClient, forgetSession } from './queryClient';
import { createAppRouter } from '../routes/router';
import { theme } from './theme';

export function App() {
  const [{ queryClient, router }] = useState(() => {
    const holder: { router?: ReturnType<typeof createAppRouter> } = {};
    const client = createQueryClient(() => {
      forgetSession(client);
      const current = holder.router?.state.location;
      if (current && current.pathname !== '/login') {
        void holder.router?.navigate({ to: '/login', search: { redirect: current.href } });
      }
    });
    holder.router = createAppRouter(client);
    return { queryClient: client, router: holder.router };
  });
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <LocalizedAntd>
          <RouterProvider router={router} />
        </LocalizedAntd>
      </QueryClientProvider>
    </I18nProvider>
  );
}

/** Ant Design in the user's language: Vietnamese by default, English on request. */
function LocalizedAntd({ children }: { children: React.ReactNode }) {
  const { language } = useI18n();
  return (
    <ConfigProvider locale={language === 'en' ? enUS : viVN} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
