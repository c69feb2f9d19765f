import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import type { ReorganisationAct } from '../../db/schema-reorganisations.js';
import type { Principal } from '../../domain/access.js';
import { Conflict, Invalid } from '../../errors.js';
import { foldForSearch } from '../../domain/text.js';
import { appendAudit } from '../audit/service.js';
import { insertEvent, refreshProjection } from '../tasks/queries.js';
import { assertAdmin, lockUnitTree, moveUnit } from '../units/service.js';
import { planAct, type ActPlan } from './plan.js';
import * as q from './queries.js';
import { lockDraft } from './drafts.js';

export interface ApplyResult {
  actId: number;
  effectiveOn: string;
  movedTasks: number;
  assignerChanges: number;
  coordinationChanges: number;
  movedUsers: number;
  usersToPlace: { userId: number; username: string; fromUnitId: number }[];
  movedDivisions: number[];
  endedUnits: number[];
  startedUnits: number[];
  renamedUnits: number[];
}

/**
 * Applies an act on or after its effective date, in one transaction: units start, end and are
 * renamed; every open task of an ended unit passes to its successor by the map's rules or the
 * administrator's choice (an event on the task naming the act, and an audit row); the assigning
 * and coordinating roles follow, and so do pending decisions, which belong to the task; users and
 * divisions pass to the unit's successor as a whole, or are listed when there is none.
 */
export async function applyAct(ctx: AppContext, p: Principal, id: number, version?: number): Promise<ApplyResult> {
  assertAdmin(p);
  return ctx.db.transaction().execute(async (trx) => applyInTransaction(trx, id, p.userId, ctx.clock.today(), version));
}

/** The scheduler's pass: every draft act whose effective date has come, oldest first. */
export async function applyDueActs(ctx: AppContext): Promise<ApplyResult[]> {
  const today = ctx.clock.today();
  const due = await ctx.db
    .selectFrom('reorganisation_acts')
    .select('id')
    .where('status', '=', 'draft')
    .where('effective_on', '<=', today)
    .orderBy('effective_on')
    .orderBy('id')
    .execute();
  const results: ApplyResult[] = [];
  for (const { id } of due) {
    // An act the rules cannot complete waits for the administrator; the others still go ahead.
    const done = await ctx.db
      .transaction()
      .execute((trx) => applyInTransaction(trx, id, null, today))
      .catch((err: unknown) => {
        if (err instanceof Conflict || err instanceof Invalid) return null;
        throw err;
      });
    if (done) results.push(done);
  }
  return results;
}

async function applyInTransaction(
  trx: Transaction<Database>,
  id: number,
  actorUserId: number | null,
  today: string,
  version?: number,
): Promise<ApplyResult> {
  const act = await lockDraft(trx, id, version);
  if (act.effective_on > today)
    throw new Conflict({
      vi: `Quyết định ${act.number_symbol} có hiệu lực từ ${act.effective_on}; chưa thể áp dụng.`,
      en: `Act ${act.number_symbol} takes effect on ${act.effective_on}; it cannot be applied before.`,
    });
  await lockUnitTree(trx);
  const plan = await planAct(trx, id);
  if (plan.problems.length)
    throw new Invalid(
      {
        vi: `Bảng kế thừa chưa đầy đủ (${plan.problems.length} vấn đề); xem trước để biết chi tiết.`,
        en: `The successor map is incomplete (${plan.problems.length} problems); see the preview.`,
      },
      'successors',
    );
  if (plan.unplaced.length)
    throw new Conflict({
      vi: `Còn ${plan.unplaced.length} nhiệm vụ chưa xác định đơn vị kế thừa; hãy chọn trong phần xem trước.`,
      en: `${plan.unplaced.length} tasks have no successor yet; choose one for each in the preview.`,
    });
  const meta = { act, actorUserId };
  const { started, renamed } = await changeUnits(trx, act);
  await moveLeads(trx, plan, meta);
  await moveAssigners(trx, plan, meta);
  await moveCoordination(trx, plan);
  const movedDivisions = await moveDivisions(trx, plan);
  const usersToPlace = await moveUsers(trx, plan);
  await endUnits(trx, plan, act);
  const result: ApplyResult = {
    actId: id,
    effectiveOn: act.effective_on,
    movedTasks: plan.leads.length,
    assignerChanges: plan.assigners.length,
    coordinationChanges: plan.coordination.length,
    movedUsers: plan.users.length - usersToPlace.length,
    usersToPlace,
    movedDivisions,
    endedUnits: plan.endedUnitIds,
    startedUnits: started,
    renamedUnits: renamed,
  };
  await trx
    .updateTable('reorganisation_acts')
    .set({
      status: 'applied',
      applied_at: new Date(),
      applied_by: actorUserId,
      result: JSON.stringify(result),
      version: act.version + 1,
    })
    .where('id', '=', id)
    .execute();
  await appendAudit(trx, {
    actorUserId,
    action: 'reorganisation_applied',
    entity: 'reorganisation',
    entityId: id,
    data: { ...result },
  });
  return result;
}

