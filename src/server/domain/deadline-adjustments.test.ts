import { describe, expect, it } from 'vitest';
import { snapshotAsOf, statusAsOf, type TaskFact } from './task-status.js';

/** A deadline the assigning side corrects directly: from its day, or back-dated (entered wrong). */
const assigned: TaskFact = { kind: 'assigned', on: '2026-01-05', deadline: '2026-03-31', leadUnitId: 1 };
const forward: TaskFact = { kind: 'deadline_adjusted', on: '2026-04-10', deadline: '2026-05-31', backdated: false };
const backdated: TaskFact = { ...forward, backdated: true };

describe('deadline adjustments', () => {
  it.each([
    ['before the adjustment, the deadline as it stood', [assigned, forward], '2026-04-05', 'in_progress_overdue'],
    ['from the adjustment on, the new deadline', [assigned, forward], '2026-04-15', 'in_progress_on_time'],
    ['after the new deadline', [assigned, forward], '2026-06-01', 'in_progress_overdue'],
    [
      'back-dated: every cut-off reads the corrected deadline',
      [assigned, backdated],
      '2026-04-05',
      'in_progress_on_time',
    ],
    ['no adjustment', [assigned], '2026-04-15', 'in_progress_overdue'],
    [
      'completed between the two deadlines, after a forward adjustment',
      [
        assigned,
        forward,
        { kind: 'completion_reported', on: '2026-05-20' },
        { kind: 'completion_confirmed', on: '2026-05-21' },
      ],
      '2026-06-30',
      'completed_on_time',
    ],
  ] as const)('%s', (_, facts, asOf, expected) => {
    expect(statusAsOf(facts as readonly TaskFact[], asOf)).toBe(expected);
  });

  it('is not an extension: the count stays and the original deadline is kept', () => {
    const s = snapshotAsOf([assigned, forward])!;
    expect(s).toMatchObject({ extensionCount: 0, originalDeadline: '2026-03-31', deadline: '2026-05-31' });
    expect(snapshotAsOf([assigned, backdated])).toMatchObject({
      originalDeadline: '2026-05-31',
      firstExtendedOn: null,
    });
  });
});
