import { describe, expect, it } from 'vitest';
import { snapshotAsOf, statusAsOf, type StatusCategory, type TaskFact } from './task-status.js';

const assigned = (deadline: string | null, on = '2020-07-03'): TaskFact => ({
  kind: 'assigned',
  on,
  deadline,
  leadUnitId: 1,
});

type Case = [name: string, facts: TaskFact[], asOf: string, expected: StatusCategory | null];

const cases: Case[] = [
  ['before assignment it does not count', [assigned('2020-07-31')], '2020-07-02', null],
  ['assigned on D counts from D', [assigned('2020-07-31')], '2020-07-03', 'in_progress_on_time'],
  ['deadline day itself is within deadline', [assigned('2020-07-31')], '2020-07-31', 'in_progress_on_time'],
  ['the day after the deadline is overdue', [assigned('2020-07-31')], '2020-08-01', 'in_progress_overdue'],
  [
    'completion on the deadline day is on time',
    [
      assigned('2020-07-31'),
      { kind: 'completion_reported', on: '2020-07-31' },
      { kind: 'completion_confirmed', on: '2020-08-05' },
    ],
    '2020-08-05',
    'completed_on_time',
  ],
  [
    'reported on time but not yet confirmed on D is still open, overdue after the deadline',
    [
      assigned('2020-07-31'),
      { kind: 'completion_reported', on: '2020-07-30' },
      { kind: 'completion_confirmed', on: '2020-08-05' },
    ],
    '2020-08-03',
    'in_progress_overdue',
  ],
  [
    'a later confirmation dates the completion on its report day',
    [
      assigned('2020-07-31'),
      { kind: 'completion_reported', on: '2020-07-30' },
      { kind: 'completion_confirmed', on: '2020-08-05' },
    ],
    '2020-12-31',
    'completed_on_time',
  ],
  [
    'completion the day after the deadline is late',
    [
      assigned('2020-07-31'),
      { kind: 'completion_reported', on: '2020-08-01' },
      { kind: 'completion_confirmed', on: '2020-08-01' },
    ],
    '2020-08-01',
    'completed_late',
  ],
  [
    'extension approved before the original deadline moves it',
    [assigned('2020-07-31'), { kind: 'extension_approved', on: '2020-07-20', deadline: '2020-08-31' }],
    '2020-08-10',
    'in_progress_on_time',
  ],
  [
    'extension approved after the original deadline: overdue until the approval day',
    [assigned('2020-07-31'), { kind: 'extension_approved', on: '2020-08-10', deadline: '2020-08-31' }],
    '2020-08-05',
    'in_progress_overdue',
  ],
  [
    'extension approved after the original deadline: within deadline from the approval day',
    [assigned('2020-07-31'), { kind: 'extension_approved', on: '2020-08-10', deadline: '2020-08-31' }],
    '2020-08-10',
    'in_progress_on_time',
  ],
  [
    'completion within an approved extension is on time (default rule)',
    [
      assigned('2020-07-31'),
      { kind: 'extension_approved', on: '2020-07-20', deadline: '2020-08-31' },
      { kind: 'completion_reported', on: '2020-08-20' },
      { kind: 'completion_confirmed', on: '2020-08-21' },
    ],
    '2020-09-30',
    'completed_on_time',
  ],
  [
    'a refused extension changes nothing: overdue after the original deadline',
    [assigned('2020-07-31')],
    '2020-08-15',
    'in_progress_overdue',
  ],
  [
    'a returned completion reopens the task',
    [
      assigned('2020-07-31'),
      { kind: 'completion_reported', on: '2020-07-25' },
      { kind: 'completion_returned', on: '2020-07-28' },
      { kind: 'completion_reported', on: '2020-08-04' },
      { kind: 'completion_confirmed', on: '2020-08-05' },
    ],
    '2020-08-10',
    'completed_late',
  ],
  [
    'a returned completion without a new report stays open',
    [
      assigned('2020-07-31'),
      { kind: 'completion_reported', on: '2020-07-25' },
      { kind: 'completion_returned', on: '2020-07-28' },
    ],
    '2020-08-10',
    'in_progress_overdue',
  ],
  [
    'withdrawn task leaves the statistics from that day',
    [assigned('2020-07-31'), { kind: 'withdrawn', on: '2020-07-20' }],
    '2020-07-20',
    null,
  ],
  [
    'withdrawn task still counts the day before',
    [assigned('2020-07-31'), { kind: 'withdrawn', on: '2020-07-20' }],
    '2020-07-19',
    'in_progress_on_time',
  ],
  [
    'cancelled task leaves the statistics',
    [assigned('2020-07-31'), { kind: 'cancelled', on: '2020-09-01' }],
    '2020-09-10',
    null,
  ],
  ['no fixed deadline is never overdue', [assigned(null)], '2030-01-01', 'in_progress_on_time'],
  [
    'no fixed deadline completed is on time',
    [
      assigned(null),
      { kind: 'completion_reported', on: '2025-01-01' },
      { kind: 'completion_confirmed', on: '2025-01-02' },
    ],
    '2025-02-01',
    'completed_on_time',
  ],
  [
    'a periodic instance is judged against its own deadline',
    [
      assigned('2020-09-15', '2020-09-01'),
      { kind: 'completion_reported', on: '2020-09-16' },
      { kind: 'completion_confirmed', on: '2020-09-17' },
    ],
    '2020-09-30',
    'completed_late',
  ],
];

describe('statusAsOf', () => {
  it.each(cases)('%s', (_name, facts, asOf, expected) => {
    expect(statusAsOf(facts, asOf)).toBe(expected);
  });

  it('judges against the original deadline when extensions do not count as on time', () => {
    const facts: TaskFact[] = [
      assigned('2020-07-31'),
      { kind: 'extension_approved', on: '2020-07-20', deadline: '2020-08-31' },
      { kind: 'completion_reported', on: '2020-08-20' },
      { kind: 'completion_confirmed', on: '2020-08-21' },
    ];
    expect(statusAsOf(facts, '2020-09-30', { extensionCountsAsOnTime: false })).toBe('completed_late');
  });

  it('uses the deadline as it stood on D when there were two extensions', () => {
    const facts: TaskFact[] = [
      assigned('2020-07-31'),
      { kind: 'extension_approved', on: '2020-07-20', deadline: '2020-08-15' },
      { kind: 'extension_approved', on: '2020-08-20', deadline: '2020-09-15' },
    ];
    expect(statusAsOf(facts, '2020-08-17')).toBe('in_progress_overdue');
    expect(statusAsOf(facts, '2020-08-20')).toBe('in_progress_on_time');
    expect(snapshotAsOf(facts, '2020-08-17')?.deadline).toBe('2020-08-15');
    expect(snapshotAsOf(facts)?.extensionCount).toBe(2);
  });

  it('follows the lead unit as it stood on D', () => {
    const facts: TaskFact[] = [assigned('2020-07-31'), { kind: 'lead_reassigned', on: '2020-07-10', leadUnitId: 7 }];
    expect(snapshotAsOf(facts, '2020-07-09')?.leadUnitId).toBe(1);
    expect(snapshotAsOf(facts, '2020-07-10')?.leadUnitId).toBe(7);
  });

  it('refuses a record that does not start with an assignment', () => {
    expect(() => snapshotAsOf([{ kind: 'withdrawn', on: '2020-01-01' }])).toThrow();
  });
});
