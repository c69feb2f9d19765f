import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database, UnitKind } from '../../db/schema.js';
import type { SuccessorKind } from '../../db/schema-reorganisations.js';
import type { Principal } from '../../domain/access.js';
import { foldForSearch } from '../../domain/text.js';
import { Conflict, Invalid, notFound } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { assertAdmin } from '../units/service.js';
import { planAct, presentPlan } from './plan.js';
import * as q from './queries.js';
import { lockDraft } from './drafts.js';

export { applyAct, applyDueActs } from './apply.js';

export { ACT } from './drafts.js';
import { ACT } from './drafts.js';

export interface ActInput {
  numberSymbol: string;
  signedOn: string;
  effectiveOn: string;
  title: string;
  /** Units the act ends, renames, or starts (existing units not yet active). */
  unitChanges: {
    unitId: number;
    change: 'start' | 'end' | 'rename';
    newName?: string | null;
    newCode?: string | null;
  }[];
  /** Units the act creates; they exist from the act's effective date. */
  newUnits?: { code: string; name: string; kind: UnitKind; parentId: number | null }[];
  successors: {
    oldUnitId?: number;
    oldUnitCode?: string;
    newUnitId?: number;
    newUnitCode?: string;
    kind: SuccessorKind;
    fieldCodes?: string[];
    isDefault?: boolean;
    note?: string | null;
  }[];
  version?: number;
}

export async function listActs(ctx: AppContext, p: Principal) {
  assertAdmin(p);
  return q.listActs(ctx.db);
}

export async function getAct(ctx: AppContext, p: Principal, id: number): Promise<q.ActView> {
  assertAdmin(p);
  const act = await q.findAct(ctx.db, id);
  if (!act) throw notFound(ACT, id);
  return q.actView(ctx.db, act);
}

export async function previewAct(ctx: AppContext, p: Principal, id: number) {
  assertAdmin(p);
  const act = await q.findAct(ctx.db, id);
  if (!act) throw notFound(ACT, id);
  if (act.status === 'applied') return { applied: true, result: act.result, ...presentPlan(await planAct(ctx.db, id)) };
  return { applied: false, result: null, ...presentPlan(await planAct(ctx.db, id)) };
}

export async function createAct(ctx: AppContext, p: Principal, input: ActInput): Promise<q.ActView> {
  assertAdmin(p);
  checkDates(input);
  return ctx.db.transaction().execute(async (trx) => {
    await assertNumberFree(trx, input, null);
    const { id } = await trx
      .insertInto('reorganisation_acts')
      .values({
        number_symbol: input.numberSymbol,
        signed_on: input.signedOn,
        effective_on: input.effectiveOn,
        title: input.title,
        created_by: p.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeContent(trx, id, input);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'reorganisation_created',
      entity: 'reorganisation',
      entityId: id,
      data: { ...input },
    });
    return q.actView(trx, (await q.findAct(trx, id))!);
  });
}

export async function updateAct(ctx: AppContext, p: Principal, id: number, input: ActInput): Promise<q.ActView> {
  assertAdmin(p);
  checkDates(input);
  return ctx.db.transaction().execute(async (trx) => {
    const act = await lockDraft(trx, id, input.version);
    await assertNumberFree(trx, input, id);
    await trx
      .updateTable('reorganisation_acts')
      .set({
        number_symbol: input.numberSymbol,
        signed_on: input.signedOn,
        effective_on: input.effectiveOn,
        title: input.title,
        version: act.version + 1,
      })
      .where('id', '=', id)
      .execute();
    await writeContent(trx, id, input);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'reorganisation_updated',
      entity: 'reorganisation',
      entityId: id,
      data: { ...input },
    });
    return q.actView(trx, (await q.findAct(trx, id))!);
  });
}

