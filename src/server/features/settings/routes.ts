import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { principalOf } from '../../http/auth-hook.js';
import { getStatusRules, updateStatusRules } from './service.js';

const StatusRulesBody = z.object({ extensionCountsAsOnTime: z.boolean() });

export function settingsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['settings'];
    // A published setting: every user may read how the statistics count (DESIGN.md §4).
    app.get(
      '/api/settings/status-rules',
      { schema: { tags, summary: 'How the status rules count completions within an approved extension' } },
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
