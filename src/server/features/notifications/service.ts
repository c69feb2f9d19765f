import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/connection.js';
import type { Principal } from '../../domain/access.js';
import { BadRequest, notFound } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { wordNotification, type NotificationFacts } from './messages.js';

export { vnDate, wordNotification, type NotificationFacts } from './messages.js';

/**
 * In-app notifications (DESIGN.md §6). Rows are written by the reminder scan and by urging
 * letters; here they are listed, counted and marked read. `notificationEvents` tells the open
 * live streams of this process to recount; a trigger's NOTIFY (migration 0051) tells every
 * server's, heard in notifications/routes.ts.
 */
export const notificationEvents = new EventEmitter();
notificationEvents.setMaxListeners(0);
export const announceNotifications = () => notificationEvents.emit('changed');

const NOTIFICATION = { vi: 'thông báo', en: 'Notification' };

interface Cursor {
  id: number;
}

/** The notification rows joined with what is needed to word them. */
export function notificationRows(db: Db) {
  return db
    .selectFrom('notifications as n')
    .leftJoin('tasks as t', 't.id', 'n.task_id')
    .leftJoin('documents as d', 'd.id', 't.document_id')
    .leftJoin('units as lu', 'lu.id', 't.lead_unit_id')
    .select([
      'n.id',
      'n.user_id',
      'n.kind',
      'n.task_id',
      'n.on_date',
      'n.data',
      'n.created_at',
      'n.read_at',
      't.content as task_content',
      't.deadline as task_deadline',
      'd.number_symbol as document_number',
      'lu.name as lead_unit_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof notificationRows>['execute']>>[number];

export function factsOf(r: Row): NotificationFacts {
  return {
    kind: r.kind,
    onDate: r.on_date,
    data: r.data,
    taskId: r.task_id,
    taskContent: r.task_content,
    documentNumber: r.document_number,
    leadUnitName: r.lead_unit_name,
  };
}

export function presentNotification(r: Row) {
  const words = wordNotification(factsOf(r));
  return {
    id: r.id,
    kind: r.kind,
    rule: typeof r.data.rule === 'string' ? r.data.rule : r.kind,
    taskId: r.task_id,
    onDate: r.on_date,
    title: words.title,
    body: words.body,
    link: r.task_id ? `/tasks/${r.task_id}` : typeof r.data.link === 'string' ? r.data.link : null,
    createdAt: r.created_at,
    read: r.read_at !== null,
  };
}

export async function listNotifications(
  ctx: AppContext,
  p: Principal,
  q: { unreadOnly: boolean; limit: number; cursor?: string },
) {
  let qb = notificationRows(ctx.db).where('n.user_id', '=', p.userId);
  if (q.unreadOnly) qb = qb.where('n.read_at', 'is', null);
  const cursor = decodeCursor(q.cursor);
  if (cursor) qb = qb.where('n.id', '<', cursor.id);
  const rows = await qb
    .orderBy('n.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(presentNotification),
    unreadCount: await unreadCount(ctx, p.userId),
    nextCursor:
      rows.length > q.limit && last ? Buffer.from(JSON.stringify({ id: last.id })).toString('base64url') : null,
  };
}

export async function unreadCount(ctx: AppContext, userId: number): Promise<number> {
  const row = await ctx.db
    .selectFrom('notifications')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Marks one of the caller's notifications read; someone else's answers 404. */
export async function markRead(ctx: AppContext, p: Principal, id: number): Promise<void> {
  const res = await ctx.db
    .updateTable('notifications')
    .set({ read_at: sql`coalesce(read_at, now())` })
    .where('id', '=', id)
    .where('user_id', '=', p.userId)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw notFound(NOTIFICATION, id);
  announceNotifications();
}

export async function markAllRead(ctx: AppContext, p: Principal): Promise<{ marked: number }> {
  const res = await ctx.db
    .updateTable('notifications')
    .set({ read_at: new Date() })
    .where('user_id', '=', p.userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  announceNotifications();
  return { marked: Number(res.numUpdatedRows) };
}

export async function getPreferences(ctx: AppContext, p: Principal) {
  const u = await ctx.db
    .selectFrom('users')
    .select(['digest_mail', 'email', 'locale'])
    .where('id', '=', p.userId)
    .executeTakeFirstOrThrow();
  return { digestMail: u.digest_mail, email: u.email, locale: u.locale === 'en' ? ('en' as const) : ('vi' as const) };
}

/**
 * One daily digest instead of a mail per reminder (or the other way round), and the language of
 * the mails and of the screens after login. Audited.
 */
export async function setPreferences(
  ctx: AppContext,
  p: Principal,
  prefs: { digestMail?: boolean; locale?: 'vi' | 'en' },
) {
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        ...(prefs.digestMail === undefined ? {} : { digest_mail: prefs.digestMail }),
        ...(prefs.locale === undefined ? {} : { locale: prefs.locale }),
      })
      .where('id', '=', p.userId)
      .execute();
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'notification_preferences_changed',
      entity: 'user',
      entityId: p.userId,
      data: prefs,
    });
  });
  return getPreferences(ctx, p);
}

function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (!Number.isInteger(c.id)) throw new Error('bad cursor');
    return c;
  } catch {
    throw new BadRequest({ vi: 'Con trỏ phân trang không hợp lệ.', en: 'Invalid pagination cursor.' }, 'cursor');
  }
}
