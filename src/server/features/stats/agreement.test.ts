import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../domain/dates.js';
import type { WorkingCalendar } from '../../domain/calendar.js';
import { deadlineEnds, snapshotAsOf, statusAsOf, type StatusRules } from '../../domain/task-status.js';
import { loadWorkingCalendar } from '../calendar/service.js';
import type { GeneratedTask } from '../../seed/history.js';
import { createTestDb, type TestDb } from '../../../../test/helpers/db.js';
import { insertGeneratedHistory } from '../../../../test/helpers/history.js';
import { movingOn } from '../tasks/queries.js';
import { countByGroup } from './queries.js';

/**
 * The statistics SQL must say exactly what the domain rules say, task by task, on randomized
 * histories: every cut-off, every group, both settings of the extension rule.
 */
let t: TestDb;
let tasks: GeneratedTask[];
let calendar: WorkingCalendar;

beforeAll(async () => {
  t = await createTestDb({ today: '2026-06-30' });
  tasks = await insertGeneratedHistory(t, { seed: 42, tasks: 3000, from: '2024-01-01', until: '2026-06-30' });
  calendar = await loadWorkingCalendar(t.db);
});
afterAll(async () => t?.close());

function expectedByLead(asOf: string, rules: StatusRules): Map<number, Record<string, number>> {
  const groups = new Map<number, Record<string, number>>();
  for (const task of tasks) {
    const status = statusAsOf(task.facts, asOf, rules, calendar);
    if (!status) continue;
    const lead = snapshotAsOf(task.facts, asOf)!.leadUnitId;
    const g = groups.get(lead) ?? {
      completed_on_time: 0,
      completed_late: 0,
      in_progress_on_time: 0,
      in_progress_overdue: 0,
    };
    g[status]! += 1;
    groups.set(lead, g);
  }
  return groups;
}

