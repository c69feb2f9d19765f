import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Selectable } from 'kysely';
import type { MailOutboxTable } from '../../db/schema-reminders.js';
import { atRiskForUser } from '../early-warning/service.js';
import { factsOf, notificationRows } from '../notifications/service.js';
import type { Mailer } from './mailer.js';
import { digestMail, reminderMail, type MailContent } from './templates.js';

type OutboxRow = Selectable<MailOutboxTable>;

export interface DeliveryOptions {
  batchSize?: number;
  /** How long a claimed mail is ours; a sender that dies loses it after this. */
  leaseMs?: number;
  /** Retry delay after the first failure; doubles each time up to backoffMaxMs. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Mails in flight at once. */
  parallel?: number;
  /** Test hook: called just before each mail goes to the SMTP server. */
  beforeSend?: (row: OutboxRow) => void | Promise<void>;
}

export interface DeliveryResult {
  sent: number;
  failed: number;
}

const DEFAULTS = { parallel: 3, batchSize: 20, leaseMs: 5 * 60_000, backoffBaseMs: 60_000, backoffMaxMs: 60 * 60_000 };

/** The delay before attempt `attempts + 1`: base · 2^(attempts − 1), capped. */
export const backoffMs = (attempts: number, base: number, max: number) =>
  Math.min(max, base * 2 ** Math.max(0, attempts - 1));

/**
 * Sends the mails that are due. Each is claimed with FOR UPDATE SKIP LOCKED (so two servers
 * never take the same one), sent outside any transaction, then marked sent — guarded by its
 * attempt number, so a sender whose lease lapsed cannot overwrite a newer attempt. A failure
 * puts it back with a growing delay; nothing is dropped. A sender killed before marking
 * leaves the mail claimed until the lease ends; then it is sent again with the same
 * Message-ID (the SMTP boundary cannot be made atomic; the window is one UPDATE).
 */
export async function deliverDueMails(
  ctx: AppContext,
  mailer: Mailer,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const o = { ...DEFAULTS, ...options };
  const result: DeliveryResult = { sent: 0, failed: 0 };
  for (;;) {
    const claimed = await claimBatch(ctx, o.batchSize, o.leaseMs);
    if (claimed.length === 0) return result;
    // A few at a time, as many as the SMTP pool has connections.
    for (let i = 0; i < claimed.length; i += o.parallel) {
      const outcomes = await Promise.all(
        claimed.slice(i, i + o.parallel).map((row) => deliverOne(ctx, mailer, row, o)),
      );
      for (const sent of outcomes) {
        if (sent) result.sent += 1;
        else result.failed += 1;
      }
    }
  }
}

async function deliverOne(
  ctx: AppContext,
  mailer: Mailer,
  row: OutboxRow,
  o: typeof DEFAULTS & DeliveryOptions,
): Promise<boolean> {
  try {
    const mail = await renderMail(ctx, row);
    if (mail) {
      await o.beforeSend?.(row);
      await mailer.send({ ...mail, messageId: messageIdOf(ctx, row) });
    }
    await markSent(ctx, row, mail ? null : 'no address: not sent');
    return true;
  } catch (err) {
    await markRetry(ctx, row, err, backoffMs(row.attempts, o.backoffBaseMs, o.backoffMaxMs));
    return false;
  }
}

async function claimBatch(ctx: AppContext, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const rows = await sql<OutboxRow>`
    update mail_outbox set status = 'sending', attempts = attempts + 1, next_attempt_at = now() + ${`${leaseMs} milliseconds`}::interval
    where id in (
      select id from mail_outbox where status <> 'sent' and next_attempt_at <= now()
      order by next_attempt_at, id limit ${limit} for update skip locked)
    returning *`.execute(ctx.db);
  return rows.rows.sort((a, b) => Number(a.id) - Number(b.id));
}

async function markSent(ctx: AppContext, row: OutboxRow, note: string | null): Promise<void> {
  await ctx.db
    .updateTable('mail_outbox')
    .set({ status: 'sent', sent_at: new Date(), message_id: messageIdOf(ctx, row), last_error: note })
    .where('id', '=', row.id)
    .where('attempts', '=', row.attempts)
    .execute();
}

async function markRetry(ctx: AppContext, row: OutboxRow, err: unknown, delayMs: number): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  await ctx.db
    .updateTable('mail_outbox')
    .set({
      status: 'pending',
      last_error: message.slice(0, 1000),
      next_attempt_at: sql`now() + ${`${delayMs} milliseconds`}::interval` as never,
    })
    .where('id', '=', row.id)
    .where('attempts', '=', row.attempts)
    .execute();
}

export function messageIdOf(ctx: AppContext, row: Pick<OutboxRow, 'id'>): string {
  return `<nv-mail-${row.id}@${new URL(ctx.config.publicUrl).hostname || 'nhiemvu.local'}>`;
}

/** The mail for an outbox row, worded now (the same each time); null if the user has no address. */
async function renderMail(ctx: AppContext, row: OutboxRow): Promise<(MailContent & { to: string }) | null> {
  const user = await ctx.db
    .selectFrom('users')
    .select(['email', 'full_name', 'locale', 'unit_id'])
    .where('id', '=', row.user_id)
    .executeTakeFirstOrThrow();
  if (!user.email) return null;
  const recipient = { fullName: user.full_name, locale: user.locale };
  if (row.kind === 'notification') {
    const n = await notificationRows(ctx.db).where('n.id', '=', Number(row.notification_id)).executeTakeFirstOrThrow();
    return {
      to: user.email,
      ...reminderMail({
        recipient,
        facts: factsOf(n),
        deadline: (n.data.deadline as string | undefined) ?? n.task_deadline,
        publicUrl: ctx.config.publicUrl,
      }),
    };
  }
  const items = await notificationRows(ctx.db)
    .where('n.user_id', '=', row.user_id)
    .where('n.on_date', '=', row.digest_on!)
    .orderBy('n.id')
    .execute();
  const atRisk = await atRiskForUser(ctx, row.user_id, row.digest_on!, 10);
  return {
    to: user.email,
    ...digestMail({
      recipient,
      date: row.digest_on!,
      items: items.map(factsOf),
      atRisk,
      publicUrl: ctx.config.publicUrl,
    }),
  };
}

/** Queues one digest per user who takes digests and was notified on `date` (once: unique per user and day). */
export async function queueDigests(ctx: AppContext, date: string): Promise<number> {
  if (!ctx.config.SMTP_URL) return 0;
  const res = await sql`
    insert into mail_outbox (user_id, kind, digest_on)
    select distinct n.user_id, 'digest', ${date}::date from notifications n join users u on u.id = n.user_id
    where n.on_date = ${date}::date and u.digest_mail and u.active and u.email is not null
    on conflict do nothing`.execute(ctx.db);
  return Number(res.numAffectedRows ?? 0);
}

export async function outboxCounts(ctx: AppContext) {
  const rows = await ctx.db
    .selectFrom('mail_outbox')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<
    Record<'pending' | 'sending' | 'sent', number>
  >;
}
