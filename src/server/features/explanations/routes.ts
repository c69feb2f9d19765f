import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { hasRole } from '../../domain/access.js';
import { principalOf } from '../../http/auth-hook.js';
import { IsoDateString } from '../tasks/schema.js';
import {
  answerExplanation,
  getRequest,
  listCauses,
  listRequests,
  requestExplanation,
  saveCause,
  setDelayCauses,
  taskDelay,
} from './service.js';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
const IdParams = z.object({ id: Id });
const CauseCodes = z.array(z.string().trim().min(1).max(50)).max(20).default([]);
const CauseBody = z.object({
  kind: z.enum(['objective', 'subjective']),
  nameVi: z.string().trim().min(2).max(300),
  nameEn: z.string().trim().min(2).max(300),
  active: z.boolean().optional(),
  sort: z.number().int().min(0).max(10_000).optional(),
});

export function explanationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['monitoring'];
    app.get(
      '/api/delay-causes',
      {
        schema: {
          tags,
          summary:
            'The list of causes of delay (objective, subjective); all of them with includeInactive (administrator)',
          querystring: z.object({ includeInactive: z.enum(['true', 'false']).optional() }),
        },
      },
      async (request) => {
        // Signed-in users only, like every list but the portal's (principalOf answers 401).
        const p = principalOf(request);
        return { items: await listCauses(ctx.db, request.query.includeInactive === 'true' && hasRole(p, 'admin')) };
      },
    );
    app.post(
      '/api/delay-causes',
      {
        schema: {
          tags,
          summary: 'Add a cause to the list (administrator)',
          body: CauseBody.extend({
            code: z
              .string()
              .trim()
              .regex(/^[a-z0-9_]{2,50}$/, 'a-z, 0-9, _'),
          }),
        },
      },
      async (request, reply) =>
        reply.status(201).send({ items: await saveCause(ctx, principalOf(request), request.body, false) }),
    );
    app.put(
      '/api/delay-causes/:code',
      {
        schema: {
          tags,
          summary: 'Change or deactivate a cause (administrator)',
          params: z.object({ code: z.string().max(50) }),
          body: CauseBody,
        },
      },
      async (request) => ({
        items: await saveCause(ctx, principalOf(request), { ...request.body, code: request.params.code }, true),
      }),
    );

    app.get(
      '/api/tasks/:id/delay',
      { schema: { tags, summary: "A task's causes of delay and its explanation requests", params: IdParams } },
      async (request) => taskDelay(ctx, principalOf(request), request.params.id),
    );
    app.put(
      '/api/tasks/:id/delay-causes',
      {
        schema: {
          tags,
          summary: 'The lead unit gives the causes of an overdue task or a late completion',
          params: IdParams,
          body: z.object({
            version: z.number().int().positive(),
            causeCodes: CauseCodes,
            note: z.string().trim().max(2000).nullish(),
          }),
        },
      },
      async (request) => {
        const p = principalOf(request);
        await setDelayCauses(ctx, p, request.params.id, request.body);
        return taskDelay(ctx, p, request.params.id);
      },
    );

    app.get(
      '/api/explanation-requests',
      {
        schema: {
          tags,
          summary: 'Explanation requests the caller asked, or of the units under their scope',
          querystring: z.object({
            status: z.enum(['pending', 'answered', 'overdue']).optional(),
            unitId: Id.optional(),
            taskId: Id.optional(),
          }),
        },
      },
      async (request) => ({ items: await listRequests(ctx, principalOf(request), request.query) }),
    );
    app.post(
      '/api/explanation-requests',
      {
        schema: {
          tags,
          summary: 'Ask a unit to explain one late task (taskId) or all its overdue tasks (unitId), by a due date',
          body: z.object({
            taskId: Id.nullish(),
            unitId: Id.nullish(),
            dueOn: IsoDateString,
            note: z.string().trim().max(2000).nullish(),
          }),
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const id = await requestExplanation(ctx, p, request.body);
        return reply.status(201).send(await getRequest(ctx, p, id));
      },
    );
    app.get(
      '/api/explanation-requests/:id',
      { schema: { tags, summary: 'One explanation request with its tasks and answer', params: IdParams } },
      async (request) => getRequest(ctx, principalOf(request), request.params.id),
    );
    app.post(
      '/api/explanation-requests/:id/answer',
      {
        schema: {
          tags,
          summary: "The unit's answer: causes, measures, a new committed date (clerk or head of the unit)",
          params: IdParams,
          body: z.object({
            causeCodes: CauseCodes,
            causeNote: z.string().trim().max(2000).nullish(),
            measures: z.string().trim().min(3).max(5000),
            committedOn: IsoDateString,
          }),
        },
      },
      async (request) => {
        const p = principalOf(request);
        await answerExplanation(ctx, p, request.params.id, request.body);
        return getRequest(ctx, p, request.params.id);
      },
    );
  };
}
