import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from './calendar.js';
import { OFFICIAL_SCHEDULES } from './official-holidays.js';
import { snapshotAsOf, statusAsOf, type StatusCategory, type StatusRules, type TaskFact } from './task-status.js';

/** Business dates, corrections and the non-working-day setting (issue: dates an office acts on). */
const assigned = (deadline: string | null, on = '2025-04-01'): TaskFact => ({
  kind: 'assigned',
  on,
  deadline,
  leadUnitId: 1,
});
const calendar = new WorkingCalendar(OFFICIAL_SCHEDULES.flatMap((s) => s.days));
const strict: StatusRules = { extensionCountsAsOnTime: true };
const art148: StatusRules = { extensionCountsAsOnTime: true, deadlineOnNonWorkingDay: 'next_working_day' };

type Case = [name: string, facts: TaskFact[], asOf: string, rules: StatusRules, expected: StatusCategory | null];

// 2025-04-26 is a make-up Saturday (a working day); 2025-04-27 a Sunday; 30/4–4/5 off.
const cases: Case[] = [
  [
    'a report dated on the deadline, entered two days later, counts on its date',
    [
      assigned('2025-04-25'),
      { kind: 'completion_reported', on: '2025-04-28', dated: '2025-04-25' },
      { kind: 'completion_confirmed', on: '2025-04-29' },
    ],
    '2025-04-29',
    strict,
    'completed_on_time',
  ],
  [
    'dated earlier than the limit and not accepted: the entry date counts',
    [
      assigned('2025-04-25'),
      { kind: 'completion_reported', on: '2025-04-28', dated: '2025-04-10', needsAcceptance: true },
      { kind: 'completion_confirmed', on: '2025-04-29', acceptsDated: false },
    ],
    '2025-04-29',
    strict,
    'completed_late',
  ],
  [
    'dated earlier than the limit and accepted by the assigning side: its date counts',
    [
      assigned('2025-04-25'),
      { kind: 'completion_reported', on: '2025-04-28', dated: '2025-04-10', needsAcceptance: true },
      { kind: 'completion_confirmed', on: '2025-04-29', acceptsDated: true },
    ],
    '2025-04-29',
    strict,
    'completed_on_time',
  ],
  [
    'a dated report is still not a completion before its entry and confirmation',
    [
      assigned('2025-04-25'),
      { kind: 'completion_reported', on: '2025-04-28', dated: '2025-04-25' },
      { kind: 'completion_confirmed', on: '2025-04-29' },
    ],
    '2025-04-27',
    strict,
    'in_progress_overdue',
  ],
  [
    'an undone confirmation leaves the report pending, on every cut-off',
    [
      assigned('2025-04-25'),
      { kind: 'completion_reported', on: '2025-04-24' },
      { kind: 'completion_confirmed', on: '2025-04-24' },
      { kind: 'decision_undone', on: '2025-05-06', undoes: 'completion_confirmed' },
    ],
    '2025-04-24',
    strict,
    'in_progress_on_time',
  ],
  [
    'after an undone return, a later confirmation dates the completion on the first report',
    [
      assigned('2025-04-25'),
      { kind: 'completion_reported', on: '2025-04-24' },
      { kind: 'completion_returned', on: '2025-04-28' },
      { kind: 'decision_undone', on: '2025-04-29', undoes: 'completion_returned' },
      { kind: 'completion_confirmed', on: '2025-05-06' },
    ],
    '2025-05-06',
    strict,
    'completed_on_time',
  ],
  [
    'a recomputed deadline holds from the assignment on',
    [assigned('2025-04-29', '2025-04-22'), { kind: 'deadline_recomputed', on: '2025-04-28', deadline: '2025-05-06' }],
    '2025-04-30',
    strict,
    'in_progress_on_time',
  ],
  [
    'a deadline fixed on receipt holds from the assignment on',
    [assigned(null, '2025-04-22'), { kind: 'deadline_from_receipt', on: '2025-04-24', deadline: '2025-04-29' }],
    '2025-05-05',
    strict,
    'in_progress_overdue',
  ],
  [
    'strict: a deadline on a Sunday is overdue on Monday',
    [assigned('2025-04-27')],
    '2025-04-28',
    strict,
    'in_progress_overdue',
  ],
  [
    'art. 148: a deadline on a Sunday ends on Monday',
    [assigned('2025-04-27')],
    '2025-04-28',
    art148,
    'in_progress_on_time',
  ],
  [
    'art. 148: a make-up Saturday is a working day, so a deadline on it stays',
    [assigned('2025-04-26')],
    '2025-04-28',
    art148,
    'in_progress_overdue',
  ],
  [
    'art. 148: a deadline on 30/4 ends on Monday 5/5 (1/5 off, 2/5 swapped, 3–4/5 weekend)',
    [assigned('2025-04-30')],
    '2025-05-05',
    art148,
    'in_progress_on_time',
  ],
  [
    'art. 148: completed on the next working day after a Sunday deadline is on time',
    [
      assigned('2025-04-27'),
      { kind: 'completion_reported', on: '2025-04-28' },
      { kind: 'completion_confirmed', on: '2025-04-28' },
    ],
    '2025-04-28',
    art148,
    'completed_on_time',
  ],
  [
    'strict: the same completion is late',
    [
      assigned('2025-04-27'),
      { kind: 'completion_reported', on: '2025-04-28' },
      { kind: 'completion_confirmed', on: '2025-04-28' },
    ],
    '2025-04-28',
    strict,
    'completed_late',
  ],
];

describe('status with business dates, corrections and the non-working-day setting', () => {
  it.each(cases)('%s', (_name, facts, asOf, rules, expected) => {
    expect(statusAsOf(facts, asOf, rules, calendar)).toBe(expected);
  });

  it('keeps the entry and business dates apart in the snapshot', () => {
    const s = snapshotAsOf([
      assigned('2025-04-25'),
      { kind: 'completion_reported', on: '2025-04-28', dated: '2025-04-25' },
    ]);
    expect(s).toMatchObject({ pendingReportOn: '2025-04-28', pendingReportDated: '2025-04-25', completedOn: null });
  });

  it('refuses the art. 148 reading without a calendar', () => {
    expect(() => statusAsOf([assigned('2025-04-27')], '2025-04-28', art148)).toThrow(/calendar/);
  });

  it('a recomputed deadline replaces the original one too', () => {
    const s = snapshotAsOf([
      assigned('2025-04-29'),
      { kind: 'deadline_recomputed', on: '2025-04-28', deadline: '2025-05-06' },
    ]);
    expect([s?.originalDeadline, s?.deadline]).toEqual(['2025-05-06', '2025-05-06']);
  });
});
