import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { principalOf } from '../../http/auth-hook.js';
import { getFeedback, listFeedback, moderateFeedback } from './feedback.js';

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const Versioned = z.object({ version: z.number().int().positive() });

/** The city office's moderation queue for the portal's feedback (/api/feedback). */
export function feedbackRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['feedback'];
    app.get(
      '/api/feedback',
      {
        schema: {
          tags,
          summary: 'Moderation queue: citizens’ feedback, newest first',
          querystring: z.object({
            status: z.enum(['new', 'answered', 'hidden']).optional(),
            q: z.string().trim().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            before: z.coerce.number().int().positive().optional(),
          }),
        },
      },
      async (request) => listFeedback(ctx, principalOf(request), request.query),
    );
    app.get(
      '/api/feedback/:id',
      { schema: { tags, summary: 'One feedback message', params: IdParams } },
      async (request) => getFeedback(ctx, principalOf(request), request.params.id),
    );
    app.post(
      '/api/feedback/:id/answer',
      {
        schema: {
          tags,
          summary: 'Answer (or re-answer) a message',
          params: IdParams,
          body: Versioned.extend({ answer: z.string().trim().min(3).max(10_000) }),
        },
      },
      async (request) =>
        moderateFeedback(ctx, principalOf(request), request.params.id, request.body.version, {
          kind: 'answer',
          answer: request.body.answer,
        }),
    );
    for (const kind of ['publish', 'unpublish', 'hide'] as const) {
      const summary = {
        publish: 'Publish the answer on the portal',
        unpublish: 'Withdraw the answer from the portal',
        hide: 'Set aside (spam or abuse); never deleted',
      }[kind];
      app.post(
        `/api/feedback/:id/${kind}`,
        { schema: { tags, summary, params: IdParams, body: Versioned } },
        async (request) =>
          moderateFeedback(ctx, principalOf(request), request.params.id, request.body.version, { kind }),
      );
    }
  };
}