interface Meta {
  act: ReorganisationAct;
  actorUserId: number | null;
}

async function changeUnits(trx: Transaction<Database>, act: ReorganisationAct) {
  const changes = await trx
    .selectFrom('reorganisation_unit_changes')
    .selectAll()
    .where('act_id', '=', act.id)
    .execute();
  const started: number[] = [];
  const renamed: number[] = [];
  for (const c of changes) {
    if (c.change === 'start') {
      await trx
        .updateTable('units')
        .set({ active: true, valid_from: sql`coalesce(valid_from, ${act.effective_on}::date)` })
        .where('id', '=', c.unit_id)
        .execute();
      started.push(c.unit_id);
    } else if (c.change === 'rename') {
      const u = await trx
        .selectFrom('units')
        .select(['code', 'name'])
        .where('id', '=', c.unit_id)
        .executeTakeFirstOrThrow();
      const code = c.new_code ?? u.code;
      const name = c.new_name ?? u.name;
      if (code !== u.code && (await trx.selectFrom('units').select('id').where('code', '=', code).executeTakeFirst()))
        throw new Conflict({ vi: `Mã đơn vị "${code}" đã được dùng.`, en: `Unit code "${code}" is already in use.` });
      await trx
        .updateTable('units')
        .set({ code, name, search_text: foldForSearch(`${code} ${name}`), version: sql`version + 1` })
        .where('id', '=', c.unit_id)
        .execute();
      renamed.push(c.unit_id);
    }
  }
  return { started, renamed };
}

const actData = (act: ReorganisationAct) => ({
  actId: act.id,
  actNumber: act.number_symbol,
  actEffectiveOn: act.effective_on,
});

