import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { authenticatedRoute } from './authenticated';

export const adminRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/admin',
  validateSearch: (
    search: Record<string, unknown>,
  ): { tab?: 'units' | 'users' | 'calendar' | 'reorganisations' | 'documents' } =>
    search.tab === 'units' ||
    search.tab === 'users' ||
    search.tab === 'calendar' ||
    search.tab === 'reorganisations' ||
    search.tab === 'documents'
      ? { tab: search.tab }
      : {},
  component: lazyRouteComponent(() => import('../features/admin/AdminPage'), 'AdminPage'),
});
