import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/connection.js';
import { type Principal } from '../../domain/access.js';
import { notFound } from '../../errors.js';
import { canSeeTask } from '../../domain/access.js';
import { TASK } from '../tasks/commands.js';
import { taskRefs, visibleTaskIds, visibleTo } from '../tasks/queries.js';
import { answersFor, canSeeRequest, REQUEST } from './requests.js';

export interface RequestFilter {
  status?: 'pending' | 'answered' | 'overdue';
  unitId?: number;
  taskId?: number;
}

const base = (db: Db) =>
  db
    .selectFrom('explanation_requests as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .innerJoin('users as rb', 'rb.id', 'r.requested_by')
    .leftJoin('users as ab', 'ab.id', 'r.answered_by')
    .select([
      'r.id',
      'r.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'r.scope',
      'r.requested_by',
      'rb.full_name as requested_by_name',
      'r.requested_on',
      'r.due_on',
      'r.note',
      'r.status',
      'ab.full_name as answered_by_name',
      'r.answered_on',
      'r.cause_codes',
      'r.cause_note',
      'r.measures',
      'r.committed_on',
      sql<number>`(select count(*) from explanation_request_tasks rt where rt.request_id = r.id)::int`.as('task_count'),
    ]);

type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

function present(r: Row, p: Principal, today: string) {
  return {
    id: r.id,
    unit: { id: r.unit_id, name: r.unit_name },
    scope: r.scope,
    requestedBy: { id: r.requested_by, fullName: r.requested_by_name },
    requestedOn: r.requested_on,
    dueOn: r.due_on,
    note: r.note,
    status: r.status,
    overdue: r.status === 'pending' && r.due_on < today,
    taskCount: Number(r.task_count),
    answer:
      r.status === 'answered'
        ? {
            by: r.answered_by_name,
            on: r.answered_on,
            causeCodes: r.cause_codes ?? [],
            causeNote: r.cause_note,
            measures: r.measures,
            committedOn: r.committed_on,
          }
        : null,
    canAnswer: r.status === 'pending' && answersFor(p, r.unit_path),
  };
}

/** The requests the caller may see, newest first: asked by them, of their units, or under their scope. */
export async function listRequests(ctx: AppContext, p: Principal, f: RequestFilter) {
  const today = ctx.clock.today();
  let q = base(ctx.db);
  if (!p.grants.some((g) => g.role === 'admin')) {
    const scopes = p.grants.filter((g) => g.role !== 'staff').map((g) => `${g.scopePath}%`);
    // A request lists tasks by content: one with a task the reader may not see (a leader of
    // other fields) is shown only to whoever asked it, as urging letters are.
    q = q.where((eb) =>
      eb.or([
        eb('r.requested_by', '=', p.userId),
        eb.and([
          eb.or(scopes.map((s) => eb('u.path', 'like', s))),
          eb.not(
            eb.exists(
              ctx.db
                .selectFrom('tasks')
                .select('tasks.id')
                .where((te) => te.not(visibleTo(p)(te)))
                .where(
                  'tasks.id',
                  'in',
                  eb
                    .selectFrom('explanation_request_tasks as rt')
                    .select('rt.task_id')
                    .whereRef('rt.request_id', '=', 'r.id'),
                ),
            ),
          ),
        ]),
      ]),
    );
  }
  if (f.status === 'overdue') q = q.where('r.status', '=', 'pending').where('r.due_on', '<', today);
  else if (f.status) q = q.where('r.status', '=', f.status);
  if (f.unitId)
    q = q.where(
      'r.unit_id',
      'in',
      sql<number>`(select id from units where path like (select path from units where id = ${f.unitId}) || '%')`,
    );
  if (f.taskId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('explanation_request_tasks as rt')
          .select('rt.task_id')
          .whereRef('rt.request_id', '=', 'r.id')
          .where('rt.task_id', '=', f.taskId!),
      ),
    );
  const rows = await q.orderBy('r.id', 'desc').limit(500).execute();
  return rows.map((r) => present(r, p, today));
}

/** One request with its tasks (what the unit explains). */
export async function getRequest(ctx: AppContext, p: Principal, id: number) {
  const row = await base(ctx.db).where('r.id', '=', id).executeTakeFirst();
  if (!row || !canSeeRequest(p, row.unit_path, row.requested_by)) throw notFound(REQUEST, id);
  const tasks = await ctx.db
    .selectFrom('explanation_request_tasks as rt')
    .innerJoin('tasks as t', 't.id', 'rt.task_id')
    .innerJoin('units as lu', 'lu.id', 't.lead_unit_id')
    .leftJoin('documents as d', 'd.id', 't.document_id')
    .select([
      't.id',
      't.content',
      't.state',
      't.deadline',
      't.completed_on',
      'lu.name as lead_unit_name',
      'd.number_symbol',
    ])
    .where('rt.request_id', '=', id)
    .orderBy('t.deadline')
    .orderBy('t.id')
    .execute();
  if (row.requested_by !== p.userId) {
    const visible = await visibleTaskIds(
      ctx.db,
      p,
      tasks.map((t) => t.id),
    );
    if (tasks.some((t) => !visible.has(t.id))) throw notFound(REQUEST, id);
  }
  return {
    ...present(row, p, ctx.clock.today()),
    tasks: tasks.map((t) => ({
      id: t.id,
      content: t.content,
      state: t.state,
      deadline: t.deadline,
      completedOn: t.completed_on,
      leadUnitName: t.lead_unit_name,
      documentNumber: t.number_symbol,
    })),
  };
}

/** A task's causes of delay as the lead unit gave them, and the explanation requests on it. */
export async function taskDelay(ctx: AppContext, p: Principal, taskId: number) {
  const task = await ctx.db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
  if (!task || !canSeeTask(p, await taskRefs(ctx.db, task))) throw notFound(TASK, taskId);
  const causes = await ctx.db
    .selectFrom('task_delay_causes as c')
    .leftJoin('users as u', 'u.id', 'c.set_by')
    .select(['c.cause_codes', 'c.note', 'c.set_on', 'u.full_name'])
    .where('c.task_id', '=', taskId)
    .executeTakeFirst();
  return {
    causes: causes
      ? { causeCodes: causes.cause_codes, note: causes.note, setOn: causes.set_on, setBy: causes.full_name }
      : null,
    requests: await listRequests(ctx, p, { taskId }),
  };
}
