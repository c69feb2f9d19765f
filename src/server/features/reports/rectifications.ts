import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
import { Invalid, notAllowed, notFound, staleVersion } from '../../errors.js';
import type { RectificationStatus } from '../../db/schema-reports.js';
import { appendAudit } from '../audit/service.js';
import { managesUnit, unitPath } from './access.js';

/** Rectification records (chấn chỉnh, DESIGN.md §7): who, why, what is done about it, and how it is followed up. */
export interface RectificationInput {
  unitId: number;
  personUserId?: number | null;
  personName?: string | null;
  taskId?: number | null;
  cause: string;
  measure: string;
  followUp?: string | null;
  dueOn?: string | null;
}

export interface RectificationChange {
  version: number;
  status?: RectificationStatus;
  cause?: string;
  measure?: string;
  followUp?: string | null;
  dueOn?: string | null;
}

const present = (r: {
  id: number;
  unit_id: number;
  unit_name: string;
  person_user_id: number | null;
  person_name: string;
  task_id: number | null;
  task_content: string | null;
  cause: string;
  measure: string;
  follow_up: string | null;
  due_on: string | null;
  status: string;
  created_by_name: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}) => ({
  id: r.id,
  unit: { id: r.unit_id, name: r.unit_name },
  person: { userId: r.person_user_id, name: r.person_name },
  task: r.task_id ? { id: r.task_id, content: r.task_content } : null,
  cause: r.cause,
  measure: r.measure,
  followUp: r.follow_up,
  dueOn: r.due_on,
  status: r.status,
  createdBy: r.created_by_name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

function selectRecords(ctx: AppContext) {
  return ctx.db
    .selectFrom('rectifications as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .leftJoin('tasks as t', 't.id', 'r.task_id')
    .leftJoin('users as c', 'c.id', 'r.created_by')
    .select([
      'r.id',
      'r.unit_id',
      'u.name as unit_name',
      'r.person_user_id',
      'r.person_name',
      'r.task_id',
      't.content as task_content',
      'r.cause',
      'r.measure',
      'r.follow_up',
      'r.due_on',
      'r.status',
      'c.full_name as created_by_name',
      'r.created_at',
      'r.updated_at',
      'r.version',
    ]);
}

export async function listRectifications(ctx: AppContext, p: Principal, unitId: number) {
  if (!(await managesUnit(ctx.db, p, unitId))) throw notAllowed();
  const path = await unitPath(ctx.db, unitId);
  const rows = await selectRecords(ctx)
    .where('u.path', 'like', `${path}%`)
    .orderBy('r.id', 'desc')
    .limit(500)
    .execute();
  return rows.map(present);
}

async function getRecord(ctx: AppContext, id: number) {
  const row = await selectRecords(ctx).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound({ vi: 'biên bản chấn chỉnh', en: 'Rectification record' }, id);
  return present(row);
}

/** The person must belong to the unit; the task, if named, must be the unit's (lead or handed down inside it). */
async function checkRefs(
  ctx: AppContext,
  unitId: number,
  input: Pick<RectificationInput, 'personUserId' | 'personName' | 'taskId'>,
): Promise<string> {
  const path = await unitPath(ctx.db, unitId);
  let name = input.personName?.trim() ?? '';
  if (input.personUserId) {
    const user = await ctx.db
      .selectFrom('users as u')
      .innerJoin('units as n', 'n.id', 'u.unit_id')
      .select(['u.full_name', 'n.path'])
      .where('u.id', '=', input.personUserId)
      .executeTakeFirst();
    if (!user || !user.path.startsWith(path))
      throw new Invalid(
        { vi: 'Cán bộ được nêu không thuộc đơn vị.', en: 'The person named does not belong to the unit.' },
        'personUserId',
      );
    name ||= user.full_name;
  }
  if (name.length < 2)
    throw new Invalid(
      { vi: 'Ghi rõ cán bộ hoặc bộ phận cần chấn chỉnh.', en: 'Name the person or division to be rectified.' },
      'personName',
    );
  if (input.taskId) {
    const task = await ctx.db
      .selectFrom('tasks')
      .select('tasks.id')
      .where('tasks.id', '=', input.taskId)
      .where((eb) =>
        eb.or([
          eb('tasks.lead_unit_id', 'in', sql<number>`(select id from units where path like ${`${path}%`})`),
          eb('tasks.assigner_unit_id', 'in', sql<number>`(select id from units where path like ${`${path}%`})`),
        ]),
      )
      .executeTakeFirst();
    if (!task)
      throw new Invalid(
        { vi: 'Nhiệm vụ được nêu không thuộc đơn vị.', en: 'The task named is not the unit’s.' },
        'taskId',
      );
  }
  return name;
}

export async function createRectification(ctx: AppContext, p: Principal, input: RectificationInput) {
  if (!(await managesUnit(ctx.db, p, input.unitId))) throw notAllowed();
  const personName = await checkRefs(ctx, input.unitId, input);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('rectifications')
      .values({
        unit_id: input.unitId,
        person_user_id: input.personUserId ?? null,
        person_name: personName,
        task_id: input.taskId ?? null,
        cause: input.cause,
        measure: input.measure,
        follow_up: input.followUp ?? null,
        due_on: input.dueOn ?? null,
        created_by: p.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'rectification_created',
      entity: 'rectification',
      entityId: row.id,
      data: { unitId: input.unitId, personName, taskId: input.taskId ?? null },
    });
    return row.id;
  });
  return getRecord(ctx, id);
}

export async function updateRectification(ctx: AppContext, p: Principal, id: number, change: RectificationChange) {
  const current = await getRecord(ctx, id);
  if (!(await managesUnit(ctx.db, p, current.unit.id)))
    throw notFound({ vi: 'biên bản chấn chỉnh', en: 'Rectification record' }, id);
  await ctx.db.transaction().execute(async (trx) => {
    const set = {
      ...(change.status ? { status: change.status } : {}),
      ...(change.cause ? { cause: change.cause } : {}),
      ...(change.measure ? { measure: change.measure } : {}),
      ...(change.followUp !== undefined ? { follow_up: change.followUp } : {}),
      ...(change.dueOn !== undefined ? { due_on: change.dueOn } : {}),
    };
    const res = await trx
      .updateTable('rectifications')
      .set({ ...set, updated_at: new Date(), version: sql<number>`version + 1` })
      .where('id', '=', id)
      .where('version', '=', change.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'rectification_updated',
      entity: 'rectification',
      entityId: id,
      data: { change: { ...change, version: undefined } },
    });
  });
  return getRecord(ctx, id);
}
