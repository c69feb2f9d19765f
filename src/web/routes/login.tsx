import { createRoute, redirect } from '@tanstack/react-router';
import { providersQuery, sessionQuery } from '../api/auth';
import { LoginPage } from '../features/login/LoginPage';
import { rootRoute } from './root';
import { SSO_FAILURES, type SsoFailureCode } from '../../shared/api/sso-failures';

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string; sso?: SsoFailureCode } => ({
    ...(typeof search.redirect === 'string' && search.redirect.startsWith('/') && !search.redirect.startsWith('//')
      ? { redirect: search.redirect }
      : {}),
    ...(typeof search.sso === 'string' && (SSO_FAILURES as readonly string[]).includes(search.sso)
      ? { sso: search.sso as SsoFailureCode }
      : {}),
  }),
  beforeLoad: async ({ context }) => {
    // How one may sign in is known before the screen draws, so its buttons do not change under the user.
    const [session] = await Promise.all([
      context.queryClient.ensureQueryData(sessionQuery),
      context.queryClient.ensureQueryData(providersQuery).catch(() => null),
    ]);
    if (session) throw redirect({ to: '/' });
  },
  component: LoginPage,
});
