import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
import { Conflict, Invalid, notFound } from '../../errors.js';
import { checkBusinessDate, datedData } from './business-dates.js';
import { loadWorkingCalendar } from '../calendar/service.js';
import { runTaskCommand } from './commands.js';
import { insertTasks } from './create.js';
import type { ActionBodies } from './schema.js';
import type { z } from 'zod';

type Body<K extends keyof typeof ActionBodies> = z.infer<(typeof ActionBodies)[K]>;

/** The life of a task (DESIGN.md §3): each use case is one command. */
export const taskActions = {
  receive: (ctx: AppContext, p: Principal, id: number, b: Body<'receive'>) =>
    runTaskCommand(ctx, p, id, b.version, 'receive', async (c) => {
      const calendar = await loadWorkingCalendar(c.trx);
      const received = await checkBusinessDate(c.trx, c.task, c.today, b.receivedOn, calendar);
      if (received.needsAcceptance) throw receiptTooOld(received.dated);
      // "N working days from receipt": the deadline is fixed now, counted from the day received.
      const fromReceipt = c.task.deadline_from === 'receipt' && c.task.working_days !== null && !c.task.deadline;
      const deadline = fromReceipt ? calendar.addWorkingDays(received.dated, c.task.working_days!) : null;
      await c.record('received', {
        note: b.note ?? null,
        ...(b.receivedOn ? { dated: received.dated } : {}),
        ...(deadline ? { deadline, workingDays: c.task.working_days } : {}),
      });
      await c.trx
        .updateTable('tasks')
        .set({ state: 'received', received_on: received.dated })
        .where('id', '=', id)
        .execute();
    }),

  progress: (ctx: AppContext, p: Principal, id: number, b: Body<'progress'>) =>
    runTaskCommand(ctx, p, id, b.version, 'progress', async (c) => {
      const d = await checkBusinessDate(c.trx, c.task, c.today, b.document?.date, await loadWorkingCalendar(c.trx));
      await c.record('progress', { note: b.note, percent: b.percent, fileIds: b.fileIds, ...datedData(b.document, d) });
      await c.trx
        .updateTable('tasks')
        .set({ state: 'in_progress', progress: b.percent, last_progress_on: d.needsAcceptance ? c.today : d.dated })
        .where('id', '=', id)
        .execute();
    }),

  requestExtension: (ctx: AppContext, p: Principal, id: number, b: Body<'extension'>) =>
    runTaskCommand(
      ctx,
      p,
      id,
      b.version,
      'request_extension',
      async (c) => {
        const d = await checkBusinessDate(c.trx, c.task, c.today, b.document?.date, await loadWorkingCalendar(c.trx));
        const current = c.task.deadline!;
        if (b.newDeadline <= current) {
          throw new Invalid(
            {
              vi: `Hạn đề nghị phải sau hạn hiện tại (${current}).`,
              en: `The requested deadline must be after the current one (${current}).`,
            },
            'newDeadline',
          );
        }
        const parentLimit = await parentDeadline(c.trx, c.task.parent_id);
        if (parentLimit && b.newDeadline > parentLimit) {
          throw new Invalid(
            {
              vi: `Hạn đề nghị không được sau hạn của nhiệm vụ cấp trên (${parentLimit}).`,
              en: `The requested deadline cannot be after the parent task's (${parentLimit}).`,
            },
            'newDeadline',
          );
        }
        const { id: requestId } = await c.trx
          .insertInto('extension_requests')
          .values({
            task_id: id,
            requested_by: p.userId,
            requested_on: c.today,
            current_deadline: current,
            requested_deadline: b.newDeadline,
            reason: b.reason,
            dated_on: b.document ? d.dated : null,
            needs_acceptance: d.needsAcceptance,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await c.record(
          'extension_requested',
          { requestId, newDeadline: b.newDeadline, currentDeadline: current, ...datedData(b.document, d) },
          b.reason,
        );
      },
      // A letter dated on or before the deadline asked in time, even if entered after it.
      { actedOn: b.document?.date },
    ),

  approveExtension: (ctx: AppContext, p: Principal, id: number, requestId: number, b: Body<'decide'>) =>
    runTaskCommand(ctx, p, id, b.version, 'decide_extension', async (c) => {
      const request = await pendingRequest(c.trx, id, requestId);
      if (request.needs_acceptance && !b.acceptDated && request.requested_on > request.current_deadline)
        throw new Conflict({
          vi: `Đề nghị ghi ngày ${request.dated_on} nhưng nhập sau hạn (${request.current_deadline}); chỉ duyệt được khi chấp nhận ngày của văn bản.`,
          en: `The request is dated ${request.dated_on} but was entered after the deadline (${request.current_deadline}); approve it only by accepting its date.`,
        });
      await c.trx
        .updateTable('extension_requests')
        .set({ status: 'approved', decided_by: p.userId, decided_on: c.today, decision_reason: b.reason ?? null })
        .where('id', '=', requestId)
        .execute();
      await c.trx
        .insertInto('task_deadline_changes')
        .values({ task_id: id, effective_on: c.today, deadline: request.requested_deadline })
        .execute();
      await c.record(
        'extension_approved',
        { requestId, deadline: request.requested_deadline, previousDeadline: c.task.deadline },
        b.reason ?? null,
      );
    }),

  refuseExtension: (ctx: AppContext, p: Principal, id: number, requestId: number, b: Body<'refuse'>) =>
    runTaskCommand(ctx, p, id, b.version, 'decide_extension', async (c) => {
      await pendingRequest(c.trx, id, requestId);
      await c.trx
        .updateTable('extension_requests')
        .set({ status: 'refused', decided_by: p.userId, decided_on: c.today, decision_reason: b.reason })
        .where('id', '=', requestId)
        .execute();
      await c.record('extension_refused', { requestId }, b.reason);
    }),

  reportCompletion: (ctx: AppContext, p: Principal, id: number, b: Body<'completion'>) =>
    runTaskCommand(ctx, p, id, b.version, 'report_completion', async (c) => {
      // A pending extension request is moot once the work is reported done.
      await c.trx
        .updateTable('extension_requests')
        .set({ status: 'withdrawn' })
        .where('task_id', '=', id)
        .where('status', '=', 'pending')
        .execute();
      const d = await checkBusinessDate(c.trx, c.task, c.today, b.document?.date, await loadWorkingCalendar(c.trx));
      await c.record('completion_reported', {
        note: b.note,
        resultDocument: b.resultDocument ?? b.document?.number ?? null,
        fileIds: b.fileIds,
        ...datedData(b.document, d),
      });
      await c.trx
        .updateTable('tasks')
        .set({ state: 'completion_reported', progress: 100 })
        .where('id', '=', id)
        .execute();
    }),

  confirm: (ctx: AppContext, p: Principal, id: number, b: Body<'confirm'>) =>
    runTaskCommand(ctx, p, id, b.version, 'confirm', async (c) => {
      await c.record('completion_confirmed', {
        note: b.note ?? null,
        ...(b.acceptDated ? { acceptsDated: true } : {}),
      });
      await c.trx.updateTable('tasks').set({ state: 'completed' }).where('id', '=', id).execute();
    }),

  returnCompletion: (ctx: AppContext, p: Principal, id: number, b: Body<'reason'>) =>
    runTaskCommand(ctx, p, id, b.version, 'return', async (c) => {
      await c.record('completion_returned', {}, b.reason);
      await c.trx.updateTable('tasks').set({ state: 'in_progress' }).where('id', '=', id).execute();
    }),

  reassign: (ctx: AppContext, p: Principal, id: number, b: Body<'reassign'>) =>
    runTaskCommand(ctx, p, id, b.version, 'reassign', async (c) => {
      const unit = await c.trx
        .selectFrom('units')
        .select(['id', 'active'])
        .where('id', '=', b.leadUnitId)
        .executeTakeFirst();
      if (!unit?.active)
        throw new Invalid(
          { vi: 'Đơn vị chủ trì mới không tồn tại.', en: 'The new lead unit does not exist.' },
          'leadUnitId',
        );
      if (b.leadUnitId === c.task.lead_unit_id)
        throw new Invalid(
          { vi: 'Đơn vị chủ trì mới trùng đơn vị hiện tại.', en: 'That unit already leads this task.' },
          'leadUnitId',
        );
      await c.trx
        .insertInto('task_lead_changes')
        .values({ task_id: id, effective_on: c.today, from_unit_id: c.task.lead_unit_id, to_unit_id: b.leadUnitId })
        .execute();
      await c.trx
        .deleteFrom('task_coordinators')
        .where('task_id', '=', id)
        .where('unit_id', '=', b.leadUnitId)
        .execute();
      await c.record('lead_reassigned', { fromUnitId: c.task.lead_unit_id, leadUnitId: b.leadUnitId }, b.reason);
      await c.trx.updateTable('tasks').set({ state: 'assigned' }).where('id', '=', id).execute();
    }),

  withdraw: (ctx: AppContext, p: Principal, id: number, b: Body<'reason'>) => endTask(ctx, p, id, b, 'withdraw'),
  cancel: (ctx: AppContext, p: Principal, id: number, b: Body<'reason'>) => endTask(ctx, p, id, b, 'cancel'),

  comment: (ctx: AppContext, p: Principal, id: number, b: Body<'comment'>) =>
    runTaskCommand(ctx, p, id, undefined, 'comment', async (c) => {
      await c.record('comment', { text: b.text });
    }),

  urge: (ctx: AppContext, p: Principal, id: number, b: Body<'urge'>) =>
    runTaskCommand(ctx, p, id, undefined, 'urge', async (c) => {
      await c.record('urged', { note: b.note ?? null });
      await c.trx
        .updateTable('tasks')
        .set({ urge_count: c.task.urge_count + 1 })
        .where('id', '=', id)
        .execute();
    }),

  handDown: (ctx: AppContext, p: Principal, id: number, b: Body<'subtask'>) =>
    runTaskCommand(ctx, p, id, b.version, 'hand_down', async (c) => {
      if (!b.leadUnitId && !b.assigneeUserId)
        throw new Invalid(
          { vi: 'Chọn phòng/ban hoặc cán bộ nhận nhiệm vụ.', en: 'Choose a division or a staff member.' },
          'leadUnitId',
        );
      if (c.task.deadline && (b.deadline === null || b.deadline > c.task.deadline)) {
        throw new Invalid(
          {
            vi: `Hạn của nhiệm vụ con không được sau hạn nhiệm vụ cha (${c.task.deadline}).`,
            en: `A sub-task's deadline cannot be after its parent's (${c.task.deadline}).`,
          },
          'deadline',
        );
      }
      const leadUnitId = await subtaskLead(c, b);
      const calendar = await loadWorkingCalendar(c.trx);
      const [subtaskId] = await insertTasks(
        c.trx,
        {
          documentId: c.task.document_id,
          documentDate: c.today,
          assignerUnitId: c.task.lead_unit_id,
          parentId: id,
          actorUserId: p.userId,
          onDate: c.today,
        },
        {
          content: b.content,
          leadUnitId,
          coordinatingUnitIds: [],
          fieldCode: c.task.field_code,
          isKey: c.task.is_key,
          deadline: b.deadline ? { kind: 'fixed', date: b.deadline } : { kind: 'none' },
        },
        calendar,
      );
      if (b.assigneeUserId)
        await c.trx
          .updateTable('tasks')
          .set({ assignee_user_id: b.assigneeUserId })
          .where('id', '=', subtaskId!)
          .execute();
      await c.record('handed_down', { subtaskId, leadUnitId, assigneeUserId: b.assigneeUserId ?? null });
      return subtaskId!;
    }),
};

async function endTask(ctx: AppContext, p: Principal, id: number, b: Body<'reason'>, action: 'withdraw' | 'cancel') {
  return runTaskCommand(ctx, p, id, b.version, action, async (c) => {
    const state = action === 'withdraw' ? 'withdrawn' : 'cancelled';
    await c.trx
      .updateTable('extension_requests')
      .set({ status: 'withdrawn' })
      .where('task_id', '=', id)
      .where('status', '=', 'pending')
      .execute();
    await c.record(state, {}, b.reason);
    await c.trx.updateTable('tasks').set({ state }).where('id', '=', id).execute();
  });
}

async function pendingRequest(
  trx: Parameters<Parameters<typeof runTaskCommand>[5]>[0]['trx'],
  taskId: number,
  requestId: number,
) {
  const request = await trx
    .selectFrom('extension_requests')
    .selectAll()
    .where('id', '=', requestId)
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  if (!request) throw notFound({ vi: 'đề nghị gia hạn', en: 'Extension request' }, requestId);
  if (request.status !== 'pending')
    throw new Invalid({ vi: 'Đề nghị gia hạn này đã được xử lý.', en: 'This extension request was already decided.' });
  return request;
}

async function parentDeadline(
  trx: Parameters<Parameters<typeof runTaskCommand>[5]>[0]['trx'],
  parentId: number | null,
): Promise<string | null> {
  if (!parentId) return null;
  const parent = await trx.selectFrom('tasks').select('deadline').where('id', '=', parentId).executeTakeFirst();
  return parent?.deadline ?? null;
}

/** A sub-task goes to a division inside the lead unit, or to a staff member of it. */
async function subtaskLead(
  c: Parameters<Parameters<typeof runTaskCommand>[5]>[0],
  b: Body<'subtask'>,
): Promise<number> {
  const leadPath = (
    await c.trx.selectFrom('units').select('path').where('id', '=', c.task.lead_unit_id).executeTakeFirstOrThrow()
  ).path;
  const assignee = b.assigneeUserId
    ? await c.trx
        .selectFrom('users')
        .select(['unit_id', 'active'])
        .where('id', '=', b.assigneeUserId)
        .executeTakeFirst()
    : undefined;
  if (b.assigneeUserId && !assignee?.active)
    throw new Invalid({ vi: 'Cán bộ được giao không tồn tại.', en: 'Unknown staff member.' }, 'assigneeUserId');
  // The person named must work in the unit the part is handed to, not anywhere below the lead.
  if (assignee && b.leadUnitId && assignee.unit_id !== b.leadUnitId)
    throw new Invalid(
      {
        vi: 'Cán bộ được giao phải thuộc phòng, ban nhận nhiệm vụ.',
        en: 'The staff member must belong to the division the part is handed to.',
      },
      'assigneeUserId',
    );
  const targetUnitId = b.leadUnitId ?? assignee!.unit_id;
  const target = await c.trx
    .selectFrom('units')
    .select(['path', 'active'])
    .where('id', '=', targetUnitId)
    .executeTakeFirst();
  if (!target?.active || !target.path.startsWith(leadPath)) {
    throw new Invalid(
      {
        vi: 'Chỉ giao xuống phòng, ban hoặc cán bộ thuộc đơn vị chủ trì.',
        en: 'Hand down only to divisions or staff of the lead unit.',
      },
      'leadUnitId',
    );
  }
  return targetUnitId;
}

function receiptTooOld(dated: string): Invalid {
  return new Invalid(
    {
      vi: `Ngày tiếp nhận ${dated} quá xa so với ngày nhập; đề nghị bên giao nhiệm vụ điều chỉnh.`,
      en: `The receipt date ${dated} is too far before today; ask the assigning side to correct it.`,
    },
    'receivedOn',
  );
}
