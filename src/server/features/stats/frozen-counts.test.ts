import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../../test/helpers/db.js';
import { insertGeneratedHistory } from '../../../../test/helpers/history.js';
import { principalOfUser } from '../early-warning/service.js';
import { compactFrozenCounts, frozenCounts } from './frozen-counts.js';
import { countByGroup, type GroupBy, type StatsFilter } from './queries.js';

/**
 * The kept counts must give the statistics exactly what reading every task gives: on any
 * cut-off, grouping, filter and caller, after the tasks change in any way, and after compaction.
 * (stats/agreement.test.ts checks the result against the domain rules task by task.)
 */
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb({ today: '2026-06-30' });
  await insertGeneratedHistory(t, { seed: 11, tasks: 1500, from: '2023-06-01', until: '2026-06-30' });
});
afterAll(async () => t?.close());

const cutoffs = ['2023-12-31', '2024-01-01', '2024-07-15', '2025-03-31', '2025-12-31', '2026-06-30'];
const groupings: GroupBy[] = ['lead_unit', 'authority', 'field', 'leader'];
const byKey = (rows: Awaited<ReturnType<typeof countByGroup>>) =>
  Object.fromEntries(rows.map((r) => [String(r.key), r]));

async function expectSameBothWays(f: StatsFilter, username?: string) {
  const p = username ? await principalOfUser(t.db, t.org.userIds.get(username)!) : null;
  for (const groupBy of groupings) {
    for (const extensionCountsAsOnTime of [true, false]) {
      const rules = { extensionCountsAsOnTime };
      const [kept, read] = await Promise.all([
        countByGroup(t.db, p, groupBy, f, rules),
        countByGroup(t.db, p, groupBy, f, rules, { readTasksOnly: true }),
      ]);
      expect(byKey(kept), `${username ?? 'no one'} ${groupBy} ${JSON.stringify(f)} ${extensionCountsAsOnTime}`).toEqual(
        byKey(read),
      );
    }
  }
}

/** How many tasks a cut-off takes from the kept counts rather than from the tasks. */
async function keptTasks(asOf: string) {
  const rows = await frozenCounts(
    t.db,
    'lead_unit',
    { asOf, topLevel: false },
    { extensionCountsAsOnTime: true },
    null,
  ).execute();
  return rows.reduce((n, r) => n + Number(r.on_time) + Number(r.late) + Number(r.in_progress) + Number(r.overdue), 0);
}

