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

const explanationsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/explanations',
  validateSearch: (s: Record<string, unknown>): { id?: number } => {
    const id = Number(s.id);
    return Number.isInteger(id) && id > 0 ? { id } : {};
  },
  component: lazyRouteComponent(() => import('../features/explanations/ExplanationsPage'), 'ExplanationsPage'),
});

export const monitoringRoutes = [notificationsRoute, urgingRoute, letterRoute, explanationsRoute];
