import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { principalOf } from '../../http/auth-hook.js';
import { getStatusRules, updateStatusRules } from './service.js';

const StatusRulesBody = z
  .object({
    extensionCountsAsOnTime: z.boolean().optional(),
    /** Civil Code art. 148: a deadline on a non-working day ends on the next working day ('next_working_day') or stays ('stays'). */
    deadlineOnNonWorkingDay: z.enum(['stays', 'next_working_day']).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one rule');

export function settingsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['settings'];
    // A published setting: every user may read how the statistics count (DESIGN.md §4).
    app.get(
      '/api/settings/status-rules',
      {
        schema: {
          tags,
          summary: 'How the status rules count: completions within an extension, deadlines on non-working days',
        },
      },
      async (request) => {
        principalOf(request);
        return getStatusRules(ctx.db);
      },
    );

    app.put(
      '/api/settings/status-rules',
      { schema: { tags, summary: 'Change the published status rules (admin)', body: StatusRulesBody } },
      async (request) => updateStatusRules(ctx, principalOf(request), request.body),
    );
  };
}
