import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { principalOf } from '../../http/auth-hook.js';
import {
  getPreferences,
  listNotifications,
  markAllRead,
  markRead,
  notificationEvents,
  setPreferences,
  unreadCount,
} from './service.js';

const boolish = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');
const ListQuery = z.object({
  unreadOnly: boolish.default(false),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
const IdParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
/** A comment line keeps proxies from closing an idle stream. */
const KEEP_ALIVE_MS = 30_000;
/** While the notice channel is not heard (the database was away), streams recount this often. */
const FALLBACK_POLL_MS = 5_000;
/** The channel of migration 0051's trigger: any change to notifications, by any server, at its commit. */
const NOTIFICATIONS_CHANNEL = 'nv_notifications';

const Preferences = z
  .object({ digestMail: z.boolean().optional(), locale: z.enum(['vi', 'en']).optional() })
  .refine((b) => b.digestMail !== undefined || b.locale !== undefined, { message: 'digestMail or locale' });

export function notificationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['notifications'];
    // Every server's open streams recount when any server (or the reminder job) changes notifications.
    let heard = false;
    const stopListening = ctx.listen(NOTIFICATIONS_CHANNEL, {
      notice: () => notificationEvents.emit('changed'),
      listening: (yes) => {
        // Reconnected: a change made meanwhile was not heard.
        if (yes && !heard) notificationEvents.emit('changed');
        heard = yes;
      },
    });
    app.addHook('onClose', async () => stopListening());
    // Open streams never end by themselves: a stopping server ends them (browsers reconnect to another).
    const streams = new Set<import('node:http').ServerResponse>();
    app.addHook('preClose', async () => {
      for (const out of streams) out.end();
    });
    app.get(
      '/api/notifications',
      {
        schema: {
          tags,
          summary: "The caller's notifications, newest first, with the unread count",
          querystring: ListQuery,
        },
      },
      async (request) => listNotifications(ctx, principalOf(request), request.query),
    );
    app.get(
      '/api/notifications/unread-count',
      { schema: { tags, summary: 'How many notifications the caller has not read' } },
      async (request) => ({
        unreadCount: await unreadCount(ctx, principalOf(request).userId),
      }),
    );
    app.post(
      '/api/notifications/:id/read',
      { schema: { tags, summary: 'Mark one notification read', params: IdParams } },
      async (request) => {
        const p = principalOf(request);
        await markRead(ctx, p, request.params.id);
        return { unreadCount: await unreadCount(ctx, p.userId) };
      },
    );
    app.post(
      '/api/notifications/read-all',
      { schema: { tags, summary: 'Mark all notifications read' } },
      async (request) => markAllRead(ctx, principalOf(request)),
    );
    app.get(
      '/api/notifications/preferences',
      { schema: { tags, summary: 'Mail preferences of the caller' } },
      async (request) => getPreferences(ctx, principalOf(request)),
    );
    app.put(
      '/api/notifications/preferences',
      {
        schema: {
          tags,
          summary: 'Choose one daily digest mail instead of a mail per reminder, and the language of mails and screens',
          body: Preferences,
        },
      },
      async (request) => setPreferences(ctx, principalOf(request), request.body),
    );

    /** Server-Sent Events: the unread count, pushed when it may have changed. */
    app.get(
      '/api/notifications/stream',
      { schema: { tags, summary: 'Live unread count (text/event-stream)' } },
      async (request, reply) => {
        const p = principalOf(request);
        reply.hijack();
        const out = reply.raw;
        out.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        let last = -1;
        let closed = false;
        const push = async () => {
          if (closed) return;
          const count = await unreadCount(ctx, p.userId).catch(() => last);
          if (count !== last && !closed)
            out.write(`event: unread\ndata: ${JSON.stringify({ unreadCount: count })}\n\n`);
          last = count;
        };
        const onChange = () => void push();
        const keepAlive = setInterval(() => out.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
        const fallback = setInterval(() => !heard && void push(), FALLBACK_POLL_MS);
        notificationEvents.on('changed', onChange);
        streams.add(out);
        request.raw.on('close', () => {
          closed = true;
          streams.delete(out);
          clearInterval(keepAlive);
          clearInterval(fallback);
          notificationEvents.off('changed', onChange);
        });
        await push();
      },
    );
  };
}
