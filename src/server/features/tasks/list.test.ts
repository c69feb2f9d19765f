import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../../../../test/helpers/db.js';
import { insertGeneratedHistory } from '../../../../test/helpers/history.js';
import { principalOfUser } from '../early-warning/service.js';
import { listTasks } from './list.js';
import { deadlineAsOf, statusAsOfSql, visibleTo } from './queries.js';
import { TaskListQuery } from './schema.js';

/**
 * The task list, paged to the end in small pages, gives exactly the tasks a plain read of the
 * caller's visible tasks gives once filtered and sorted in code: every filter the list screen
 * sends, every sort, across cursors.
 */
let t: TestDb;
const TODAY = '2026-06-30';

beforeAll(async () => {
  t = await createTestDb({ today: TODAY });
  await insertGeneratedHistory(t, { seed: 23, tasks: 700, from: '2025-06-01', until: TODAY });
});
afterAll(async () => t?.close());

interface Plain {
  id: number;
  status: string | null;
  field_code: string | null;
  lead_unit_id: number;
  assigner_unit_id: number;
  document_id: number | null;
  parent_id: number | null;
  assigned_on: string;
  deadline: string | null;
  deadline_as_of: string | null;
  state: string;
  coordinators: number[];
}

async function plainRead(username: string, asOf: string): Promise<Plain[]> {
  const p = (await principalOfUser(t.db, t.org.userIds.get(username)!))!;
  const rows = await t.db
    .selectFrom('tasks')
    .select([
      'tasks.id',
      'tasks.field_code',
      'tasks.lead_unit_id',
      'tasks.assigner_unit_id',
      'tasks.document_id',
      'tasks.parent_id',
      'tasks.assigned_on',
      'tasks.deadline',
      'tasks.state',
    ])
    .select(statusAsOfSql(asOf, true).as('status'))
    .select(deadlineAsOf(asOf).as('deadline_as_of'))
    .select(
      sql<
        number[]
      >`coalesce((select array_agg(c.unit_id) from task_coordinators c where c.task_id = tasks.id), '{}')`.as(
        'coordinators',
      ),
    )
    .where(visibleTo(p))
    .execute();
  return rows as Plain[];
}

async function pagedIds(username: string, query: Record<string, string | number | boolean>): Promise<number[]> {
  const p = (await principalOfUser(t.db, t.org.userIds.get(username)!))!;
  const ids: number[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 500; page++) {
    const res = await listTasks(t, p, TaskListQuery.parse({ ...query, limit: 7, ...(cursor ? { cursor } : {}) }));
    ids.push(...res.items.map((i) => i.id));
    if (!res.nextCursor) return ids;
    cursor = res.nextCursor;
  }
  throw new Error('the list did not end');
}

/**
 * The first (or last) open task with a deadline, rewritten as assigned 05/01/2026, due 01/03,
 * extended on 01/02 to `first` and on 01/03 to `then`: written straight to the columns the list
 * reads (a command could not give an earlier deadline, and the test wants any shape).
 */
async function extendTwice(pick: 'asc' | 'desc', first: string, then: string) {
  const task = await t.db
    .selectFrom('tasks')
    .select('id')
    .where('confirmed_on', 'is', null)
    .where('ended_on', 'is', null)
    .where('deadline_kind', '!=', 'none')
    .orderBy('id', pick)
    .executeTakeFirstOrThrow();
  await t.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('tasks')
      .set({
        assigned_on: '2026-01-05',
        original_deadline: '2026-03-01',
        deadline: then,
        first_extended_on: '2026-02-01',
        last_extended_on: '2026-03-01',
        extension_count: 2,
      })
      .where('id', '=', task.id)
      .execute();
    await trx.deleteFrom('task_deadline_changes').where('task_id', '=', task.id).execute();
    await trx
      .insertInto('task_deadline_changes')
      .values([
        { task_id: task.id, effective_on: '2026-02-01', deadline: first },
        { task_id: task.id, effective_on: '2026-03-01', deadline: then },
      ] as never)
      .execute();
  });
  return task;
}

const byId = (a: Plain, b: Plain) => b.id - a.id;
const byDeadline = (a: Plain, b: Plain) =>
  (a.deadline ?? '9999-12-31').localeCompare(b.deadline ?? '9999-12-31') || a.id - b.id;

