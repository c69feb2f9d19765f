import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { authenticatedRoute } from './authenticated';
import { isoDateOrUndefined } from './taskSearch';

export interface ReportsSearch {
  tab?: 'review' | 'snapshots' | 'self' | 'dossiers';
  period?: 'month' | 'quarter' | 'half' | 'year';
  year?: number;
  index?: number;
  asOf?: string;
  periodMode?: 'calendar' | 'official';
  basis?: 'assigned' | 'due';
  groupBy?: 'lead_unit' | 'authority' | 'field' | 'leader';
  rankBy?: 'completionRate' | 'completionOfDueRate' | 'onTimeRate' | 'overdueRate';
  unitId?: number;
  by?: 'division' | 'staff';
  snapshotId?: number;
}

const oneOf = <T extends string>(values: readonly T[], v: unknown): T | undefined =>
  values.includes(v as T) ? (v as T) : undefined;
const int = (v: unknown, min: number, max: number): number | undefined => {
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

/** The review screens keep their choices in the URL, so a review can be bookmarked and shared. */
export function parseReportsSearch(s: Record<string, unknown>): ReportsSearch {
  const out: ReportsSearch = {
    tab: oneOf(['review', 'snapshots', 'self', 'dossiers'] as const, s.tab),
    period: oneOf(['month', 'quarter', 'half', 'year'] as const, s.period),
    year: int(s.year, 2000, 2100),
    index: int(s.index, 1, 12),
    asOf: isoDateOrUndefined(s.asOf),
    periodMode: oneOf(['calendar', 'official'] as const, s.periodMode),
    basis: oneOf(['assigned', 'due'] as const, s.basis),
    groupBy: oneOf(['lead_unit', 'authority', 'field', 'leader'] as const, s.groupBy),
    rankBy: oneOf(['completionRate', 'completionOfDueRate', 'onTimeRate', 'overdueRate'] as const, s.rankBy),
    unitId: int(s.unitId, 1, 2_147_483_647),
    by: oneOf(['division', 'staff'] as const, s.by),
    snapshotId: int(s.snapshotId, 1, 2_147_483_647),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as ReportsSearch;
}

/** ECharts and the export code are large, so the reports load on first visit. */
export const reportsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/reports',
  validateSearch: parseReportsSearch,
  component: lazyRouteComponent(() => import('../features/reports/ReportsPage'), 'ReportsPage'),
});
