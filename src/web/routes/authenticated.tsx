import { createRoute, redirect } from '@tanstack/react-router';
import { sessionQuery } from '../api/auth';
import { AppLayout } from '../components/AppLayout';
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
  component: AppLayout,
});
