/**
 * Status of a task as the regulation counts it (DESIGN.md §4), as of any date D.
 * A task's record is the ordered list of its facts; the state on D is the fold of the facts
 * dated on or before D, so a report for D comes out the same on any later day.
 * The statistics SQL (features/stats/queries.ts) mirrors these rules; a test checks both
 * agree on randomized data.
 */
import type { WorkingCalendar } from './calendar.js';
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
  /**
   * Entered on `on`; `dated` is the business date of the unit's report (its document's date),
   * the completion date that counts. `needsAcceptance`: dated earlier than the limit allows, so
   * it counts only if the confirmation accepts it (else the entry date counts).
   */
  | { kind: 'completion_reported'; on: IsoDate; dated?: IsoDate; needsAcceptance?: boolean }
  | { kind: 'completion_returned'; on: IsoDate }
  | { kind: 'completion_confirmed'; on: IsoDate; acceptsDated?: boolean }
  /** Corrections of the deadline as first set: they hold from the assignment on (see corrected). */
  | { kind: 'deadline_recomputed'; on: IsoDate; deadline: IsoDate }
  | { kind: 'deadline_from_receipt'; on: IsoDate; deadline: IsoDate }
  /**
   * The assigning side corrects the deadline directly (not an extension the unit asked for).
   * Back-dated: the deadline was entered wrong, so it holds from the assignment on, like a
   * recomputation, and issued reports show the difference. Otherwise it holds from `on`: every
   * cut-off before keeps the deadline as it then stood.
   */
  | { kind: 'deadline_adjusted'; on: IsoDate; deadline: IsoDate | null; backdated: boolean }
  /** The assigning side takes back a confirmation or a return made by mistake: as if never made. */
  | { kind: 'decision_undone'; on: IsoDate; undoes: 'completion_confirmed' | 'completion_returned' }
  | { kind: 'lead_reassigned'; on: IsoDate; leadUnitId: number }
  | { kind: 'withdrawn'; on: IsoDate }
  | { kind: 'cancelled'; on: IsoDate };

export type NonWorkingDayDeadline = 'stays' | 'next_working_day';

export interface StatusRules {
  /** Published setting: a completion within an approved extension counts as on time. */
  extensionCountsAsOnTime: boolean;
  /**
   * Published setting: a deadline falling on a non-working day stays (strict reading, the
   * default) or ends on the next working day (Civil Code art. 148). Absent means 'stays'.
   */
  deadlineOnNonWorkingDay?: NonWorkingDayDeadline;
}

export const DEFAULT_STATUS_RULES: StatusRules = { extensionCountsAsOnTime: true, deadlineOnNonWorkingDay: 'stays' };

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
  /** The completion date the pending report would give if confirmed: its business date, or its entry date. */
  pendingReportDated: IsoDate | null;
  /** The pending report is dated earlier than the limit: its date counts only if the confirmation accepts it. */
  pendingNeedsAcceptance: boolean;
  /** Date the confirmed completion was reported: the completion date that counts. */
  completedOn: IsoDate | null;
  confirmedOn: IsoDate | null;
  endedOn: IsoDate | null;
  endedAs: 'withdrawn' | 'cancelled' | null;
}

export const END_OF_TIME: IsoDate = '9999-12-31';

export function snapshotAsOf(recorded: readonly TaskFact[], asOf: IsoDate = END_OF_TIME): TaskSnapshot | null {
  const facts = corrected(recorded);
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
    pendingReportDated: null,
    pendingNeedsAcceptance: false,
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

/**
 * The record as corrected: a decision undone is dropped with its undo, and a deadline
 * recomputed (after a change of the holiday table) or fixed on receipt replaces the deadline
 * of the assignment, since it is the deadline the directive meant from the start. So the
 * statistics read the corrected columns on every cut-off, and a report issued before the
 * correction shows it as a difference naming the task.
 */
function corrected(facts: readonly TaskFact[]): TaskFact[] {
  const kept: TaskFact[] = [];
  for (const fact of facts) {
    if (fact.kind !== 'decision_undone') {
      kept.push(fact);
      continue;
    }
    const index = kept.map((f) => f.kind).lastIndexOf(fact.undoes);
    if (index >= 0) kept.splice(index, 1);
  }
  const first = kept[0];
  if (!first || first.kind !== 'assigned') return kept;
  let assigned = first;
  const rest: TaskFact[] = [];
  for (const fact of kept.slice(1)) {
    if (
      fact.kind === 'deadline_recomputed' ||
      fact.kind === 'deadline_from_receipt' ||
      (fact.kind === 'deadline_adjusted' && fact.backdated)
    )
      assigned = { ...assigned, deadline: fact.deadline };
    else rest.push(fact);
  }
  return [assigned, ...rest];
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
    case 'deadline_adjusted':
      // Moves the deadline from its date as an extension does, without counting as one.
      return fact.backdated
        ? s
        : { ...s, deadline: fact.deadline, firstExtendedOn: s.firstExtendedOn ?? fact.on, lastExtendedOn: fact.on };
    case 'completion_reported':
      return {
        ...s,
        pendingReportOn: fact.on,
        pendingReportDated: fact.dated ?? fact.on,
        pendingNeedsAcceptance: fact.needsAcceptance === true,
      };
    case 'completion_returned':
      return { ...s, pendingReportOn: null, pendingReportDated: null, pendingNeedsAcceptance: false };
    case 'completion_confirmed': {
      const dated = s.pendingNeedsAcceptance && !fact.acceptsDated ? s.pendingReportOn : s.pendingReportDated;
      return {
        ...s,
        completedOn: dated ?? fact.on,
        confirmedOn: fact.on,
        pendingReportOn: null,
        pendingReportDated: null,
        pendingNeedsAcceptance: false,
      };
    }
    case 'deadline_recomputed':
    case 'deadline_from_receipt':
    case 'decision_undone':
      return s; // folded into the record by corrected()
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
  calendar?: WorkingCalendar,
): StatusCategory | null {
  const s = snapshotAsOf(facts, asOf);
  if (!s || !s.alive) return null;
  return classify(s, asOf, rules, calendar);
}

/**
 * The day a deadline ends under the rules: itself, or under the Civil Code art. 148 reading,
 * the next working day when it falls on a non-working day (which needs the calendar).
 */
export function deadlineEnds(deadline: IsoDate, rules: StatusRules, calendar?: WorkingCalendar): IsoDate {
  if ((rules.deadlineOnNonWorkingDay ?? 'stays') === 'stays') return deadline;
  if (!calendar) throw new Error('The next-working-day reading of deadlines needs the working calendar');
  return calendar.onOrNextWorkingDay(deadline);
}

export function classify(
  s: TaskSnapshot,
  asOf: IsoDate,
  rules: StatusRules,
  calendar?: WorkingCalendar,
): StatusCategory {
  const ends = (d: IsoDate | null) => (d === null ? null : deadlineEnds(d, rules, calendar));
  if (s.completedOn !== null) {
    const judgedAgainst = ends(rules.extensionCountsAsOnTime ? s.deadline : s.originalDeadline);
    return judgedAgainst === null || s.completedOn <= judgedAgainst ? 'completed_on_time' : 'completed_late';
  }
  const deadline = ends(s.deadline);
  return deadline === null || deadline >= asOf ? 'in_progress_on_time' : 'in_progress_overdue';
}

export function isCompleted(category: StatusCategory): boolean {
  return category === 'completed_on_time' || category === 'completed_late';
}
