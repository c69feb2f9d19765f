import {
  STATUS_CATEGORIES,
  TASK_STATES,
  type StatusCategory,
  type TaskFilters,
  type TaskSort,
  type TaskState,
  type TaskUnitRole,
} from '../api/types';

const SORTS: readonly TaskSort[] = ['deadline', '-deadline', 'id', '-id'];
const UNIT_ROLES: readonly TaskUnitRole[] = ['lead', 'coordinating', 'any'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const positiveInt = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
export const isoDateOrUndefined = (v: unknown): string | undefined =>
  typeof v === 'string' && ISO_DATE.test(v) ? v : undefined;
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined;
const oneOf = <T extends string>(values: readonly T[], v: unknown): T | undefined =>
  values.includes(v as T) ? (v as T) : undefined;
const bool = (v: unknown): boolean | undefined =>
  v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined;

/**
 * The task list's filters from the URL (so a filtered list can be bookmarked, and the dashboard
 * can link to the tasks behind a number). Unknown or malformed values are dropped.
 */
export function parseTaskFilters(search: Record<string, unknown>): TaskFilters {
  const filters: TaskFilters = {
    unitId: positiveInt(search.unitId),
    subtree: bool(search.subtree),
    role: oneOf(UNIT_ROLES, search.role),
    fieldCode: text(search.fieldCode),
    authorityId: positiveInt(search.authorityId),
    documentId: positiveInt(search.documentId),
    status: oneOf<StatusCategory>(STATUS_CATEGORIES, search.status),
    asOf: isoDateOrUndefined(search.asOf),
    deadlineFrom: isoDateOrUndefined(search.deadlineFrom),
    deadlineTo: isoDateOrUndefined(search.deadlineTo),
    q: text(search.q),
    state: oneOf<TaskState>(TASK_STATES, search.state),
    sort: oneOf(SORTS, search.sort),
    assignedFrom: isoDateOrUndefined(search.assignedFrom),
    assignedTo: isoDateOrUndefined(search.assignedTo),
    topLevel: bool(search.topLevel),
    counted: bool(search.counted),
  };
  return withoutEmpty(filters);
}

export function withoutEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;
}
