import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';

/** How far mail delivery is behind, for monitoring (features/metrics). Read the same on every server. */
export interface DeliveryBacklog {
  unsent: { pending: number; sending: number; retrying: number };
  oldestUnsentReminderSeconds: number;
  lastFinishedRuns: { name: string; finishedAt: Date }[];
}

export async function deliveryBacklog(db: Db): Promise<DeliveryBacklog> {
  return {
    unsent: await unsentMails(db),
    oldestUnsentReminderSeconds: await oldestUnsentReminderAge(db),
    lastFinishedRuns: await lastFinishedRuns(db),
  };
}

/** Mails not yet accepted by the SMTP server, by state (`pending`: waiting or retrying; `sending`: claimed now). */
async function unsentMails(db: Db): Promise<{ pending: number; sending: number; retrying: number }> {
  const row = await db
    .selectFrom('mail_outbox')
    .select([
      sql<number>`count(*) filter (where status = 'pending')`.as('pending'),
      sql<number>`count(*) filter (where status = 'sending')`.as('sending'),
      sql<number>`count(*) filter (where attempts > 0)`.as('retrying'),
    ])
    .where('status', '<>', 'sent')
    .executeTakeFirstOrThrow();
  return { pending: Number(row.pending), sending: Number(row.sending), retrying: Number(row.retrying) };
}

/** Seconds since the oldest reminder whose mail is still unsent was written; 0 when none waits. */
async function oldestUnsentReminderAge(db: Db): Promise<number> {
  const row = await db
    .selectFrom('mail_outbox as m')
    .innerJoin('notifications as n', 'n.id', 'm.notification_id')
    .select(sql<number>`coalesce(extract(epoch from now() - min(m.created_at)), 0)`.as('age'))
    .where('m.status', '<>', 'sent')
    .where('n.reminder_id', 'is not', null)
    .executeTakeFirstOrThrow();
  return Math.max(0, Number(row.age));
}

/** When each leased job last finished on any app server (job_runs). */
async function lastFinishedRuns(db: Db): Promise<{ name: string; finishedAt: Date }[]> {
  const rows = await db
    .selectFrom('job_runs')
    .select(['name', (eb) => eb.fn.max('finished_at').as('finished_at')])
    .where('finished_at', 'is not', null)
    .groupBy('name')
    .execute();
  return rows.map((r) => ({ name: r.name, finishedAt: new Date(r.finished_at as unknown as string) }));
}