/** The administrator's choice of successor for tasks the rules cannot place (unitId null: forget the choice). */
export async function setChoices(
  ctx: AppContext,
  p: Principal,
  id: number,
  choices: { taskId: number; unitId: number | null }[],
): Promise<q.ActView> {
  assertAdmin(p);
  return ctx.db.transaction().execute(async (trx) => {
    const act = await lockDraft(trx, id);
    const allowed = new Set((await q.successorRows(trx, id)).map((s) => s.newUnitId));
    for (const c of choices) {
      await trx
        .deleteFrom('reorganisation_task_choices')
        .where('act_id', '=', id)
        .where('task_id', '=', c.taskId)
        .execute();
      if (c.unitId === null) continue;
      if (!allowed.has(c.unitId))
        throw new Invalid(
          {
            vi: `Đơn vị #${c.unitId} không phải đơn vị kế thừa trong quyết định này.`,
            en: `Unit #${c.unitId} is not a successor in this act.`,
          },
          'unitId',
        );
      const task = await trx.selectFrom('tasks').select('id').where('id', '=', c.taskId).executeTakeFirst();
      if (!task) throw notFound({ vi: 'nhiệm vụ', en: 'Task' }, c.taskId);
      await trx
        .insertInto('reorganisation_task_choices')
        .values({ act_id: id, task_id: c.taskId, new_unit_id: c.unitId })
        .execute();
    }
    await trx
      .updateTable('reorganisation_acts')
      .set({ version: act.version + 1 })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'reorganisation_choices_set',
      entity: 'reorganisation',
      entityId: id,
      data: { choices },
    });
    return q.actView(trx, (await q.findAct(trx, id))!);
  });
}

function checkDates(input: ActInput): void {
  if (input.effectiveOn < input.signedOn)
    throw new Invalid(
      {
        vi: 'Ngày hiệu lực không được trước ngày ban hành.',
        en: 'The effective date cannot precede the signing date.',
      },
      'effectiveOn',
    );
}

async function assertNumberFree(trx: Transaction<Database>, input: ActInput, exceptId: number | null) {
  let qb = trx
    .selectFrom('reorganisation_acts')
    .select('id')
    .where('number_symbol', '=', input.numberSymbol)
    .where('signed_on', '=', input.signedOn);
  if (exceptId !== null) qb = qb.where('id', '<>', exceptId);
  if (await qb.executeTakeFirst())
    throw new Conflict({
      vi: `Đã có quyết định số ${input.numberSymbol} ngày ${input.signedOn}.`,
      en: `An act numbered ${input.numberSymbol} of ${input.signedOn} already exists.`,
    });
}

const invalid = (vi: string, en: string, field: string) => new Invalid({ vi, en }, field);