describe('statistics SQL agrees with the domain rules', () => {
  it('generated a history with every kind of record', () => {
    const kinds = new Set(tasks.flatMap((x) => x.events.map((e) => e.kind)));
    for (const k of [
      'extension_approved',
      'extension_refused',
      'completion_returned',
      'completion_confirmed',
      'withdrawn',
      'cancelled',
      'lead_reassigned',
    ])
      expect(kinds).toContain(k);
    expect(tasks.some((x) => x.deadlineChanges.length > 0 && x.deadlineChanges[0]!.on > x.originalDeadline!)).toBe(
      true,
    );
  });

  const cutoffs = ['2024-03-15', '2024-09-30', '2025-02-14', '2025-07-01', '2026-01-31', '2026-06-30'];

  it('agrees on the days when an extension or a change of lead straddles the cut-off', async () => {
    // The SQL counts tasks settled on the cut-off and the others (deadline or lead looked up
    // in the change tables) by two routes: pick cut-offs that put tasks on the second one.
    const betweenExtensions = tasks.filter((x) => x.deadlineChanges.length >= 2).map((x) => x.deadlineChanges[0]!.on);
    const beforeNewLead = tasks
      .filter((x) => x.leadChanges.length > 0 && x.leadChanges[0]!.on > x.assignedOn)
      .map((x) => addDays(x.leadChanges[0]!.on, -1));
    // (The generator approves at most one extension per task, so the first list may be empty.)
    const days = [...betweenExtensions.slice(0, 2), ...beforeNewLead.slice(0, 4)];
    expect(beforeNewLead.length).toBeGreaterThanOrEqual(4);
    for (const asOf of days) {
      const moving = await t.db
        .selectFrom('tasks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('assigned_on', '<=', asOf)
        .where(movingOn(asOf))
        .executeTakeFirstOrThrow();
      expect(Number(moving.n), asOf).toBeGreaterThan(0);
      for (const extensionCountsAsOnTime of [true, false]) {
        const rules = { extensionCountsAsOnTime };
        const rows = await countByGroup(t.db, null, 'lead_unit', { asOf, topLevel: true }, rules);
        const actual = new Map(
          rows.map((r) => [
            Number(r.key),
            {
              completed_on_time: r.on_time,
              completed_late: r.late,
              in_progress_on_time: r.in_progress,
              in_progress_overdue: r.overdue,
            },
          ]),
        );
        expect(Object.fromEntries(actual), asOf).toEqual(Object.fromEntries(expectedByLead(asOf, rules)));
      }
    }
  });

  it.each(cutoffs.flatMap((c) => [[c, 'stays'] as const, [c, 'next_working_day'] as const]))(
    'counts tasks due by %s, and those of them completed, like the rules (%s)',
    async (asOf, deadlineOnNonWorkingDay) => {
      const rules = { extensionCountsAsOnTime: true, deadlineOnNonWorkingDay };
      const rows = await countByGroup(t.db, null, 'authority', { asOf, topLevel: true }, rules);
      const sum = (k: 'due_by_cutoff' | 'completed_of_due') => rows.reduce((n, r) => n + r[k], 0);
      let due = 0;
      let completedOfDue = 0;
      for (const x of tasks) {
        const status = statusAsOf(x.facts, asOf, rules, calendar);
        const s = snapshotAsOf(x.facts, asOf);
        if (!status || !s || s.deadline === null || deadlineEnds(s.deadline, rules, calendar) > asOf) continue;
        due++;
        if (status === 'completed_on_time' || status === 'completed_late') completedOfDue++;
      }
      expect([sum('due_by_cutoff'), sum('completed_of_due')]).toEqual([due, completedOfDue]);
    },
  );
  it('generated completion reports dated before their entry (business dates)', () => {
    const dated = tasks
      .flatMap((x) => x.facts)
      .filter((f) => f.kind === 'completion_reported' && f.dated && f.dated < f.on);
    expect(dated.length).toBeGreaterThan(100);
  });

  for (const [extensionCountsAsOnTime, deadlineOnNonWorkingDay] of [
    [true, 'stays'],
    [false, 'stays'],
    [true, 'next_working_day'],
    [false, 'next_working_day'],
  ] as const) {
    it.each(cutoffs)(
      `per lead unit as of %s (extensions count as on time: ${extensionCountsAsOnTime}; deadline on a non-working day: ${deadlineOnNonWorkingDay})`,
      async (asOf) => {
        const rules = { extensionCountsAsOnTime, deadlineOnNonWorkingDay };
        const rows = await countByGroup(t.db, null, 'lead_unit', { asOf, topLevel: true }, rules);
        const actual = new Map(
          rows.map((r) => [
            Number(r.key),
            {
              completed_on_time: r.on_time,
              completed_late: r.late,
              in_progress_on_time: r.in_progress,
              in_progress_overdue: r.overdue,
            },
          ]),
        );
        const expected = expectedByLead(asOf, rules);
        expect(actual.size).toBeGreaterThan(0);
        expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
      },
    );
  }

  it('counts due-in-period and assigned-in-period filters like the rules', async () => {
    const asOf = '2025-12-31';
    const rules = { extensionCountsAsOnTime: true };
    const rows = await countByGroup(
      t.db,
      null,
      'field',
      { asOf, topLevel: true, dueFrom: '2025-07-01', dueTo: '2025-12-31', assignedFrom: '2025-01-01' },
      rules,
    );
    const total = rows.reduce((n, r) => n + r.on_time + r.late + r.in_progress + r.overdue, 0);
    const expected = tasks.filter((x) => {
      const s = snapshotAsOf(x.facts, asOf);
      return (
        s &&
        s.alive &&
        x.assignedOn >= '2025-01-01' &&
        s.deadline !== null &&
        s.deadline >= '2025-07-01' &&
        s.deadline <= '2025-12-31'
      );
    }).length;
    expect(total).toBe(expected);
  });
});
