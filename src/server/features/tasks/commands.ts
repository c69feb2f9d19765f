import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database, Task } from '../../db/schema.js';
import {
  actsForAssigner,
  actsForLead,
  allowedTaskActions,
  canSeeTask,
  type Principal,
  type TaskAction,
} from '../../domain/access.js';
import { Conflict, notAllowed, notFound, staleVersion } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { hasPendingExtension, insertEvent, lockTask, refreshProjection, taskRefs, type NewEvent } from './queries.js';

export const TASK = { vi: 'nhiệm vụ', en: 'Task' };

export interface CommandContext {
  trx: Transaction<Database>;
  task: Task;
  today: string;
  principal: Principal;
  /** Appends an event on this task, dated today, by the caller. */
  record(kind: NewEvent['kind'], data?: Record<string, unknown>, reason?: string | null): Promise<number>;
}

const LEAD_ACTIONS: TaskAction[] = [
  'receive',
  'progress',
  'request_extension',
  'report_completion',
  'hand_down',
  'set_delay_causes',
];

/**
 * Runs one action on a task in one transaction: lock, check the version and the rules,
 * apply, refresh the projection from the event log, bump the version, audit.
 * `version` undefined means the action does not race (comments, urging).
 */
export async function runTaskCommand<T>(
  ctx: AppContext,
  principal: Principal,
  taskId: number,
  version: number | undefined,
  action: TaskAction,
  apply: (c: CommandContext) => Promise<T>,
  options: CommandOptions = {},
): Promise<T> {
  return ctx.db
    .transaction()
    .execute((trx) => runTaskCommandIn(trx, ctx, principal, taskId, version, action, apply, options));
}

export interface CommandOptions {
  /** The business date the action is dated (a unit's letter), judged instead of today where the rules look at the day. */
  actedOn?: string;
}

/** runTaskCommand inside the caller's transaction: several tasks changed all or nothing. */
export async function runTaskCommandIn<T>(
  trx: Transaction<Database>,
  ctx: AppContext,
  principal: Principal,
  taskId: number,
  version: number | undefined,
  action: TaskAction,
  apply: (c: CommandContext) => Promise<T>,
  options: CommandOptions = {},
): Promise<T> {
  const task = await lockTask(trx, taskId);
  if (!task) throw notFound(TASK, taskId);
  const refs = await taskRefs(trx, task);
  // An invisible task is reported as missing, so ids cannot be probed.
  if (!canSeeTask(principal, refs)) throw notFound(TASK, taskId);
  if (version !== undefined && version !== task.version) throw staleVersion();
  const today = ctx.clock.today();
  const situation = {
    ...refs,
    state: task.state,
    deadline: task.deadline,
    hasPendingExtension: await hasPendingExtension(trx, task.id),
    today: options.actedOn ?? today,
  };
  if (!allowedTaskActions(principal, situation).includes(action)) {
    const onTheRightSide = LEAD_ACTIONS.includes(action)
      ? actsForLead(principal, refs)
      : actsForAssigner(principal, refs);
    if (onTheRightSide) throw stateConflict(action, task.state);
    throw notAllowed();
  }
  const record: CommandContext['record'] = (kind, data, reason) =>
    insertEvent(trx, {
      taskId: task.id,
      kind,
      actorUserId: principal.userId,
      onDate: today,
      data,
      reason: reason ?? null,
    });
  const result = await apply({ trx, task, today, principal, record });
  await refreshProjection(trx, task.id);
  await trx
    .updateTable('tasks')
    .set({ version: task.version + 1, updated_at: new Date() })
    .where('id', '=', task.id)
    .execute();
  await appendAudit(trx, {
    actorUserId: principal.userId,
    action: `task_${action}`,
    entity: 'task',
    entityId: task.id,
  });
  return result;
}

const WHY_NOT_NOW: Partial<Record<TaskAction, { vi: string; en: string }>> = {
  decide_extension: {
    vi: 'Không có đề nghị gia hạn nào đang chờ xử lý.',
    en: 'There is no pending extension request.',
  },
  request_extension: {
    vi: 'Chỉ được đề nghị gia hạn trước khi hết hạn, khi nhiệm vụ còn đang thực hiện và chưa có đề nghị nào đang chờ.',
    en: 'An extension can only be asked before the deadline, while the task is open and no other request is pending.',
  },
};

function stateConflict(action: TaskAction, state: string): Conflict {
  return new Conflict(
    WHY_NOT_NOW[action] ?? {
      vi: `Không thể thực hiện thao tác "${action}" khi nhiệm vụ đang ở trạng thái "${state}".`,
      en: `Cannot "${action}" while the task is "${state}".`,
    },
  );
}