/** Replaces what a draft act does: its unit changes, its new units and its successor map. */
async function writeContent(trx: Transaction<Database>, actId: number, input: ActInput): Promise<void> {
  await trx.deleteFrom('reorganisation_unit_changes').where('act_id', '=', actId).execute();
  await trx.deleteFrom('reorganisation_successors').where('act_id', '=', actId).execute();
  const changes = [...input.unitChanges];
  for (const u of input.newUnits ?? [])
    changes.push({ unitId: await insertFutureUnit(trx, u, input.effectiveOn), change: 'start' });
  const ids = [...new Set(changes.map((c) => c.unitId))];
  if (ids.length !== changes.length)
    throw invalid('Một đơn vị chỉ được nêu một lần.', 'A unit may appear only once.', 'unitChanges');
  const units = ids.length ? await trx.selectFrom('units').selectAll().where('id', 'in', ids).execute() : [];
  const byId = new Map(units.map((u) => [u.id, u]));
  for (const c of changes) {
    const u = byId.get(c.unitId);
    if (!u) throw invalid(`Đơn vị #${c.unitId} không tồn tại.`, `Unit #${c.unitId} does not exist.`, 'unitChanges');
    if (c.change === 'end' && (!u.active || u.valid_to !== null))
      throw invalid(`Đơn vị "${u.name}" đã ngừng hoạt động.`, `Unit "${u.name}" has already ended.`, 'unitChanges');
    if (c.change === 'start' && (u.active || (u.valid_from !== null && u.valid_from !== input.effectiveOn)))
      throw invalid(
        `Đơn vị "${u.name}" đang hoạt động hoặc bắt đầu vào ngày khác.`,
        `Unit "${u.name}" is already active or starts on another day.`,
        'unitChanges',
      );
    if (c.change === 'rename' && !c.newName && !c.newCode)
      throw invalid(
        `Cần tên hoặc mã mới cho "${u.name}".`,
        `A new name or code is needed for "${u.name}".`,
        'unitChanges',
      );
  }
  if (changes.length)
    await trx
      .insertInto('reorganisation_unit_changes')
      .values(
        changes.map((c) => ({
          act_id: actId,
          unit_id: c.unitId,
          change: c.change,
          new_name: c.change === 'rename' ? (c.newName ?? null) : null,
          new_code: c.change === 'rename' ? (c.newCode ?? null) : null,
        })),
      )
      .execute();
  const ended = new Set(changes.filter((c) => c.change === 'end').map((c) => c.unitId));
  const rows = [];
  for (const s of input.successors) {
    const oldUnitId = await unitRef(trx, s.oldUnitId, s.oldUnitCode, 'oldUnitId');
    const newUnitId = await unitRef(trx, s.newUnitId, s.newUnitCode, 'newUnitId');
    if (!ended.has(oldUnitId))
      throw invalid(
        `Đơn vị #${oldUnitId} không được quyết định này chấm dứt.`,
        `Unit #${oldUnitId} is not ended by this act.`,
        'successors',
      );
    if (ended.has(newUnitId) || oldUnitId === newUnitId)
      throw invalid(
        `Đơn vị kế thừa #${newUnitId} cũng bị chấm dứt.`,
        `Successor #${newUnitId} is ended by this act too.`,
        'successors',
      );
    rows.push({
      act_id: actId,
      old_unit_id: oldUnitId,
      new_unit_id: newUnitId,
      kind: s.kind,
      field_codes: s.fieldCodes ?? [],
      is_default: s.isDefault ?? false,
      note: s.note ?? null,
    });
  }
  const keys = new Set(rows.map((r) => `${r.old_unit_id}>${r.new_unit_id}>${r.kind}`));
  if (keys.size !== rows.length)
    throw invalid('Bảng kế thừa có dòng trùng.', 'The successor map has a duplicate row.', 'successors');
  if (rows.length) await trx.insertInto('reorganisation_successors').values(rows).execute();
}

async function unitRef(
  trx: Transaction<Database>,
  id: number | undefined,
  code: string | undefined,
  field: string,
): Promise<number> {
  const row =
    id !== undefined
      ? await trx.selectFrom('units').select('id').where('id', '=', id).executeTakeFirst()
      : code !== undefined
        ? await trx.selectFrom('units').select('id').where('code', '=', code).executeTakeFirst()
        : undefined;
  if (!row) throw invalid(`Không tìm thấy đơn vị ${id ?? code ?? ''}.`, `Unit ${id ?? code ?? ''} not found.`, field);
  return row.id;
}

async function insertFutureUnit(
  trx: Transaction<Database>,
  u: { code: string; name: string; kind: UnitKind; parentId: number | null },
  effectiveOn: string,
): Promise<number> {
  if (await trx.selectFrom('units').select('id').where('code', '=', u.code).executeTakeFirst())
    throw new Conflict(
      { vi: `Mã đơn vị "${u.code}" đã được dùng.`, en: `Unit code "${u.code}" is already in use.` },
      'code',
    );
  const parent =
    u.parentId === null
      ? null
      : await trx.selectFrom('units').select(['id', 'path']).where('id', '=', u.parentId).executeTakeFirst();
  if (u.parentId !== null && !parent)
    throw invalid(
      `Đơn vị cấp trên #${u.parentId} không tồn tại.`,
      `Parent unit #${u.parentId} does not exist.`,
      'parentId',
    );
  const { id } = await trx
    .insertInto('units')
    .values({
      code: u.code,
      name: u.name,
      kind: u.kind,
      parent_id: u.parentId,
      path: '',
      active: false,
      valid_from: effectiveOn,
      search_text: foldForSearch(`${u.code} ${u.name}`),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('units')
    .set({ path: `${parent?.path ?? '/'}${id}/` })
    .where('id', '=', id)
    .execute();
  return id;
}