describe('kept counts of tasks past their last fact day', () => {
  it('hold most of an old cut-off and none before the history', async () => {
    expect(await keptTasks('2023-06-30')).toBe(0);
    expect(await keptTasks('2025-12-31')).toBeGreaterThan(700);
  });

  it.each(cutoffs)('give what reading the tasks gives as of %s', async (asOf) => {
    await expectSameBothWays({ asOf, topLevel: true });
    await expectSameBothWays({ asOf, topLevel: false });
  });

  it('give the same with a field or a unit filter, and for callers who see some fields or everything', async () => {
    const field = await t.db
      .selectFrom('tasks')
      .select('field_code')
      .where('field_code', 'is not', null)
      .limit(1)
      .executeTakeFirstOrThrow();
    const district = t.org.unitIds.get('Q.BADINH')!;
    await expectSameBothWays({ asOf: '2025-12-31', topLevel: true, fieldCode: field.field_code! });
    await expectSameBothWays({ asOf: '2025-12-31', topLevel: true, unitId: district });
    for (const username of ['admin', 'chuyenvien', 'lanhdao', 'vanthu.badinh', 'giamdoc.sxd'])
      await expectSameBothWays({ asOf: '2025-09-30', topLevel: true }, username);
  });

  it('follow every change to the tasks in the same transaction, and survive compaction', async () => {
    const old = await t.db
      .selectFrom('tasks')
      .select(['id', 'lead_unit_id'])
      .where('assigned_on', '<', '2024-06-01')
      .orderBy('id')
      .limit(40)
      .execute();
    const other = await t.db
      .selectFrom('units')
      .select('id')
      .where(
        'id',
        'not in',
        old.map((o) => o.lead_unit_id),
      )
      .where('kind', '=', 'district')
      .limit(1)
      .executeTakeFirst();
    await t.db.transaction().execute(async (trx) => {
      // A record corrected years later, a task withdrawn, one given to another unit, one re-opened, one extended.
      await trx
        .updateTable('tasks')
        .set({ confirmed_on: '2024-05-02', completed_on: '2024-05-01' })
        .where('id', '=', old[0]!.id)
        .execute();
      await trx.updateTable('tasks').set({ ended_on: '2024-05-03' }).where('id', '=', old[1]!.id).execute();
      if (other)
        await trx
          .updateTable('tasks')
          .set({ lead_unit_id: other.id })
          .where(
            'id',
            'in',
            old.slice(2, 10).map((o) => o.id),
          )
          .execute();
      await trx
        .updateTable('tasks')
        .set({ confirmed_on: null, completed_on: null, ended_on: null })
        .where(
          'id',
          'in',
          old.slice(10, 20).map((o) => o.id),
        )
        .execute();
      await trx
        .updateTable('tasks')
        .set({ deadline: '2026-03-31', first_extended_on: '2024-01-10', last_extended_on: '2024-01-10' })
        .where(
          'id',
          'in',
          old.slice(20, 30).map((o) => o.id),
        )
        .execute();
      await trx
        .updateTable('tasks')
        .set({ progress: 50 })
        .where(
          'id',
          'in',
          old.slice(30, 40).map((o) => o.id),
        )
        .execute();
    });
    // A task inserted and deleted again leaves nothing behind.
    const copy = await sql<{
      id: number;
    }>`insert into tasks (document_id, content, search_text, assigner_unit_id, lead_unit_id, lead_since, deadline_kind, assigned_on, original_deadline, deadline, state)
      select document_id, content, search_text, assigner_unit_id, lead_unit_id, lead_since, deadline_kind, assigned_on, original_deadline, deadline, state from tasks where id = ${old[0]!.id} returning id`.execute(
      t.db,
    );
    await t.db.deleteFrom('tasks').where('id', '=', copy.rows[0]!.id).execute();
    for (const asOf of cutoffs) await expectSameBothWays({ asOf, topLevel: true });

    const fresh = async () =>
      Number(
        (
          await t.db
            .selectFrom('frozen_task_counts')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('compacted', '=', false)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await fresh()).toBeGreaterThan(0);
    expect(await compactFrozenCounts(t.db)).toBeGreaterThan(0);
    expect(await fresh()).toBe(0);
    expect(await compactFrozenCounts(t.db)).toBe(0);
    for (const asOf of cutoffs) await expectSameBothWays({ asOf, topLevel: true });
  });

  it('are rebuilt from the tasks exactly: what the triggers kept equals a fresh count', async () => {
    const kept = await sql<{ n: string }>`select count(*) as n from (
      select span, bucket, lead_unit_id, assigner_unit_id, field_code, leader_user_id, top_level, sum(tasks) t, sum(confirmed) c, sum(on_time_extended) e, sum(on_time_original) o, sum(dated) d, sum(confirmed_dated) cd
      from frozen_task_counts group by 1, 2, 3, 4, 5, 6, 7 having sum(tasks) <> 0
      except
      select s.span, date_trunc(s.span, greatest(assigned_on, ended_on, confirmed_on, completed_on, original_deadline, deadline, first_extended_on, last_extended_on, lead_since)::timestamp)::date,
        lead_unit_id, assigner_unit_id, coalesce(field_code, ''), coalesce(leader_user_id, 0), parent_id is null, count(*),
        count(confirmed_on), count(*) filter (where confirmed_on is not null and (coalesce(case when first_extended_on is null then original_deadline else deadline end, '9999-12-31') >= completed_on)),
        count(*) filter (where confirmed_on is not null and coalesce(original_deadline, '9999-12-31') >= completed_on),
        count(case when first_extended_on is null then original_deadline else deadline end),
        count(*) filter (where confirmed_on is not null and (case when first_extended_on is null then original_deadline else deadline end) is not null)
      from tasks cross join (values ('month'), ('year')) s(span) where ended_on is null group by 1, 2, 3, 4, 5, 6, 7) x`.execute(
      t.db,
    );
    expect(Number(kept.rows[0]!.n)).toBe(0);
  });
});