describe('the task list, paged to its end', () => {
  it.each(['chuyenvien', 'vanthu.badinh', 'lanhdao', 'giamdoc.sxd'])(
    'gives %s every visible task once, newest first',
    async (username) => {
      const all = await plainRead(username, TODAY);
      expect(all.length).toBeGreaterThan(10);
      expect(await pagedIds(username, {})).toEqual(all.sort(byId).map((r) => r.id));
    },
  );

  it('filters by status as of a date, sorted by deadline both ways', async () => {
    // Overdue on earlier days too: tasks closed since, and tasks extended before and after the day.
    const cases = [
      ['in_progress_overdue', TODAY],
      ['in_progress_overdue', '2026-01-15'],
      ['in_progress_overdue', '2025-10-31'],
      ['in_progress_on_time', '2026-01-15'],
      ['completed_late', '2026-03-31'],
      ['completed_on_time', TODAY],
    ] as const;
    for (const [status, asOf] of cases) {
      const all = (await plainRead('chuyenvien', asOf)).filter((r) => r.status === status);
      expect(all.length, status).toBeGreaterThan(0);
      expect(await pagedIds('chuyenvien', { status, asOf, sort: 'deadline' }), status).toEqual(
        [...all].sort(byDeadline).map((r) => r.id),
      );
      expect(await pagedIds('chuyenvien', { status, asOf, sort: '-deadline' }), status).toEqual(
        [...all]
          .sort(byDeadline)
          .reverse()
          .map((r) => r.id),
      );
    }
  });

  it('filters by field, authority, unit and role, document, state, dates and counted, alone and together', async () => {
    const all = await plainRead('chuyenvien', TODAY);
    const badinh = t.org.unitIds.get('Q.BADINH')!;
    const inBadinh = new Set(
      (
        await t.db
          .selectFrom('units')
          .select('id')
          .where('path', 'like', sql<string>`(select path from units where id = ${badinh}) || '%'`)
          .execute()
      ).map((u) => u.id),
    );
    const field = all.find((r) => r.field_code)!.field_code!;
    const overdueField = all.find((r) => r.field_code && r.status === 'in_progress_overdue')!.field_code!;
    const authority = all[0]!.assigner_unit_id;
    const document = all.find((r) => r.document_id)!.document_id!;
    const cases: [Record<string, string | number | boolean>, (r: Plain) => boolean][] = [
      [{ fieldCode: field }, (r) => r.field_code === field],
      [{ authorityId: authority }, (r) => r.assigner_unit_id === authority],
      [{ unitId: badinh, role: 'lead' }, (r) => inBadinh.has(r.lead_unit_id)],
      [{ unitId: badinh, role: 'coordinating' }, (r) => r.coordinators.some((c) => inBadinh.has(c))],
      [{ unitId: badinh }, (r) => inBadinh.has(r.lead_unit_id) || r.coordinators.some((c) => inBadinh.has(c))],
      [{ unitId: badinh, subtree: false, role: 'lead' }, (r) => r.lead_unit_id === badinh],
      [{ documentId: document }, (r) => r.document_id === document],
      [{ state: 'completed' }, (r) => r.state === 'completed'],
      [{ topLevel: true }, (r) => r.parent_id === null],
      [{ counted: true }, (r) => r.status !== null],
      [
        { assignedFrom: '2026-01-01', assignedTo: '2026-03-31' },
        (r) => r.assigned_on >= '2026-01-01' && r.assigned_on <= '2026-03-31',
      ],
      [
        { fieldCode: overdueField, status: 'in_progress_overdue', sort: 'deadline' },
        (r) => r.field_code === overdueField && r.status === 'in_progress_overdue',
      ],
      [
        { authorityId: authority, counted: true, state: 'completed', sort: '-id' },
        (r) => r.assigner_unit_id === authority && r.status !== null && r.state === 'completed',
      ],
    ];
    for (const [query, keep] of cases) {
      const expected = all
        .filter(keep)
        .sort(query.sort === 'deadline' ? byDeadline : byId)
        .map((r) => r.id);
      expect(expected.length, JSON.stringify(query)).toBeGreaterThan(0);
      expect(await pagedIds('chuyenvien', query), JSON.stringify(query)).toEqual(expected);
    }
  });

  it('filters by the deadline as it stood on the day, alone and with other filters, in every order', async () => {
    const within = (from: string, to: string) => (r: Plain) =>
      r.deadline_as_of !== null && r.deadline_as_of >= from && r.deadline_as_of <= to;
    for (const [username, asOf, from, to] of [
      ['chuyenvien', TODAY, '2026-07-01', '2026-07-31'],
      ['chuyenvien', '2026-01-15', '2025-12-01', '2026-01-31'],
      ['vanthu.badinh', TODAY, '2026-05-01', '2026-08-31'],
    ] as const) {
      const all = await plainRead(username, asOf);
      const keep = within(from, to);
      expect(all.filter(keep).length, `${username} ${from}`).toBeGreaterThan(0);
      for (const sort of ['deadline', '-deadline', '-id'] as const) {
        const expected = all
          .filter(keep)
          .sort(sort === '-id' ? byId : byDeadline)
          .map((r) => r.id);
        if (sort === '-deadline') expected.reverse();
        expect(
          await pagedIds(username, { asOf, deadlineFrom: from, deadlineTo: to, sort }),
          `${username} ${from} ${sort}`,
        ).toEqual(expected);
      }
      expect(await pagedIds(username, { asOf, deadlineFrom: from, sort: 'deadline' })).toEqual(
        all
          .filter((r) => r.deadline_as_of !== null && r.deadline_as_of >= from)
          .sort(byDeadline)
          .map((r) => r.id),
      );
      expect(await pagedIds(username, { asOf, deadlineTo: to })).toEqual(
        all
          .filter((r) => r.deadline_as_of !== null && r.deadline_as_of <= to)
          .sort(byId)
          .map((r) => r.id),
      );
      const overdue = all
        .filter((r) => keep(r) && r.status === 'in_progress_overdue')
        .sort(byId)
        .map((r) => r.id);
      expect(
        await pagedIds(username, { asOf, deadlineFrom: from, deadlineTo: to, status: 'in_progress_overdue' }),
      ).toEqual(overdue);
    }
  });

  it('finds a task by words of its document without diacritics', async () => {
    const doc = await t.db
      .selectFrom('documents')
      .select(['id', 'number_symbol'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const all = (await plainRead('chuyenvien', TODAY)).filter((r) => r.document_id === doc.id);
    const ids = await pagedIds('chuyenvien', { q: doc.number_symbol });
    for (const r of all) expect(ids).toContain(r.id);
  });

  // PGlite has one connection and no plan to keep (preparedDb is its db).
  it.runIf(process.env.DATABASE_URL)(
    'plans each list statement once, with its day written into it (PostgreSQL)',
    async () => {
      const field = (await plainRead('chuyenvien', TODAY)).find((r) => r.field_code)!.field_code!;
      for (let i = 0; i < 3; i++) {
        await pagedIds('chuyenvien', { fieldCode: field });
        await pagedIds('chuyenvien', { status: 'in_progress_overdue', asOf: '2026-01-15' });
      }
      const kept = await sql<{ statement: string; generic_plans: number; custom_plans: number }>`
      select statement, generic_plans::int, custom_plans::int from pg_prepared_statements
      where statement like '%from "tasks"%' and statement not like '%pg_prepared_statements%'`.execute(t.preparedDb);
      const fieldList = kept.rows.filter((r) => r.statement.includes('tasks.field_code = $'));
      const overdueList = kept.rows.filter((r) =>
        r.statement.includes('least(tasks.original_deadline, tasks.deadline)'),
      );
      expect(fieldList.length).toBeGreaterThan(0);
      expect(overdueList.length).toBeGreaterThan(0);
      for (const r of [...fieldList, ...overdueList])
        expect(r.custom_plans === 0 && r.generic_plans > 0, r.statement.slice(0, 80)).toBe(true);
      expect(
        overdueList.some((r) =>
          r.statement.includes(`least(tasks.original_deadline, tasks.deadline) < '2026-01-15'::date`),
        ),
      ).toBe(true);
    },
  );

  it('finds a task overdue on a day only by a deadline it had between two extensions', async () => {
    // Extensions only move a deadline later (actions.ts refuses an earlier one), which puts the
    // deadline on any day between the original and the current one; the overdue list does not
    // rely on that.
    const task = await extendTwice('asc', '2026-01-20', '2026-05-01');
    const asOf = '2026-02-15';
    const all = (await plainRead('chuyenvien', asOf)).filter((r) => r.status === 'in_progress_overdue');
    expect(all.map((r) => r.id)).toContain(task.id);
    expect(await pagedIds('chuyenvien', { status: 'in_progress_overdue', asOf })).toEqual(
      all.sort(byId).map((r) => r.id),
    );
  });

  it('finds a task due in a period only by the deadline it had there, between two extensions', async () => {
    // Original deadline 01/03, extended on 01/02 to 10/04 and on 01/03 to 20/05: on 15/02 it is due 10/04.
    const task = await extendTwice('desc', '2026-04-10', '2026-05-20');
    const asOf = '2026-02-15';
    const all = (await plainRead('chuyenvien', asOf)).filter(
      (r) => r.deadline_as_of !== null && r.deadline_as_of >= '2026-04-01' && r.deadline_as_of <= '2026-04-30',
    );
    expect(all.map((r) => r.id)).toContain(task.id);
    expect(
      await pagedIds('chuyenvien', { asOf, deadlineFrom: '2026-04-01', deadlineTo: '2026-04-30', sort: 'deadline' }),
    ).toEqual(all.sort(byDeadline).map((r) => r.id));
  });
});
