import type { Transaction } from 'kysely';
import type { Database, Unit } from '../../db/schema.js';
import { Invalid } from '../../errors.js';
import * as q from './queries.js';

/** What a change did, for the audit row: [before, after] pairs and counts. */
export type Changes = Record<string, unknown>;

/** Re-parents a unit; a unit cannot move under itself or one of its own descendants. */
export async function moveUnit(
  trx: Transaction<Database>,
  unit: Unit,
  parentId: number | null,
  changes: Changes,
): Promise<void> {
  const parent = parentId === null ? null : await activeParent(trx, parentId);
  if (parent && parent.path.startsWith(unit.path)) {
    throw new Invalid(
      {
        vi: `Không thể chuyển đơn vị "${unit.name}" vào chính nó hoặc đơn vị cấp dưới của nó.`,
        en: `Cannot move "${unit.name}" under itself or one of its descendants.`,
      },
      'parentId',
    );
  }
  const newPath = `${parent?.path ?? '/'}${unit.id}/`;
  await trx.updateTable('units').set({ parent_id: parentId }).where('id', '=', unit.id).execute();
  const moved = await q.rewriteSubtreePaths(trx, unit.path, newPath);
  changes.parentId = [unit.parent_id, parentId];
  changes.path = [unit.path, newPath];
  changes.unitsRepathed = moved;
}

export async function activeParent(trx: Transaction<Database>, parentId: number): Promise<Unit> {
  const parent = await q.findUnit(trx, parentId);
  if (!parent)
    throw new Invalid(
      { vi: `Đơn vị cấp trên #${parentId} không tồn tại.`, en: `Parent unit #${parentId} does not exist.` },
      'parentId',
    );
  if (!parent.active)
    throw new Invalid(
      { vi: `Đơn vị cấp trên "${parent.name}" đã ngừng hoạt động.`, en: `Parent unit "${parent.name}" is inactive.` },
      'parentId',
    );
  return parent;
}
