import type { Period } from '../../domain/review.js';
import type { ReviewScope } from './queries.js';
import { MEASURES, type Measure } from './review-rows.js';
import type { ReviewQuery } from './review.js';

/** Filters of GET /api/tasks (and the /tasks screen): what a number links to. */
export type TaskListFilter = Record<string, string | number | boolean>;

const STATUS: Partial<Record<Measure, string>> = {
  onTime: 'completed_on_time',
  late: 'completed_late',
  inProgress: 'in_progress_on_time',
  overdue: 'in_progress_overdue',
};

/**
 * For each number of a review, the task-list filters that show the tasks behind it, where the
 * task list can express it (null otherwise: completed, extensions, the leader grouping). The
 * exact list is always at GET /api/reports/review/tasks with the same query plus key and measure.
 */
export function reviewLinks(q: ReviewQuery & { asOf: string }, period: Period, scope: ReviewScope) {
  // `counted` keeps out the tasks withdrawn or cancelled by the cut-off, as the review does.
  const base: TaskListFilter = {
    asOf: scope.asOf,
    counted: true,
    ...(scope.topLevel ? { topLevel: true } : {}),
    ...(q.basis === 'assigned'
      ? { assignedFrom: period.start, assignedTo: period.end }
      : { deadlineFrom: period.start, deadlineTo: period.end }),
    ...(scope.fieldCode ? { fieldCode: scope.fieldCode } : {}),
  };
  const inScopeUnit: TaskListFilter = scope.unitId ? { unitId: scope.unitId, subtree: true, role: 'lead' } : {};

  const groupFilter = (key: string | null, ownRow: boolean): TaskListFilter | null => {
    if (key === null) return inScopeUnit;
    if (key === 'none') return null;
    switch (q.groupBy) {
      case 'lead_unit':
        return { unitId: Number(key), subtree: !ownRow, role: 'lead' };
      case 'field':
        return { ...inScopeUnit, fieldCode: key };
      case 'authority':
        return { ...inScopeUnit, authorityId: Number(key) };
      case 'leader':
        return null;
    }
  };

  const measureFilter = (m: Measure): TaskListFilter | null => {
    if (m === 'assigned') return {};
    if (m === 'due') {
      const to = typeof base.deadlineTo === 'string' && base.deadlineTo < scope.asOf ? base.deadlineTo : scope.asOf;
      return { deadlineTo: to };
    }
    const status = STATUS[m];
    return status ? { status } : null;
  };

  const linksFor = (key: string | null, ownRow: boolean) => {
    const group = groupFilter(key, ownRow);
    const out = {} as Record<Measure, TaskListFilter | null>;
    for (const m of MEASURES) {
      const mf = measureFilter(m);
      out[m] = group && mf ? { ...base, ...group, ...mf } : null;
    }
    return out;
  };
  return { row: (key: string, ownRow: boolean) => linksFor(key, ownRow), total: () => linksFor(null, false) };
}
