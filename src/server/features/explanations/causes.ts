import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { hasRole, type Principal } from '../../domain/access.js';
import { Conflict, Invalid, notAllowed, notFound } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { runTaskCommand } from '../tasks/commands.js';

export const CAUSE = { vi: 'nguyên nhân chậm', en: 'Delay cause' };

export interface DelayCause {
  code: string;
  kind: 'objective' | 'subjective';
  nameVi: string;
  nameEn: string;
  active: boolean;
  sort: number;
}

/** The configurable list of causes of delay, objective first; inactive ones only when asked (administration). */
export async function listCauses(db: Db | Transaction<Database>, includeInactive = false): Promise<DelayCause[]> {
  let q = db.selectFrom('delay_causes').selectAll();
  if (!includeInactive) q = q.where('active', '=', true);
  const rows = await q.orderBy('kind').orderBy('sort').orderBy('code').execute();
  return rows.map((r) => ({
    code: r.code,
    kind: r.kind,
    nameVi: r.name_vi,
    nameEn: r.name_en,
    active: r.active,
    sort: r.sort,
  }));
}

export interface CauseInput {
  code: string;
  kind: 'objective' | 'subjective';
  nameVi: string;
  nameEn: string;
  active?: boolean;
  sort?: number;
}

/** Adds a cause to the list or changes one (administrator). A cause in use is deactivated, never removed. */
export async function saveCause(ctx: AppContext, p: Principal, c: CauseInput, existing: boolean) {
  if (!hasRole(p, 'admin')) throw notAllowed();
  await ctx.db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('delay_causes').select('code').where('code', '=', c.code).executeTakeFirst();
    if (existing && !found) throw notFound(CAUSE, c.code);
    if (!existing && found)
      throw new Conflict({ vi: `Mã nguyên nhân "${c.code}" đã có.`, en: `Cause code "${c.code}" already exists.` });
    const values = {
      kind: c.kind,
      name_vi: c.nameVi,
      name_en: c.nameEn,
      ...(c.active === undefined ? {} : { active: c.active }),
      ...(c.sort === undefined ? {} : { sort: c.sort }),
    };
    if (existing) await trx.updateTable('delay_causes').set(values).where('code', '=', c.code).execute();
    else
      await trx
        .insertInto('delay_causes')
        .values({ code: c.code, ...values })
        .execute();
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: existing ? 'delay_cause_changed' : 'delay_cause_added',
      entity: 'delay_cause',
      entityId: c.code,
      data: { ...values },
    });
  });
  return listCauses(ctx.db, true);
}

/** Refuses unknown or inactive codes, and an explanation with neither a listed cause nor words. */
export async function checkCauses(
  db: Db | Transaction<Database>,
  codes: string[],
  note: string | null | undefined,
  field = 'causeCodes',
) {
  const unique = [...new Set(codes)];
  if (unique.length === 0 && !note?.trim())
    throw new Invalid(
      {
        vi: 'Hãy chọn ít nhất một nguyên nhân hoặc ghi rõ nguyên nhân.',
        en: 'Choose at least one cause or describe it.',
      },
      field,
    );
  if (unique.length === 0) return unique;
  const known = await db
    .selectFrom('delay_causes')
    .select('code')
    .where('code', 'in', unique)
    .where('active', '=', true)
    .execute();
  const missing = unique.filter((c) => !known.some((k) => k.code === c));
  if (missing.length)
    throw new Invalid(
      {
        vi: `Nguyên nhân không có trong danh mục: ${missing.join(', ')}.`,
        en: `Causes not in the list: ${missing.join(', ')}.`,
      },
      field,
    );
  return unique;
}

/** Writes a task's causes (one row per task, replaced by the latest word of the lead unit). */
export async function putTaskCauses(
  trx: Transaction<Database>,
  taskId: number,
  userId: number,
  today: string,
  codes: string[],
  note: string | null,
) {
  await trx
    .insertInto('task_delay_causes')
    .values({ task_id: taskId, cause_codes: codes, note, set_by: userId, set_on: today })
    .onConflict((oc) => oc.column('task_id').doUpdateSet({ cause_codes: codes, note, set_by: userId, set_on: today }))
    .execute();
}

/**
 * The lead unit gives the causes of a task's delay (DESIGN.md §6): while the task is overdue,
 * or after it was completed late. A task on time has no delay to explain.
 */
export async function setDelayCauses(
  ctx: AppContext,
  p: Principal,
  taskId: number,
  b: { version: number; causeCodes: string[]; note?: string | null },
) {
  return runTaskCommand(ctx, p, taskId, b.version, 'set_delay_causes', async (c) => {
    const late =
      c.task.state === 'completed'
        ? c.task.deadline !== null && c.task.completed_on !== null && c.task.completed_on > c.task.deadline
        : c.task.deadline !== null && c.task.deadline < c.today;
    if (!late)
      throw new Conflict({
        vi: 'Chỉ ghi nguyên nhân chậm cho nhiệm vụ quá hạn hoặc hoàn thành quá hạn.',
        en: 'Causes of delay are recorded only for an overdue task or a late completion.',
      });
    const codes = await checkCauses(c.trx, b.causeCodes, b.note);
    const note = b.note?.trim() || null;
    await putTaskCauses(c.trx, taskId, p.userId, c.today, codes, note);
    await c.record('delay_causes_set', { causeCodes: codes, note });
  });
}
