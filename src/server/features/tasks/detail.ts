import type { Answer } from '../../../shared/api/common.js';
import type { TaskDetail } from '../../../shared/api/tasks.js';
import type { AppContext } from '../../context.js';
import { allowedTaskActions, canSeeTask, type Principal } from '../../domain/access.js';
import { notFound } from '../../errors.js';
import { getStatusRules } from '../settings/service.js';
import { TASK } from './commands.js';
import { baseSelect } from './list.js';
import { presentSummaries, type SummaryRow } from './presenter.js';
import { hasPendingExtension, statusAsOfSql, taskRefs } from './queries.js';

/** Everything the task screen shows: the summary, the history, and what the caller may do now. */
export async function getTaskDetail(
  ctx: AppContext,
  p: Principal,
  id: number,
  asOfParam?: string,
): Promise<Answer<typeof TaskDetail>> {
  const asOf = asOfParam ?? ctx.clock.today();
  const task = await ctx.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!task) throw notFound(TASK, id);
  const refs = await taskRefs(ctx.db, task);
  if (!canSeeTask(p, refs)) throw notFound(TASK, id);
  const rules = await getStatusRules(ctx.db);
  const row = (await baseSelect(
    ctx.db,
    asOf,
    statusAsOfSql(asOf, rules.extensionCountsAsOnTime, rules.deadlineOnNonWorkingDay === 'next_working_day'),
  )
    .where('tasks.id', '=', id)
    .executeTakeFirstOrThrow()) as SummaryRow;
  const [summary] = presentSummaries([row], asOf);
  const [document, timeline, extensionRequests, deadlineHistory, subtaskRows, people] = await Promise.all([
    task.document_id
      ? ctx.db
          .selectFrom('documents')
          .select(['id', 'number_symbol', 'kind', 'issued_on', 'summary', 'file_id'])
          .where('id', '=', task.document_id)
          .executeTakeFirst()
      : undefined,
    ctx.db
      .selectFrom('task_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .select([
        'e.id',
        'e.kind',
        'e.at',
        'e.on_date',
        'e.reason',
        'e.data',
        'u.id as actor_id',
        'u.full_name as actor_name',
      ])
      .where('e.task_id', '=', id)
      .orderBy('e.id')
      .execute(),
    ctx.db.selectFrom('extension_requests').selectAll().where('task_id', '=', id).orderBy('id').execute(),
    ctx.db
      .selectFrom('task_deadline_changes')
      .select(['effective_on', 'deadline'])
      .where('task_id', '=', id)
      .orderBy('effective_on')
      .orderBy('id')
      .execute(),
    baseSelect(
      ctx.db,
      asOf,
      statusAsOfSql(asOf, rules.extensionCountsAsOnTime, rules.deadlineOnNonWorkingDay === 'next_working_day'),
    )
      .where('tasks.parent_id', '=', id)
      .orderBy('tasks.id')
      .execute(),
    ctx.db
      .selectFrom('users')
      .select(['id', 'full_name'])
      .where('id', 'in', [task.leader_user_id ?? 0, task.assignee_user_id ?? 0])
      .execute(),
  ]);
  const person = (uid: number | null) => {
    const u = uid ? people.find((x) => x.id === uid) : undefined;
    return u ? { id: u.id, fullName: u.full_name } : null;
  };
  const situation = {
    ...refs,
    state: task.state,
    deadline: task.deadline,
    hasPendingExtension: await hasPendingExtension(ctx.db, id),
    today: ctx.clock.today(),
  };
  return {
    ...summary!,
    expectedProduct: task.expected_product,
    paragraph: task.paragraph,
    workingDays: task.working_days,
    document: document
      ? {
          id: document.id,
          numberSymbol: document.number_symbol,
          kind: document.kind,
          issuedOn: document.issued_on,
          summary: document.summary,
          fileId: document.file_id,
        }
      : null,
    leader: person(task.leader_user_id),
    assignee: person(task.assignee_user_id),
    deadlineHistory: [
      { effectiveOn: task.assigned_on, deadline: task.original_deadline },
      ...deadlineHistory.map((d) => ({ effectiveOn: d.effective_on, deadline: d.deadline })),
    ],
    extensionRequests: extensionRequests.map((r) => ({
      id: r.id,
      requestedOn: r.requested_on,
      currentDeadline: r.current_deadline,
      requestedDeadline: r.requested_deadline,
      reason: r.reason,
      status: r.status,
      decidedOn: r.decided_on,
      decisionReason: r.decision_reason,
    })),
    subtasks: presentSummaries(subtaskRows as SummaryRow[], asOf),
    timeline: timeline.map((e) => ({
      id: e.id,
      kind: e.kind,
      at: e.at,
      onDate: e.on_date,
      actor: e.actor_id ? { id: e.actor_id, fullName: e.actor_name ?? '' } : null,
      reason: e.reason,
      data: e.data,
    })),
    allowedActions: allowedTaskActions(p, situation),
  };
}
