import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/db.js';
import { seedDemo } from './demo.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ seed: false, today: '2026-03-02' });
  await seedDemo(t, { historyTasks: 200, reorganised: true });
}, 300_000);
afterAll(async () => t?.close());

describe('the demo on the 2025 organisation', () => {
  it('applies both acts and leaves no open task with an ended unit', async () => {
    const acts = await t.db.selectFrom('reorganisation_acts').select(['number_symbol', 'status']).execute();
    expect(acts.map((a) => a.status)).toEqual(['applied', 'applied']);
    const stranded = await t.db
      .selectFrom('tasks as k')
      .innerJoin('units as u', 'u.id', 'k.lead_unit_id')
      .select('k.id')
      .where('k.state', 'in', ['assigned', 'received', 'in_progress', 'completion_reported'])
      .where('u.active', '=', false)
      .execute();
    expect(stranded).toEqual([]);
    const live = await t.db
      .selectFrom('units')
      .select('kind')
      .where('active', '=', true)
      .where('kind', 'in', ['district', 'ward', 'commune'])
      .execute();
    expect(live.filter((u) => u.kind === 'district')).toHaveLength(0);
    expect(live).toHaveLength(126);
  });

  it('keeps the history: tasks assigned before March 2025 that closed before the acts stay with 2020 units', async () => {
    const closed = await t.db
      .selectFrom('tasks as k')
      .innerJoin('units as u', 'u.id', 'k.lead_unit_id')
      .select(['u.valid_from', 'u.valid_to'])
      .where('k.assigned_on', '<', '2025-03-01')
      .where('k.ended_on', '<', '2025-03-01')
      .execute();
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((u) => u.valid_from === null && u.valid_to !== null)).toBe(true);
    const moved = await t.db
      .selectFrom('task_lead_changes')
      .select('effective_on')
      .where('effective_on', 'in', ['2025-03-01', '2025-07-01'])
      .execute();
    expect(moved.length).toBeGreaterThan(0);
  });
});
