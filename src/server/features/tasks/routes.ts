import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MyWork, TaskDetail, TaskPage } from '../../../shared/api/tasks.js';
import type { AppContext } from '../../context.js';
import { principalOf } from '../../http/auth-hook.js';
import { assertAttachable } from '../files/service.js';
import { taskActions } from './actions.js';
import { undoDecision } from './corrections.js';
import { getTaskDetail } from './detail.js';
import { exportTasksXlsx } from './export.js';
import { listTasks } from './list.js';
import { myWork } from './my-work.js';
import { ActionBodies, IsoDateString, TaskIdParams, TaskListQuery } from './schema.js';

const RequestParams = TaskIdParams.extend({ rid: z.coerce.number().int().positive().max(2_147_483_647) });

export function taskRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['tasks'];
    app.get(
      '/api/tasks',
      {
        schema: {
          tags,
          summary: 'List and filter tasks (keyset paging)',
          querystring: TaskListQuery,
          response: { 200: TaskPage },
        },
      },
      async (request) => listTasks(ctx, principalOf(request), request.query),
    );

    app.get(
      '/api/tasks/export.xlsx',
      { schema: { tags, summary: 'The filtered task list as Excel', querystring: TaskListQuery } },
      async (request, reply) => {
        const file = await exportTasksXlsx(ctx, principalOf(request), request.query);
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="nhiem-vu-${ctx.clock.today()}.xlsx"`);
        return reply.send(file);
      },
    );

    app.get(
      '/api/me/work',
      {
        schema: {
          tags,
          summary: 'My work: to receive, due this week, overdue, decisions waiting',
          response: { 200: MyWork },
        },
      },
      async (request) => myWork(ctx, principalOf(request)),
    );

    app.get(
      '/api/tasks/:id',
      {
        schema: {
          tags,
          summary: 'A task with its timeline and allowed actions',
          params: TaskIdParams,
          querystring: z.object({ asOf: IsoDateString.optional() }),
          response: { 200: TaskDetail },
        },
      },
      async (request) => getTaskDetail(ctx, principalOf(request), request.params.id, request.query.asOf),
    );

    /** Each action answers with the updated task, so the screen redraws from one response. */
    const action = <B extends z.ZodTypeAny>(
      path: string,
      summary: string,
      body: B,
      run: (p: ReturnType<typeof principalOf>, id: number, b: z.infer<B>) => Promise<unknown>,
    ) =>
      app.post(
        `/api/tasks/:id/${path}`,
        { schema: { tags, summary, params: TaskIdParams, body, response: { 200: TaskDetail } } },
        async (request) => {
          const p = principalOf(request);
          const { id } = request.params as { id: number };
          await assertAttachable(ctx, p, attachedFileIds(request.body));
          await run(p, id, request.body as z.infer<B>);
          return getTaskDetail(ctx, p, id);
        },
      );

    action('receive', 'Receive the task (lead unit)', ActionBodies.receive, (p, id, b) =>
      taskActions.receive(ctx, p, id, b),
    );
    action('progress', 'Report progress', ActionBodies.progress, (p, id, b) => taskActions.progress(ctx, p, id, b));
    action('extension-requests', 'Ask for an extension before the deadline', ActionBodies.extension, (p, id, b) =>
      taskActions.requestExtension(ctx, p, id, b),
    );
    action('completion', 'Report completion', ActionBodies.completion, (p, id, b) =>
      taskActions.reportCompletion(ctx, p, id, b),
    );
    action('confirm', 'Confirm the reported completion', ActionBodies.confirm, (p, id, b) =>
      taskActions.confirm(ctx, p, id, b),
    );
    action('return', 'Return the completion report with reasons', ActionBodies.reason, (p, id, b) =>
      taskActions.returnCompletion(ctx, p, id, b),
    );
    action('reassign', 'Change the lead unit', ActionBodies.reassign, (p, id, b) =>
      taskActions.reassign(ctx, p, id, b),
    );
    action('withdraw', 'Withdraw the task', ActionBodies.reason, (p, id, b) => taskActions.withdraw(ctx, p, id, b));
    action('cancel', 'Cancel the task', ActionBodies.reason, (p, id, b) => taskActions.cancel(ctx, p, id, b));
    action('comments', 'Comment', ActionBodies.comment, (p, id, b) => taskActions.comment(ctx, p, id, b));
    action('urge', 'Log an urging on the task', ActionBodies.urge, (p, id, b) => taskActions.urge(ctx, p, id, b));
    action(
      'undo',
      'Take back the last confirmation, return or refused extension made by mistake (assigning side, with reason)',
      ActionBodies.undo,
      (p, id, b) => undoDecision(ctx, p, id, b),
    );
    action('subtasks', 'Hand part of the task down to a division or staff member', ActionBodies.subtask, (p, id, b) =>
      taskActions.handDown(ctx, p, id, b),
    );

    for (const [verb, body, run] of [
      ['approve', ActionBodies.decide, taskActions.approveExtension],
      ['refuse', ActionBodies.refuse, taskActions.refuseExtension],
    ] as const) {
      app.post(
        `/api/tasks/:id/extension-requests/:rid/${verb}`,
        {
          schema: {
            tags,
            summary: `${verb} an extension request`,
            params: RequestParams,
            body,
            response: { 200: TaskDetail },
          },
        },
        async (request) => {
          const p = principalOf(request);
          await run(ctx, p, request.params.id, request.params.rid, request.body as never);
          return getTaskDetail(ctx, p, request.params.id);
        },
      );
    }
  };
}

/** The files an action's body names: its attachments and its unit letter's file. */
function attachedFileIds(body: unknown): number[] {
  const b = (body ?? {}) as { fileIds?: number[]; document?: { fileId?: number } };
  return [...(b.fileIds ?? []), ...(b.document?.fileId ? [b.document.fileId] : [])];
}
