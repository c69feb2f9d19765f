import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { actsForAssigner, canSeeTask, covers, type Principal } from '../../domain/access.js';
import { Conflict, Invalid, notAllowed, notFound } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { announceNotifications } from '../notifications/service.js';
import { TASK } from '../tasks/commands.js';
import { taskRefs } from '../tasks/queries.js';
import { urgeableBy, urgingGrants } from '../urging/scope.js';
import { checkCauses, putTaskCauses } from './causes.js';

export const REQUEST = { vi: 'yêu cầu giải trình', en: 'Explanation request' };
const OPEN_STATES = ['assigned', 'received', 'in_progress'] as const;
const MAX_TASKS = 500;

export interface NewRequest {
  taskId?: number | null;
  unitId?: number | null;
  dueOn: string;
  note?: string | null;
}

/**
 * An officer, a leader or the head of the assigning unit asks a unit to explain (yêu cầu giải
 * trình, DESIGN.md §6): one late task, or every overdue task of the unit (and its divisions)
 * that the caller assigned. In one transaction: the request, its tasks, an event on each task,
 * the audit row, and a notification to the unit's clerks and heads.
 */
export async function requestExplanation(ctx: AppContext, p: Principal, input: NewRequest): Promise<number> {
  const grants = urgingGrants(p);
  const today = ctx.clock.today();
  if (input.dueOn < today)
    throw new Invalid(
      { vi: 'Hạn giải trình không được trước ngày hôm nay.', en: 'The explanation due date cannot be before today.' },
      'dueOn',
    );
  if (!input.taskId === !input.unitId)
    throw new Invalid(
      {
        vi: 'Hãy chọn một nhiệm vụ, hoặc một đơn vị (giải trình mọi nhiệm vụ quá hạn của đơn vị).',
        en: 'Give either one task or one unit (all its overdue tasks).',
      },
      input.taskId ? 'unitId' : 'taskId',
    );
  return ctx.db
    .transaction()
    .execute(async (trx) => {
      const { unitId, taskIds, scope } = input.taskId
        ? await oneLateTask(trx, p, input.taskId, today)
        : await overdueTasksOf(trx, grants, input.unitId!, today);
      const row = await trx
        .insertInto('explanation_requests')
        .values({
          unit_id: unitId,
          scope,
          requested_by: p.userId,
          requested_on: today,
          due_on: input.dueOn,
          note: input.note?.trim() || null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('explanation_request_tasks')
        .values(taskIds.map((task_id) => ({ request_id: row.id, task_id })))
        .execute();
      const data = JSON.stringify({ requestId: row.id, dueOn: input.dueOn, note: input.note?.trim() || null });
      await sql`insert into task_events (task_id, kind, actor_user_id, on_date, reason, data)
      select unnest(${taskIds}::int[]), 'explanation_requested', ${p.userId}::int, ${today}::date, null, ${data}::jsonb`.execute(
        trx,
      );
      await appendAudit(trx, {
        actorUserId: p.userId,
        action: 'explanation_requested',
        entity: 'explanation_request',
        entityId: row.id,
        data: { unitId, scope, dueOn: input.dueOn, taskIds },
      });
      await notifyUnit(trx, row.id, unitId, today, taskIds, 'explanation_requested', input.dueOn);
      return row.id;
    })
    .then((id) => {
      announceNotifications();
      return id;
    });
}

async function oneLateTask(trx: Transaction<Database>, p: Principal, taskId: number, today: string) {
  const task = await trx.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
  if (!task) throw notFound(TASK, taskId);
  const refs = await taskRefs(trx, task);
  if (!canSeeTask(p, refs)) throw notFound(TASK, taskId);
  if (!actsForAssigner(p, refs)) throw notAllowed();
  const overdue = OPEN_STATES.some((s) => s === task.state) && task.deadline !== null && task.deadline < today;
  const lateDone =
    task.state === 'completed' &&
    task.deadline !== null &&
    task.completed_on !== null &&
    task.completed_on > task.deadline;
  if (!overdue && !lateDone)
    throw new Conflict({
      vi: `Nhiệm vụ #${taskId} không quá hạn, không có gì để giải trình.`,
      en: `Task #${taskId} is not late; there is nothing to explain.`,
    });
  const pending = await trx
    .selectFrom('explanation_requests as r')
    .innerJoin('explanation_request_tasks as rt', 'rt.request_id', 'r.id')
    .select('r.id')
    .where('rt.task_id', '=', taskId)
    .where('r.status', '=', 'pending')
    .where('r.scope', '=', 'task')
    .executeTakeFirst();
  if (pending)
    throw new Conflict({
      vi: `Nhiệm vụ #${taskId} đang có yêu cầu giải trình #${pending.id} chưa được trả lời.`,
      en: `Task #${taskId} already has explanation request #${pending.id} awaiting its answer.`,
    });
  return { unitId: task.lead_unit_id, taskIds: [taskId], scope: 'task' as const };
}

async function overdueTasksOf(
  trx: Transaction<Database>,
  grants: ReturnType<typeof urgingGrants>,
  unitId: number,
  today: string,
) {
  const unit = await trx.selectFrom('units').select(['id', 'name']).where('id', '=', unitId).executeTakeFirst();
  if (!unit)
    throw new Invalid({ vi: `Đơn vị #${unitId} không tồn tại.`, en: `Unit #${unitId} does not exist.` }, 'unitId');
  const rows = await trx
    .selectFrom('tasks')
    .select('id')
    .where('tasks.state', 'in', [...OPEN_STATES])
    .where('tasks.deadline', '<', today)
    .where(
      'tasks.lead_unit_id',
      'in',
      sql<number>`(select id from units where path like (select path from units where id = ${unitId}) || '%')`,
    )
    .where(urgeableBy(grants))
    .orderBy('id')
    .limit(MAX_TASKS + 1)
    .execute();
  if (rows.length === 0)
    throw new Invalid(
      {
        vi: `${unit.name} không có nhiệm vụ quá hạn nào do bạn giao để giải trình.`,
        en: `${unit.name} has no overdue task you assigned to explain.`,
      },
      'unitId',
    );
  if (rows.length > MAX_TASKS)
    throw new Invalid(
      {
        vi: `Quá nhiều nhiệm vụ quá hạn (trên ${MAX_TASKS}); hãy yêu cầu giải trình theo từng đơn vị trực thuộc.`,
        en: `Too many overdue tasks (over ${MAX_TASKS}); ask each subordinate unit.`,
      },
      'unitId',
    );
  return { unitId, taskIds: rows.map((r) => r.id), scope: 'overdue' as const };
}

/** One notification per clerk or head of the unit (scope covering it), linking to the request. */
export async function notifyUnit(
  trx: Transaction<Database>,
  requestId: number,
  unitId: number,
  today: string,
  taskIds: number[],
  rule: string,
  dueOn: string,
) {
  const taskId = taskIds.length === 1 ? taskIds[0]! : null;
  await sql`
    insert into notifications (user_id, kind, task_id, on_date, data)
    select distinct r.user_id, 'explanation', ${taskId}::int, ${today}::date,
      jsonb_build_object('rule', ${rule}::text, 'requestId', ${requestId}::int, 'unitId', u.id, 'dueOn', ${dueOn}::text,
        'taskCount', ${taskIds.length}::int, 'link', '/explanations?id=' || ${requestId}::int)
    from units u
    cross join lateral unnest(string_to_array(trim(both '/' from u.path), '/')::int[]) as a(scope_id)
    join user_roles r on r.scope_unit_id = a.scope_id and r.role in ('clerk', 'unit_head')
    join users us on us.id = r.user_id and us.active
    where u.id = ${unitId}::int`.execute(trx);
}

export interface Answer {
  causeCodes: string[];
  causeNote?: string | null;
  measures: string;
  committedOn: string;
}

/** Who answers for a unit: its clerks and heads (or those of a unit above it). */
export const answersFor = (p: Principal, unitPath: string) =>
  p.grants.some((g) => (g.role === 'clerk' || g.role === 'unit_head') && covers(g, unitPath));

/**
 * The unit answers: causes (from the list, and its own words), measures, a new committed date.
 * The causes become each listed task's causes of delay; each task gets an event. One transaction.
 */
export async function answerExplanation(ctx: AppContext, p: Principal, id: number, a: Answer) {
  const today = ctx.clock.today();
  await ctx.db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom('explanation_requests as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .select(['r.id', 'r.status', 'r.unit_id', 'u.path'])
      .where('r.id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!request || !canSeeRequest(p, request.path, null)) throw notFound(REQUEST, id);
    if (!answersFor(p, request.path)) throw notAllowed();
    if (request.status !== 'pending')
      throw new Conflict({
        vi: `Yêu cầu giải trình #${id} đã được trả lời.`,
        en: `Explanation request #${id} has already been answered.`,
      });
    if (a.committedOn < today)
      throw new Invalid(
        {
          vi: 'Ngày cam kết hoàn thành không được trước ngày hôm nay.',
          en: 'The committed completion date cannot be before today.',
        },
        'committedOn',
      );
    const codes = await checkCauses(trx, a.causeCodes, a.causeNote);
    const note = a.causeNote?.trim() || null;
    await trx
      .updateTable('explanation_requests')
      .set({
        status: 'answered',
        answered_by: p.userId,
        answered_on: today,
        cause_codes: codes,
        cause_note: note,
        measures: a.measures.trim(),
        committed_on: a.committedOn,
      })
      .where('id', '=', id)
      .execute();
    const tasks = await trx
      .selectFrom('explanation_request_tasks as rt')
      .innerJoin('tasks as t', 't.id', 'rt.task_id')
      .select(['t.id', 't.state'])
      .where('rt.request_id', '=', id)
      .orderBy('t.id')
      .execute();
    const explained = tasks.filter((t) => t.state !== 'withdrawn' && t.state !== 'cancelled').map((t) => t.id);
    for (const taskId of explained) await putTaskCauses(trx, taskId, p.userId, today, codes, note);
    if (explained.length) {
      const data = JSON.stringify({
        requestId: id,
        causeCodes: codes,
        note,
        measures: a.measures.trim(),
        committedOn: a.committedOn,
      });
      await sql`insert into task_events (task_id, kind, actor_user_id, on_date, reason, data)
        select unnest(${explained}::int[]), 'explanation_answered', ${p.userId}::int, ${today}::date, null, ${data}::jsonb`.execute(
        trx,
      );
    }
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'explanation_answered',
      entity: 'explanation_request',
      entityId: id,
      data: { causeCodes: codes, committedOn: a.committedOn, taskIds: explained },
    });
  });
}

/**
 * A request is seen by whoever asked it, by administrators, and by the roles (not staff) whose
 * scope covers the unit asked — its clerks and heads, and the offices above it.
 */
export function canSeeRequest(p: Principal, unitPath: string, requestedBy: number | null): boolean {
  return (
    requestedBy === p.userId || p.grants.some((g) => g.role === 'admin' || (g.role !== 'staff' && covers(g, unitPath)))
  );
}
