import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { authenticatedRoute } from './authenticated';

/** Inspection screens, loaded on first visit. */
export type InspectionsTab = 'targets' | 'plans' | 'records' | 'briefing' | 'feedback';
const TABS: InspectionsTab[] = ['targets', 'plans', 'records', 'briefing', 'feedback'];

export interface InspectionsSearch {
  tab?: InspectionsTab;
}

export interface NewPlanSearch {
  units?: string;
  month?: string;
  weights?: string;
}

const idParams = <K extends string>(key: K) => ({
  parse: (raw: Record<K, string>) => ({ [key]: Number(raw[key]) }) as Record<K, number>,
  stringify: (params: Record<K, number>) => ({ [key]: String(params[key]) }) as Record<K, string>,
});

const inspectionsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/inspections',
  validateSearch: (search: Record<string, unknown>): InspectionsSearch =>
    TABS.includes(search.tab as InspectionsTab) ? { tab: search.tab as InspectionsTab } : {},
  component: lazyRouteComponent(() => import('../features/inspections/InspectionsPage'), 'InspectionsPage'),
});

const newPlanRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/inspections/plans/new',
  validateSearch: (search: Record<string, unknown>): NewPlanSearch => ({
    ...(typeof search.units === 'string' || typeof search.units === 'number' ? { units: String(search.units) } : {}),
    ...(typeof search.month === 'string' ? { month: search.month } : {}),
    ...(typeof search.weights === 'string' ? { weights: search.weights } : {}),
  }),
  component: lazyRouteComponent(() => import('../features/inspections/PlanFormPage'), 'NewPlanPage'),
});

const planRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/inspections/plans/$planId',
  params: idParams('planId'),
  component: lazyRouteComponent(() => import('../features/inspections/PlanDetailPage'), 'PlanDetailPage'),
});

const recordRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/inspections/records/$recordId',
  params: idParams('recordId'),
  component: lazyRouteComponent(() => import('../features/inspections/RecordPage'), 'RecordPage'),
});

export const inspectionRoutes = [inspectionsRoute, newPlanRoute, planRoute, recordRoute] as const;
