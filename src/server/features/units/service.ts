import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database, Unit, UnitKind } from '../../db/schema.js';
import { hasRole, type Principal } from '../../domain/access.js';
import { foldForSearch } from '../../domain/text.js';
import { Conflict, Invalid, notAllowed, notFound, staleVersion } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import * as q from './queries.js';
import { activeParent, moveUnit, type Changes } from './tree.js';

export { mergeUnit } from './merge.js';

export const UNIT = { vi: 'đơn vị', en: 'Unit' };

/** Units, users, calendars and settings are the administrator's (DESIGN.md §1). */
export function assertAdmin(p: Principal): void {
  if (!hasRole(p, 'admin')) throw notAllowed();
}

export async function listUnits(ctx: AppContext, asOf?: string): Promise<q.UnitView[]> {
  return (await q.listUnits(ctx.db, asOf)).map(q.presentUnit);
}

export async function getUnit(ctx: AppContext, id: number): Promise<q.UnitView> {
  const unit = await q.findUnit(ctx.db, id);
  if (!unit) throw notFound(UNIT, id);
  return q.presentUnit(unit);
}

export const listFields = (ctx: AppContext) => q.listFields(ctx.db);

export interface NewUnitInput {
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
}

// Communes and divisions always sit inside another unit; authorities, departments and
// districts may be roots (the CSV has several top-level authorities).
const NEEDS_PARENT: readonly UnitKind[] = ['commune', 'division'];

export async function createUnit(ctx: AppContext, p: Principal, input: NewUnitInput): Promise<q.UnitView> {
  assertAdmin(p);
  if (input.parentId === null && NEEDS_PARENT.includes(input.kind)) {
    throw new Invalid(
      {
        vi: 'Xã/phường và phòng/ban phải thuộc một đơn vị cấp trên.',
        en: 'A commune or division needs a parent unit.',
      },
      'parentId',
    );
  }
  return ctx.db.transaction().execute(async (trx) => {
    await assertCodeFree(trx, input.code);
    const parent = input.parentId === null ? null : await activeParent(trx, input.parentId);
    const { id } = await trx
      .insertInto('units')
      .values({
        code: input.code,
        name: input.name,
        kind: input.kind,
        parent_id: input.parentId,
        path: '',
        search_text: searchText(input.code, input.name),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('units')
      .set({ path: `${parent?.path ?? '/'}${id}/` })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'unit_created',
      entity: 'unit',
      entityId: id,
      data: { ...input },
    });
    return q.presentUnit((await q.findUnit(trx, id))!);
  });
}

export interface UnitPatch {
  code?: string;
  name?: string;
  kind?: UnitKind;
  parentId?: number | null;
  active?: boolean;
  version: number;
}

/** Renames, moves (rewriting the whole subtree's paths), deactivates or reactivates a unit. */
export async function updateUnit(ctx: AppContext, p: Principal, id: number, patch: UnitPatch): Promise<q.UnitView> {
  assertAdmin(p);
  return ctx.db.transaction().execute(async (trx) => {
    await q.lockUnitTree(trx);
    const unit = await q.lockUnit(trx, id);
    if (!unit) throw notFound(UNIT, id);
    if (patch.version !== unit.version) throw staleVersion();
    const changes: Changes = {};
    await applyAttributes(trx, unit, patch, changes);
    if (patch.parentId !== undefined && patch.parentId !== unit.parent_id)
      await moveUnit(trx, unit, patch.parentId, changes);
    if (patch.active !== undefined && patch.active !== unit.active) await setActive(trx, unit, patch.active, changes);
    await trx
      .updateTable('units')
      .set({ version: unit.version + 1 })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'unit_updated',
      entity: 'unit',
      entityId: id,
      data: { changes },
    });
    return q.presentUnit((await q.findUnit(trx, id))!);
  });
}

async function applyAttributes(
  trx: Transaction<Database>,
  unit: Unit,
  patch: UnitPatch,
  changes: Changes,
): Promise<void> {
  const code = patch.code ?? unit.code;
  const name = patch.name ?? unit.name;
  const kind = patch.kind ?? unit.kind;
  if (code !== unit.code) await assertCodeFree(trx, code);
  if (code === unit.code && name === unit.name && kind === unit.kind) return;
  await trx
    .updateTable('units')
    .set({ code, name, kind, search_text: searchText(code, name) })
    .where('id', '=', unit.id)
    .execute();
  if (code !== unit.code) changes.code = [unit.code, code];
  if (name !== unit.name) changes.name = [unit.name, name];
  if (kind !== unit.kind) changes.kind = [unit.kind, kind];
}

/** A unit with open work or active divisions cannot just be switched off: merge it instead. */
async function setActive(trx: Transaction<Database>, unit: Unit, active: boolean, changes: Changes): Promise<void> {
  if (!active) {
    const open = await q.countOpenTasksLedBy(trx, unit.id);
    if (open > 0) {
      throw new Invalid(
        {
          vi: `Đơn vị đang chủ trì ${open} nhiệm vụ chưa hoàn thành; hãy dùng chức năng sáp nhập.`,
          en: `The unit leads ${open} open tasks; merge it into a successor instead.`,
        },
        'active',
      );
    }
    if ((await q.activeChildren(trx, unit.id)).length > 0) {
      throw new Invalid(
        { vi: 'Đơn vị còn đơn vị trực thuộc đang hoạt động.', en: 'The unit still has active units under it.' },
        'active',
      );
    }
  } else if (unit.parent_id !== null && !(await q.findUnit(trx, unit.parent_id))?.active) {
    throw new Invalid({ vi: 'Đơn vị cấp trên đã ngừng hoạt động.', en: 'The parent unit is inactive.' }, 'active');
  }
  // A reactivated unit stands on its own again: it no longer has a successor.
  await trx
    .updateTable('units')
    .set({ active, ...(active ? { successor_id: null } : {}) })
    .where('id', '=', unit.id)
    .execute();
  changes.active = [unit.active, active];
}

async function assertCodeFree(trx: Transaction<Database>, code: string): Promise<void> {
  if (await q.findUnitByCode(trx, code)) {
    throw new Conflict(
      { vi: `Mã đơn vị "${code}" đã được dùng.`, en: `Unit code "${code}" is already in use.` },
      'code',
    );
  }
}

const searchText = (code: string, name: string) => foldForSearch(`${code} ${name}`);

export { lockUnitTree } from './queries.js';
export { moveUnit } from './tree.js';
