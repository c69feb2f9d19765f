import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../../test/helpers/db.js';
import { insertGeneratedHistory } from '../../../../test/helpers/history.js';
import { principalOfUser } from '../early-warning/service.js';
import { unitFreeScopeOf, visibilityOf, visibleTo } from './queries.js';

/** The simplified visibility the statistics use must select exactly the tasks visibleTo does. */
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb({ today: '2026-06-30' });
  await insertGeneratedHistory(t, { seed: 7, tasks: 600, from: '2025-01-01', until: '2026-06-30' });
});
afterAll(async () => t?.close());

async function idsSeenBy(username: string) {
  const p = (await principalOfUser(t.db, t.org.userIds.get(username)!))!;
  const select = () => t.db.selectFrom('tasks').select('tasks.id').orderBy('tasks.id');
  const [exact, simplified] = await Promise.all([
    select().where(visibleTo(p)).execute(),
    select()
      .where(await visibilityOf(t.db, p))
      .execute(),
  ]);
  return { exact: exact.map((r) => r.id), simplified: simplified.map((r) => r.id) };
}

describe('visibilityOf', () => {
  it.each([
    'admin',
    'chuyenvien',
    'lanhdao',
    'vanthu.badinh',
    'truongphong.badinh',
    'canbo.badinh',
    'vanthu.sxd',
    'giamdoc.sxd',
    'thanhtra.snv',
  ])('selects what visibleTo selects for %s', async (username) => {
    const { exact, simplified } = await idsSeenBy(username);
    expect(simplified).toEqual(exact);
  });

  it.each([
    'admin',
    'chuyenvien',
    'lanhdao',
    'vanthu.badinh',
    'truongphong.badinh',
    'canbo.badinh',
    'vanthu.sxd',
    'giamdoc.sxd',
    'thanhtra.snv',
  ])('names the fields %s sees every task of only when that is exactly what visibleTo selects', async (username) => {
    const p = (await principalOfUser(t.db, t.org.userIds.get(username)!))!;
    const scope = await unitFreeScopeOf(t.db, p);
    if (!scope) return;
    let q = t.db.selectFrom('tasks').select('tasks.id').orderBy('tasks.id');
    if (scope.fields) q = q.where('tasks.field_code', 'in', scope.fields.length ? [...scope.fields] : ['']);
    expect((await q.execute()).map((r) => r.id)).toEqual((await idsSeenBy(username)).exact);
  });

  it("says the scope of a district or a department depends on the tasks' units", async () => {
    for (const username of ['vanthu.badinh', 'giamdoc.sxd'])
      expect(await unitFreeScopeOf(t.db, (await principalOfUser(t.db, t.org.userIds.get(username)!))!)).toBeNull();
    expect(await unitFreeScopeOf(t.db, (await principalOfUser(t.db, t.org.userIds.get('chuyenvien')!))!)).toEqual({
      fields: null,
    });
  });

  it('stops widening an office once a task is led by a unit outside it', async () => {
    const before = await idsSeenBy('chuyenvien');
    expect(before.exact.length).toBe(
      await t.db
        .selectFrom('tasks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n)),
    );
    // A task of the Party Committee's own, led outside the People's Committee's tree.
    const outside = await t.db.selectFrom('units').select('id').where('code', '=', 'TU').executeTakeFirstOrThrow();
    const task = await t.db.selectFrom('tasks').select('id').orderBy('id').executeTakeFirstOrThrow();
    await t.db
      .updateTable('tasks')
      .set({ lead_unit_id: outside.id, assigner_unit_id: outside.id })
      .where('id', '=', task.id)
      .execute();
    await t.db.deleteFrom('task_coordinators').where('task_id', '=', task.id).execute();
    const after = await idsSeenBy('chuyenvien');
    expect(after.exact).not.toContain(task.id);
    expect(after.simplified).toEqual(after.exact);
  });
});
