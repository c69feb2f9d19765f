import { FIELDS } from '../../src/server/seed/fields.js';
import { generateHistory, type GeneratedTask } from '../../src/server/seed/history.js';
import { insertHistory } from '../../src/server/seed/insert-history.js';
import type { TestDb } from './db.js';

/** Generates a randomized history over the seeded organisation's units and inserts it. */
export async function insertGeneratedHistory(
  t: TestDb,
  o: { seed: number; tasks: number; from: string; until: string },
): Promise<GeneratedTask[]> {
  const units = await t.db.selectFrom('units').select(['id', 'kind']).execute();
  const generated = generateHistory({
    ...o,
    leadUnitIds: units.filter((u) => u.kind === 'department' || u.kind === 'district').map((u) => u.id),
    authorityUnitIds: units.filter((u) => u.kind === 'authority').map((u) => u.id),
    fieldCodes: FIELDS.map((f) => f.code),
    actorUserId: null,
  });
  await insertHistory(t.db, generated.documents, generated.tasks, null);
  return generated.tasks;
}