async function moveLeads(trx: Transaction<Database>, plan: ActPlan, { act, actorUserId }: Meta) {
  for (const m of plan.leads) {
    const task = await trx
      .selectFrom('tasks')
      .select(['version', 'lead_since'])
      .where('id', '=', m.taskId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    // A task assigned after the effective date (before the act was applied) changes lead on its own first day.
    const on = task.lead_since > act.effective_on ? task.lead_since : act.effective_on;
    await trx
      .insertInto('task_lead_changes')
      .values({ task_id: m.taskId, effective_on: on, from_unit_id: m.fromUnitId, to_unit_id: m.toUnitId })
      .execute();
    await trx
      .deleteFrom('task_coordinators')
      .where('task_id', '=', m.taskId)
      .where('unit_id', '=', m.toUnitId)
      .execute();
    const data = { ...actData(act), fromUnitId: m.fromUnitId, leadUnitId: m.toUnitId, rule: m.rule };
    await insertEvent(trx, {
      taskId: m.taskId,
      kind: 'lead_reorganised',
      actorUserId,
      onDate: on,
      reason: act.title,
      data,
    });
    await refreshProjection(trx, m.taskId);
    await trx
      .updateTable('tasks')
      .set({ version: task.version + 1, updated_at: new Date() })
      .where('id', '=', m.taskId)
      .execute();
    await appendAudit(trx, { actorUserId, action: 'task_lead_reorganised', entity: 'task', entityId: m.taskId, data });
  }
}

async function moveAssigners(trx: Transaction<Database>, plan: ActPlan, { act, actorUserId }: Meta) {
  for (const m of plan.assigners) {
    await trx
      .updateTable('tasks')
      .set({ assigner_unit_id: m.toUnitId, version: sql`version + 1`, updated_at: new Date() })
      .where('id', '=', m.taskId)
      .execute();
    const data = { ...actData(act), fromUnitId: m.fromUnitId, assignerUnitId: m.toUnitId };
    await insertEvent(trx, {
      taskId: m.taskId,
      kind: 'assigner_reorganised',
      actorUserId,
      onDate: act.effective_on,
      reason: act.title,
      data,
    });
    await appendAudit(trx, {
      actorUserId,
      action: 'task_assigner_reorganised',
      entity: 'task',
      entityId: m.taskId,
      data,
    });
  }
}

/** A coordinating role passes to the successor, unless it already leads or coordinates the task. */
async function moveCoordination(trx: Transaction<Database>, plan: ActPlan) {
  for (const c of plan.coordination) {
    const task = await trx
      .selectFrom('tasks')
      .select('lead_unit_id')
      .where('id', '=', c.taskId)
      .executeTakeFirstOrThrow();
    const already = await trx
      .selectFrom('task_coordinators')
      .select('unit_id')
      .where('task_id', '=', c.taskId)
      .where('unit_id', '=', c.toUnitId)
      .executeTakeFirst();
    const q = trx.deleteFrom('task_coordinators').where('task_id', '=', c.taskId).where('unit_id', '=', c.fromUnitId);
    if (task.lead_unit_id === c.toUnitId || already) await q.execute();
    else
      await trx
        .updateTable('task_coordinators')
        .set({ unit_id: c.toUnitId })
        .where('task_id', '=', c.taskId)
        .where('unit_id', '=', c.fromUnitId)
        .execute();
  }
}

async function moveDivisions(trx: Transaction<Database>, plan: ActPlan): Promise<number[]> {
  const moved: number[] = [];
  for (const unitId of plan.endedUnitIds) {
    const to = plan.wholeSuccessors.get(unitId);
    if (!to) continue;
    const children = await trx
      .selectFrom('units')
      .selectAll()
      .where('parent_id', '=', unitId)
      .where('active', '=', true)
      .orderBy('path')
      .execute();
    for (const child of children) {
      if (plan.endedUnitIds.includes(child.id)) continue;
      await moveUnit(trx, child, to, {});
      moved.push(child.id);
    }
  }
  return moved;
}

/** Users and the roles scoped to an ended unit pass to its successor; those with none are listed. */
async function moveUsers(trx: Transaction<Database>, plan: ActPlan) {
  const toPlace: ApplyResult['usersToPlace'] = [];
  for (const u of plan.users) {
    if (u.toUnitId === null) {
      toPlace.push({ userId: u.userId, username: u.username, fromUnitId: u.fromUnitId });
      continue;
    }
    await trx
      .updateTable('users')
      .set({ unit_id: u.toUnitId, version: sql`version + 1` })
      .where('id', '=', u.userId)
      .execute();
  }
  for (const unitId of plan.endedUnitIds) {
    const to = plan.wholeSuccessors.get(unitId);
    if (!to) continue;
    const roles = await trx.selectFrom('user_roles').selectAll().where('scope_unit_id', '=', unitId).execute();
    for (const r of roles) {
      const clash = await trx
        .selectFrom('user_roles')
        .select('id')
        .where('user_id', '=', r.user_id)
        .where('role', '=', r.role)
        .where('scope_unit_id', '=', to)
        .executeTakeFirst();
      if (clash) await trx.deleteFrom('user_roles').where('id', '=', r.id).execute();
      else await trx.updateTable('user_roles').set({ scope_unit_id: to }).where('id', '=', r.id).execute();
    }
  }
  return toPlace;
}

async function endUnits(trx: Transaction<Database>, plan: ActPlan, act: ReorganisationAct) {
  for (const unitId of plan.endedUnitIds) {
    await trx
      .updateTable('units')
      .set({
        active: false,
        valid_to: act.effective_on,
        successor_id: plan.wholeSuccessors.get(unitId) ?? null,
        version: sql`version + 1`,
      })
      .where('id', '=', unitId)
      .execute();
  }
  const rows = await q.successorRows(trx, act.id);
  if (rows.length)
    await trx
      .insertInto('unit_successors')
      .values(
        rows.map((r) => ({
          old_unit_id: r.oldUnitId,
          new_unit_id: r.newUnitId,
          effective_on: act.effective_on,
          kind: r.kind,
          act_id: act.id,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
}
