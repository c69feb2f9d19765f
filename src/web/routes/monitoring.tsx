import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { authenticatedRoute } from './authenticated';

/** Monitoring and urging screens (notifications, urging letters, tasks at risk), loaded on first visit. */
const notificationsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/notifications',
  component: lazyRouteComponent(() => import('../features/notifications/NotificationsPage'), 'NotificationsPage'),
});

const urgingRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/urging',
  component: lazyRouteComponent(() => import('../features/urging/UrgingPage'), 'UrgingPage'),
});

const letterRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/urging/$letterId',
  params: {
    parse: (raw: { letterId: string }) => ({ letterId: Number(raw.letterId) }),
    stringify: (params: { letterId: number }) => ({ letterId: String(params.letterId) }),
  },
  component: lazyRouteComponent(() => import('../features/urging/LetterPage'), 'LetterPage'),
});

export const monitoringRoutes = [notificationsRoute, urgingRoute, letterRoute];
