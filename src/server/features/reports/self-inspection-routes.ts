import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { principalOf } from '../../http/auth-hook.js';
import { IsoDateString } from '../tasks/schema.js';
import { reviewUnitFor } from './access.js';
import { createRectification, listRectifications, updateRectification } from './rectifications.js';
import { Behind, IdParams, SelfInspectionQuery } from './schema.js';
import { inReviewTransaction } from './review.js';
import { selfInspection, selfInspectionTasks } from './self-inspection.js';

const Text = z.string().trim().min(3).max(2000);
const RectificationBody = z.object({
  unitId: z.number().int().positive(),
  personUserId: z.number().int().positive().nullish(),
  personName: z.string().trim().max(200).nullish(),
  taskId: z.number().int().positive().nullish(),
  cause: Text,
  measure: Text,
  followUp: z.string().trim().max(2000).nullish(),
  dueOn: IsoDateString.nullish(),
});
const RectificationPatch = z.object({
  version: z.number().int().positive(),
  status: z.enum(['open', 'in_progress', 'done']).optional(),
  cause: Text.optional(),
  measure: Text.optional(),
  followUp: z.string().trim().max(2000).nullish(),
  dueOn: IsoDateString.nullish(),
});

/** Self-inspection of a unit's divisions and staff, and its rectification records. */
export function selfInspectionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['reports'];
    app.get(
      '/api/reports/self-inspection',
      {
        schema: {
          tags,
          summary: 'The review of the sub-tasks a unit handed down, per division or staff member',
          querystring: SelfInspectionQuery,
        },
      },
      async (request) => inReviewTransaction(ctx, (c) => selfInspection(c, principalOf(request), request.query)),
    );
    app.get(
      '/api/reports/self-inspection/tasks',
      {
        schema: {
          tags,
          summary: 'The sub-tasks behind one number of the self-inspection',
          querystring: SelfInspectionQuery.extend(Behind.shape),
        },
      },
      async (request) => {
        const { key, measure, ...q } = request.query;
        return inReviewTransaction(ctx, (c) => selfInspectionTasks(c, principalOf(request), q, key, measure));
      },
    );

    app.get(
      '/api/reports/rectifications',
      {
        schema: {
          tags,
          summary: 'Rectification records of a unit (and its subtree)',
          querystring: z.object({ unitId: z.coerce.number().int().positive().optional() }),
        },
      },
      async (request) => {
        const p = principalOf(request);
        const unitId = (await reviewUnitFor(ctx.db, p, request.query.unitId)) ?? p.unitId;
        return { items: await listRectifications(ctx, p, unitId) };
      },
    );
    app.post(
      '/api/reports/rectifications',
      {
        schema: { tags, summary: 'Record a rectification: person, cause, measure, follow-up', body: RectificationBody },
      },
      async (request, reply) =>
        reply.status(201).send(await createRectification(ctx, principalOf(request), request.body)),
    );
    app.patch(
      '/api/reports/rectifications/:id',
      {
        schema: {
          tags,
          summary: 'Follow a rectification up (status, follow-up, measure)',
          params: IdParams,
          body: RectificationPatch,
        },
      },
      async (request) => updateRectification(ctx, principalOf(request), request.params.id, request.body),
    );
  };
}
