import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { authenticatedRoute } from './authenticated';
import { isoDateOrUndefined } from './taskSearch';

export interface DashboardSearch {
  asOf?: string;
  unitId?: number;
  tab?: 'lead_unit' | 'field' | 'authority';
}

/** ECharts is large, so the dashboard loads on first visit. */
export const dashboardRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/dashboard',
  validateSearch: (search: Record<string, unknown>): DashboardSearch => {
    const tab =
      search.tab === 'field' || search.tab === 'authority' || search.tab === 'lead_unit' ? search.tab : undefined;
    const asOf = isoDateOrUndefined(search.asOf);
    const unitId = Number(search.unitId);
    return {
      ...(asOf ? { asOf } : {}),
      ...(Number.isInteger(unitId) && unitId > 0 ? { unitId } : {}),
      ...(tab ? { tab } : {}),
    };
  },
  component: lazyRouteComponent(() => import('../features/dashboard/DashboardPage'), 'DashboardPage'),
});
