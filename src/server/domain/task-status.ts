/**
 * Status of a task as the regulation counts it (DESIGN.md §4), as of any date D.
 * A task's record is the ordered list of its facts; the state on D is the fold of the facts
 * dated on or before D, so a report for D comes out the same on any later day.
 * The statistics SQL (features/stats/queries.ts) mirrors these rules; a test checks both
 * agree on randomized data.
 */
import type { IsoDate } from './dates.js';

export type StatusCategory = 'completed_on_time' | 'completed_late' | 'in_progress_on_time' | 'in_progress_overdue';

export const STATUS_CATEGORIES: readonly StatusCategory[] = [
  'completed_on_time',
  'completed_late',
  'in_progress_on_time',
  'in_progress_overdue',
];

export type TaskFact =
  | { kind: 'assigned'; on: IsoDate; deadline: IsoDate | null; leadUnitId: number }
  | { kind: 'extension_approved'; on: IsoDate; deadline: IsoDate }
  | { kind: 'completion_reported'; on: IsoDate }
  | { kind: 'completion_returned'; on: IsoDate }
  | { kind: 'completion_confirmed'; on: IsoDate }
  | { kind: 'lead_reassigned'; on: IsoDate; leadUnitId: number }
  | { kind: 'withdrawn'; on: IsoDate }
  | { kind: 'cancelled'; on: IsoDate };

export interface StatusRules {
  /** Published setting: a completion within an approved extension counts as on time. */
  extensionCountsAsOnTime: boolean;
}

export const DEFAULT_STATUS_RULES: StatusRules = { extensionCountsAsOnTime: true };

/** What the record says on a date: everything a report needs from one task. */
export interface TaskSnapshot {
  assignedOn: IsoDate;
  /** False before assignment and from the day of withdrawal or cancellation. */
  alive: boolean;
  leadUnitId: number;
  leadSince: IsoDate;
  originalDeadline: IsoDate | null;
  deadline: IsoDate | null;
  firstExtendedOn: IsoDate | null;
  lastExtendedOn: IsoDate | null;
  extensionCount: number;
  /** Date of the pending (not yet confirmed or returned) completion report. */
  pendingReportOn: IsoDate | null;
  /** Date the confirmed completion was reported: the completion date that counts. */
  completedOn: IsoDate | null;
  confirmedOn: IsoDate | null;
  endedOn: IsoDate | null;
  endedAs: 'withdrawn' | 'cancelled' | null;
}

export const END_OF_TIME: IsoDate = '9999-12-31';

export function snapshotAsOf(facts: readonly TaskFact[], asOf: IsoDate = END_OF_TIME): TaskSnapshot | null {
  const first = facts[0];
  if (!first || first.kind !== 'assigned') throw new Error('A task record starts with its assignment');
  if (first.on > asOf) return null;
  let s: TaskSnapshot = {
    assignedOn: first.on,
    alive: true,
    leadUnitId: first.leadUnitId,
    leadSince: first.on,
    originalDeadline: first.deadline,
    deadline: first.deadline,
    firstExtendedOn: null,
    lastExtendedOn: null,
    extensionCount: 0,
    pendingReportOn: null,
    completedOn: null,
    confirmedOn: null,
    endedOn: null,
    endedAs: null,
  };
  for (const fact of facts.slice(1)) {
    if (fact.on <= asOf) s = applyFact(s, fact);
  }
  return s;
}

function applyFact(s: TaskSnapshot, fact: TaskFact): TaskSnapshot {
  switch (fact.kind) {
    case 'assigned':
      throw new Error('A task is assigned once');
    case 'extension_approved':
      return {
        ...s,
        deadline: fact.deadline,
        firstExtendedOn: s.firstExtendedOn ?? fact.on,
        lastExtendedOn: fact.on,
        extensionCount: s.extensionCount + 1,
      };
    case 'completion_reported':
      return { ...s, pendingReportOn: fact.on };
    case 'completion_returned':
      return { ...s, pendingReportOn: null };
    case 'completion_confirmed':
      return { ...s, completedOn: s.pendingReportOn ?? fact.on, confirmedOn: fact.on, pendingReportOn: null };
    case 'lead_reassigned':
      return { ...s, leadUnitId: fact.leadUnitId, leadSince: fact.on };
    case 'withdrawn':
    case 'cancelled':
      return { ...s, alive: false, endedOn: fact.on, endedAs: fact.kind };
  }
}

/** The category of a task on D, or null when the task does not count on D. */
export function statusAsOf(
  facts: readonly TaskFact[],
  asOf: IsoDate,
  rules: StatusRules = DEFAULT_STATUS_RULES,
): StatusCategory | null {
  const s = snapshotAsOf(facts, asOf);
  if (!s || !s.alive) return null;
  return classify(s, asOf, rules);
}

export function classify(s: TaskSnapshot, asOf: IsoDate, rules: StatusRules): StatusCategory {
  if (s.completedOn !== null) {
    const judgedAgainst = rules.extensionCountsAsOnTime ? s.deadline : s.originalDeadline;
    return judgedAgainst === null || s.completedOn <= judgedAgainst ? 'completed_on_time' : 'completed_late';
  }
  return s.deadline === null || s.deadline >= asOf ? 'in_progress_on_time' : 'in_progress_overdue';
}

export function isCompleted(category: StatusCategory): boolean {
  return category === 'completed_on_time' || category === 'completed_late';
}
