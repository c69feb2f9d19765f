import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { hasRole } from '../../domain/access.js';
import { notAllowed, NotFound } from '../../errors.js';
import { principalOf } from '../../http/auth-hook.js';
import { earlyWarningRoutes } from '../early-warning/routes.js';
import { notificationRoutes } from '../notifications/routes.js';
import { urgingRoutes } from '../urging/routes.js';
import { explanationRoutes } from '../explanations/routes.js';
import { createFeed, feedCalendar, listFeeds, revokeFeed } from './feeds.js';
import { getReminderRules, ReminderRulesInput, reminderStatus, runNow, updateReminderRules } from './service.js';

const FeedInput = z.object({
  scope: z.enum(['user', 'unit']),
  unitId: z.number().int().positive().max(2_147_483_647).optional(),
});
const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/** Monitoring and urging (DESIGN.md §6): reminder rules, calendar feeds, and the sibling features' routes. */
export function monitoringRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['monitoring'];
    app.get('/api/reminders/rules', { schema: { tags, summary: 'Reminder and escalation rules' } }, async (request) => {
      const p = principalOf(request);
      if (!hasRole(p, 'admin', 'officer', 'leader')) throw notAllowed();
      return getReminderRules(ctx.db);
    });
    app.put(
      '/api/reminders/rules',
      { schema: { tags, summary: 'Change the reminder rules (administrator)', body: ReminderRulesInput } },
      async (request) => updateReminderRules(ctx, principalOf(request), request.body),
    );
    app.get(
      '/api/reminders/status',
      { schema: { tags, summary: 'Recent daily runs and the mail queue' } },
      async (request) => reminderStatus(ctx, principalOf(request)),
    );
    app.post(
      '/api/reminders/run',
      { schema: { tags, summary: "Run today's reminder scan now (administrator; once a day across servers)" } },
      async (request) => runNow(ctx, principalOf(request)),
    );

    app.get(
      '/api/calendar-feeds',
      { schema: { tags, summary: "The caller's calendar feeds (URLs are shown only when created)" } },
      async (request) => ({ items: await listFeeds(ctx, principalOf(request)) }),
    );
    app.post(
      '/api/calendar-feeds',
      {
        schema: {
          tags,
          summary: 'Create a secret iCalendar URL of deadlines, for the caller or a unit',
          body: FeedInput,
        },
      },
      async (request, reply) => reply.status(201).send(await createFeed(ctx, principalOf(request), request.body)),
    );
    app.delete(
      '/api/calendar-feeds/:id',
      { schema: { tags, summary: 'Revoke a calendar feed', params: IdParams } },
      async (request, reply) => {
        await revokeFeed(ctx, principalOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
    app.get(
      '/api/calendar-feeds/:file',
      {
        schema: {
          tags,
          summary: 'The iCalendar feed (no login; the secret token is the key)',
          params: z.object({ file: z.string().max(100) }),
        },
      },
      async (request, reply) => {
        const match = /^([A-Za-z0-9_-]{16,64})\.ics$/.exec(request.params.file);
        if (!match) throw new NotFound({ vi: 'Không tìm thấy lịch.', en: 'Calendar feed not found.' });
        const text = await feedCalendar(ctx, match[1]!);
        return reply
          .header('content-type', 'text/calendar; charset=utf-8')
          .header('cache-control', 'private, max-age=300')
          .send(text);
      },
    );

    await app.register(notificationRoutes(ctx));
    await app.register(earlyWarningRoutes(ctx));
    await app.register(urgingRoutes(ctx));
    await app.register(explanationRoutes(ctx));
  };
}
