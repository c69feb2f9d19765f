import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import type { Principal } from '../../domain/access.js';
import { Conflict } from '../../errors.js';
import { runTaskCommand, runTaskCommandIn } from './commands.js';

/** The decisions of the assigning side that can be taken back when made by mistake. */
const UNDOABLE = ['completion_confirmed', 'completion_returned', 'extension_refused'] as const;
type Undoable = (typeof UNDOABLE)[number];
const DECISION_KINDS = [
  'completion_reported',
  'completion_returned',
  'completion_confirmed',
  'extension_requested',
  'extension_approved',
  'extension_refused',
  'decision_undone',
];

const STATE_AFTER_UNDO: Record<Undoable, 'completion_reported' | null> = {
  completion_confirmed: 'completion_reported',
  completion_returned: 'completion_reported',
  extension_refused: null,
};

/**
 * Takes back the last decision on a task — a confirmation of completion, a return of the
 * report, or a refused extension — made by mistake: an event with the reason, as if the
 * decision had never been made (the report or the request is pending again). Only the last
 * decision, and only while nothing has happened since on that thread.
 */
export function undoDecision(ctx: AppContext, p: Principal, id: number, b: { version: number; reason: string }) {
  return runTaskCommand(ctx, p, id, b.version, 'undo_decision', async (c) => {
    const last = await c.trx
      .selectFrom('task_events')
      .select(['id', 'kind', 'data'])
      .where('task_id', '=', id)
      .where('kind', 'in', DECISION_KINDS)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const undoes = UNDOABLE.find((k) => k === last?.kind);
    if (!last || !undoes)
      throw new Conflict({
        vi: 'Không có quyết định nào (xác nhận hoàn thành, trả lại báo cáo, từ chối gia hạn) để hủy.',
        en: 'There is no decision (confirmation, return or refused extension) to undo.',
      });
    await c.record('decision_undone', { undoes, eventId: last.id }, b.reason);
    const state = STATE_AFTER_UNDO[undoes];
    if (state) await c.trx.updateTable('tasks').set({ state }).where('id', '=', id).execute();
    if (undoes === 'extension_refused') {
      const requestId = Number((last.data as { requestId?: number }).requestId);
      await c.trx
        .updateTable('extension_requests')
        .set({ status: 'pending', decided_by: null, decided_on: null, decision_reason: null })
        .where('id', '=', requestId)
        .execute();
    }
    return undoes;
  });
}

/**
 * Applies or declines the recomputation of a working-day deadline after a change of the
 * holiday table (features/calendar/recompute.ts lists the candidates), in the caller's
 * transaction. Only a deadline never extended is recomputed: an extension set its own date.
 */
export function decideRecomputation(
  trx: Transaction<Database>,
  ctx: AppContext,
  p: Principal,
  d: { taskId: number; version: number; computed: string; apply: boolean; reason: string },
) {
  return runTaskCommandIn(trx, ctx, p, d.taskId, d.version, 'recompute_deadline', async (c) => {
    if (c.task.deadline_kind !== 'working_days' || c.task.extension_count > 0 || !c.task.original_deadline)
      throw new Conflict({
        vi: `Nhiệm vụ #${d.taskId} không có hạn tính theo ngày làm việc chưa gia hạn để tính lại.`,
        en: `Task #${d.taskId} has no unextended working-day deadline to recompute.`,
      });
    const data = {
      previousDeadline: c.task.original_deadline,
      deadline: d.computed,
      workingDays: c.task.working_days,
      from: c.task.deadline_from === 'receipt' ? c.task.received_on : c.task.assigned_on,
    };
    if (d.apply) await c.record('deadline_recomputed', data, d.reason);
    else
      await c.record(
        'deadline_recomputation_kept',
        { ...data, deadline: c.task.original_deadline, computed: d.computed },
        d.reason,
      );
  });
}
