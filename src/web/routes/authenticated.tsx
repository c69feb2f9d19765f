import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { sessionQuery } from '../api/auth';
import { rootRoute } from './root';

/** Every screen but login sits behind this guard and inside the app's header and menu. */
export const authenticatedRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'authenticated',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (!session) throw redirect({ to: '/login', search: { redirect: location.href } });
    return { session };
  },
  // The header, menu and every screen behind them load after login: the login screen stays small.
  component: lazyRouteComponent(() => import('../components/AppLayout'), 'AppLayout'),
});
