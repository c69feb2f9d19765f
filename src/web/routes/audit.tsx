import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { authenticatedRoute } from './authenticated';

/** The audit log (administrators, auditors, inspectors, officers), loaded on first visit. */
export const auditRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/audit',
  component: lazyRouteComponent(() => import('../features/audit/AuditPage'), 'AuditPage'),
});
