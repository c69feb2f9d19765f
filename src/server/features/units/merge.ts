import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database, Unit } from '../../db/schema.js';
import { hasRole, type Principal } from '../../domain/access.js';
import { Conflict, Invalid, notAllowed, notFound, staleVersion } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { insertEvent, refreshProjection } from '../tasks/queries.js';
import * as q from './queries.js';
import { moveUnit } from './tree.js';

export interface MergeInput {
  successorId: number;
  reason?: string | null;
  version?: number;
}

export interface MergeResult {
  unit: q.UnitView;
  successor: q.UnitView;
  movedTaskIds: number[];
  coordinatingTaskIds: number[];
  /** Open sub-tasks it had handed down, whose decisions pass to the successor. */
  handedDownTaskIds: number[];
  movedUnitIds: number[];
}

/**
 * Merges a unit into its successor (DESIGN.md §1): its open tasks are led by the successor
 * from today, its coordinating roles on open tasks pass to the successor, so do the decisions on
 * the open sub-tasks it handed down (extensions, confirming completion), its active divisions
 * move under the successor, and the unit itself stays — inactive, with its name — so closed
 * tasks keep their history under the old name. One transaction, with events and audit rows.
 */
export async function mergeUnit(
  ctx: AppContext,
  p: Principal,
  unitId: number,
  input: MergeInput,
): Promise<MergeResult> {
  if (!hasRole(p, 'admin')) throw notAllowed();
  const today = ctx.clock.today();
  return ctx.db.transaction().execute(async (trx) => {
    await q.lockUnitTree(trx);
    const { unit, successor } = await checkMerge(trx, unitId, input);
    const reason = input.reason ?? `Sáp nhập "${unit.name}" vào "${successor.name}"`;
    const movedTaskIds = await moveOpenLeads(trx, unit, successor, { actorUserId: p.userId, today, reason });
    const coordinatingTaskIds = await q.moveOpenCoordination(trx, unit.id, successor.id);
    const handedDownTaskIds = await moveOpenHandedDown(trx, unit, successor, { actorUserId: p.userId, today, reason });
    const movedUnitIds: number[] = [];
    for (const child of await q.activeChildren(trx, unit.id)) {
      await moveUnit(trx, child, successor.id, {});
      movedUnitIds.push(child.id);
    }
    await trx
      .updateTable('units')
      .set({ active: false, successor_id: successor.id, version: unit.version + 1 })
      .where('id', '=', unit.id)
      .execute();
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'unit_merged',
      entity: 'unit',
      entityId: unit.id,
      data: { successorId: successor.id, reason, movedTaskIds, coordinatingTaskIds, handedDownTaskIds, movedUnitIds },
    });
    const [after, successorAfter] = await Promise.all([q.findUnit(trx, unit.id), q.findUnit(trx, successor.id)]);
    return {
      unit: q.presentUnit(after!),
      successor: q.presentUnit(successorAfter!),
      movedTaskIds,
      coordinatingTaskIds,
      handedDownTaskIds,
      movedUnitIds,
    };
  });
}

async function checkMerge(
  trx: Transaction<Database>,
  unitId: number,
  input: MergeInput,
): Promise<{ unit: Unit; successor: Unit }> {
  const unit = await q.lockUnit(trx, unitId);
  if (!unit) throw notFound({ vi: 'đơn vị', en: 'Unit' }, unitId);
  if (input.version !== undefined && input.version !== unit.version) throw staleVersion();
  if (!unit.active) {
    throw new Conflict({
      vi: `Đơn vị "${unit.name}" đã ngừng hoạt động hoặc đã được sáp nhập.`,
      en: `Unit "${unit.name}" is already inactive or merged.`,
    });
  }
  if (input.successorId === unit.id) {
    throw new Invalid(
      { vi: 'Không thể sáp nhập đơn vị vào chính nó.', en: 'A unit cannot be merged into itself.' },
      'successorId',
    );
  }
  const successor = await q.lockUnit(trx, input.successorId);
  if (!successor?.active) {
    throw new Invalid(
      {
        vi: `Đơn vị tiếp nhận #${input.successorId} không tồn tại hoặc đã ngừng hoạt động.`,
        en: `Successor unit #${input.successorId} does not exist or is inactive.`,
      },
      'successorId',
    );
  }
  if (successor.path.startsWith(unit.path)) {
    throw new Invalid(
      {
        vi: 'Không thể sáp nhập đơn vị vào đơn vị cấp dưới của nó.',
        en: 'A unit cannot be merged into one of its own divisions.',
      },
      'successorId',
    );
  }
  return { unit, successor };
}

interface MergeMeta {
  actorUserId: number;
  today: string;
  reason: string;
}

/**
 * The successor takes over each open task where it stands: the state is kept (unlike a
 * reassignment, nothing has to be received again — the same people carry on the same work).
 */
async function moveOpenLeads(
  trx: Transaction<Database>,
  unit: Unit,
  successor: Unit,
  meta: MergeMeta,
): Promise<number[]> {
  const tasks = await q.lockOpenTasksLedBy(trx, unit.id);
  for (const task of tasks) {
    await trx
      .insertInto('task_lead_changes')
      .values({ task_id: task.id, effective_on: meta.today, from_unit_id: unit.id, to_unit_id: successor.id })
      .execute();
    // The successor cannot both lead and coordinate the same task.
    await trx
      .deleteFrom('task_coordinators')
      .where('task_id', '=', task.id)
      .where('unit_id', '=', successor.id)
      .execute();
    await insertEvent(trx, {
      taskId: task.id,
      kind: 'lead_merged',
      actorUserId: meta.actorUserId,
      onDate: meta.today,
      reason: meta.reason,
      data: { fromUnitId: unit.id, leadUnitId: successor.id },
    });
    await refreshProjection(trx, task.id);
    await trx
      .updateTable('tasks')
      .set({ version: task.version + 1, updated_at: new Date() })
      .where('id', '=', task.id)
      .execute();
    await appendAudit(trx, {
      actorUserId: meta.actorUserId,
      action: 'task_lead_merged',
      entity: 'task',
      entityId: task.id,
      data: { fromUnitId: unit.id, leadUnitId: successor.id },
    });
  }
  return tasks.map((t) => t.id);
}

/**
 * The open sub-tasks the unit handed down to its divisions and staff: the successor now
 * decides on them (approves extensions, confirms completion) — without this nobody could,
 * since an inactive unit has no one acting for it. Closed ones keep their history.
 */
async function moveOpenHandedDown(
  trx: Transaction<Database>,
  unit: Unit,
  successor: Unit,
  meta: MergeMeta,
): Promise<number[]> {
  const tasks = await q.lockOpenTasksAssignedBy(trx, unit.id);
  for (const task of tasks) {
    await trx
      .updateTable('tasks')
      .set({ assigner_unit_id: successor.id, version: task.version + 1, updated_at: new Date() })
      .where('id', '=', task.id)
      .execute();
    await insertEvent(trx, {
      taskId: task.id,
      kind: 'assigner_merged',
      actorUserId: meta.actorUserId,
      onDate: meta.today,
      reason: meta.reason,
      data: { fromUnitId: unit.id, assignerUnitId: successor.id },
    });
    await appendAudit(trx, {
      actorUserId: meta.actorUserId,
      action: 'task_assigner_merged',
      entity: 'task',
      entityId: task.id,
      data: { fromUnitId: unit.id, assignerUnitId: successor.id },
    });
  }
  return tasks.map((t) => t.id);
}
