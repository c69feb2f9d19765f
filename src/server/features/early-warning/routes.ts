import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { principalOf } from '../../http/auth-hook.js';
import { BadRequest } from '../../errors.js';
import { listAtRisk } from './service.js';

const Ids = z
  .string()
  .max(2000)
  .transform((s, c) => {
    const ids = s.split(',').filter(Boolean).map(Number);
    if (ids.some((n) => !Number.isInteger(n) || n <= 0 || n > 2_147_483_647) || ids.length > 200) {
      c.addIssue({ code: 'custom', message: 'expected up to 200 comma-separated task ids' });
      return z.NEVER;
    }
    return ids;
  });

const AtRiskQuery = z.object({
  unitId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  ids: Ids.optional(),
  minScore: z.coerce.number().int().min(1).max(100).optional(),
  horizonDays: z.coerce.number().int().min(1).max(365).default(60),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function earlyWarningRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/tasks/at-risk',
      {
        schema: {
          tags: ['monitoring'],
          summary:
            'Open tasks at risk of becoming overdue, with score and reasons (vi/en); ?ids=1,2,3 gives the flags of given tasks (for list badges)',
          querystring: AtRiskQuery,
        },
      },
      async (request) => {
        const q = request.query;
        if (q.ids && q.ids.length === 0)
          throw new BadRequest({ vi: 'Danh sách mã nhiệm vụ rỗng.', en: 'The list of task ids is empty.' }, 'ids');
        return listAtRisk(ctx, principalOf(request), q);
      },
    );
  };
}
