import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STATS_GROUP_BY, Statistics } from '../../../shared/api/stats.js';
import type { AppContext } from '../../context.js';
import { principalOf } from '../../http/auth-hook.js';
import { IsoDateString } from '../tasks/schema.js';
import { statistics } from './service.js';

export const StatsQuery = z.object({
  asOf: IsoDateString.optional(),
  assignedFrom: IsoDateString.optional(),
  assignedTo: IsoDateString.optional(),
  dueFrom: IsoDateString.optional(),
  dueTo: IsoDateString.optional(),
  groupBy: z.enum(STATS_GROUP_BY).default('lead_unit'),
  unitId: z.coerce.number().int().positive().optional(),
  fieldCode: z.string().max(50).optional(),
  topLevel: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export function statsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/stats',
      {
        schema: {
          tags: ['statistics'],
          summary: 'The four status categories and rates per group, as of a cut-off',
          querystring: StatsQuery,
          response: { 200: Statistics },
        },
      },
      async (request) => {
        const { groupBy, ...filter } = request.query;
        return statistics(ctx, principalOf(request), groupBy, filter);
      },
    );
  };
}
