import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { covers, type Principal } from '../../domain/access.js';
import { addDays } from '../../domain/dates.js';
import { Invalid, notAllowed, notFound } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { principalOfUser } from '../early-warning/service.js';
import { vnDate } from '../notifications/service.js';
import { visibleTo } from '../tasks/queries.js';
import { renderCalendar } from './ics.js';

/**
 * iCalendar feeds of deadlines (DESIGN.md §6), per user or per unit, behind a secret URL that a
 * calendar app can poll without logging in. Only the token's hash is stored: the URL is shown
 * once, and a new one revokes nothing but can be revoked on its own.
 */
const FEED = { vi: 'lịch', en: 'Calendar feed' };
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const FEED_EVENTS_MAX = 2000;

export async function createFeed(ctx: AppContext, p: Principal, input: { scope: 'user' | 'unit'; unitId?: number }) {
  let unitId: number | null = null;
  if (input.scope === 'unit') {
    if (!input.unitId) throw new Invalid({ vi: 'Chọn đơn vị cho lịch.', en: 'Choose the unit of the feed.' }, 'unitId');
    const unit = await ctx.db
      .selectFrom('units')
      .select(['id', 'path'])
      .where('id', '=', input.unitId)
      .executeTakeFirst();
    if (!unit) throw notFound({ vi: 'đơn vị', en: 'Unit' }, input.unitId);
    if (!p.grants.some((g) => g.role !== 'staff' && (g.role === 'admin' || covers(g, unit.path)))) throw notAllowed();
    unitId = unit.id;
  }
  const token = randomBytes(24).toString('base64url');
  const row = await ctx.db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto('calendar_feeds')
      .values({ token_hash: sha256(token), scope: input.scope, user_id: p.userId, unit_id: unitId })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'calendar_feed_created',
      entity: 'calendar_feed',
      entityId: created.id,
      data: { scope: input.scope, unitId },
    });
    return created;
  });
  return {
    id: row.id,
    scope: input.scope,
    unitId,
    createdAt: row.created_at,
    url: `${ctx.config.publicUrl}/api/calendar-feeds/${token}.ics`,
  };
}

export async function listFeeds(ctx: AppContext, p: Principal) {
  const rows = await ctx.db
    .selectFrom('calendar_feeds as f')
    .leftJoin('units as u', 'u.id', 'f.unit_id')
    .select(['f.id', 'f.scope', 'f.unit_id', 'u.name as unit_name', 'f.created_at'])
    .where('f.user_id', '=', p.userId)
    .where('f.revoked_at', 'is', null)
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    scope: r.scope,
    unit: r.unit_id ? { id: r.unit_id, name: r.unit_name } : null,
    createdAt: r.created_at,
  }));
}

export async function revokeFeed(ctx: AppContext, p: Principal, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('calendar_feeds')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('user_id', '=', p.userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw notFound(FEED, id);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'calendar_feed_revoked',
      entity: 'calendar_feed',
      entityId: id,
    });
  });
}

/**
 * The feed's text for a token: open tasks with a deadline from 30 days back, one all-day
 * VEVENT each. A wrong or revoked token is simply "not found". What the feed shows is still
 * limited to what its owner may see today.
 */
export async function feedCalendar(ctx: AppContext, token: string): Promise<string> {
  const feed = await ctx.db
    .selectFrom('calendar_feeds')
    .selectAll()
    .where('token_hash', '=', sha256(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  const owner = feed && (await principalOfUser(ctx.db, feed.user_id));
  if (!feed || !owner) throw notFound(FEED, '…');
  let qb = ctx.db
    .selectFrom('tasks')
    .innerJoin('units as lu', 'lu.id', 'tasks.lead_unit_id')
    .leftJoin('documents as d', 'd.id', 'tasks.document_id')
    .select([
      'tasks.id',
      'tasks.content',
      'tasks.deadline',
      'tasks.updated_at',
      'lu.name as lead_name',
      'd.number_symbol',
    ])
    .where('tasks.state', 'in', ['assigned', 'received', 'in_progress', 'completion_reported'])
    .where('tasks.deadline', '>=', addDays(ctx.clock.today(), -30))
    .where(visibleTo(owner));
  let name = 'Nhiệm vụ — hạn xử lý';
  if (feed.scope === 'unit') {
    qb = qb.where(
      'tasks.lead_unit_id',
      'in',
      sql<number>`(select id from units where path like (select path from units where id = ${feed.unit_id}) || '%')`,
    );
    const unit = await ctx.db.selectFrom('units').select('name').where('id', '=', feed.unit_id!).executeTakeFirst();
    name = `Nhiệm vụ — ${unit?.name ?? ''}`;
  }
  const rows = await qb.orderBy('tasks.deadline').orderBy('tasks.id').limit(FEED_EVENTS_MAX).execute();
  const host = new URL(ctx.config.publicUrl).hostname || 'nhiemvu.local';
  return renderCalendar(
    name,
    rows.map((r) => ({
      uid: `task-${r.id}@${host}`,
      date: r.deadline!,
      summary: `Hạn: ${r.content}`,
      description: [
        `Nhiệm vụ #${r.id}${r.number_symbol ? ` (${r.number_symbol})` : ''}`,
        r.content,
        `Đơn vị chủ trì: ${r.lead_name}`,
        `Thời hạn: ${vnDate(r.deadline)}`,
      ].join('\n'),
      url: `${ctx.config.publicUrl}/tasks/${r.id}`,
      stamp: new Date(r.updated_at),
    })),
  );
}
