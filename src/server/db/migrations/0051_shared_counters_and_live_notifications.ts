import { sql, type Kysely } from 'kysely';

/**
 * Several app servers behave as one:
 * - A notice on `nv_notifications` at the commit of any change to notifications (a reminder
 *   scan, an urging letter, a user reading them), on whichever server or process made it:
 *   every server's live streams recount at once (features/notifications/routes.ts).
 * - rate_counts: hits of a rate limit (failed logins per address, portal feedback per address)
 *   in fixed windows, counted in the database so every server sees the same count
 *   (http/rate-limits.ts). Old windows are deleted as new ones are counted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create function notify_notifications_change() returns trigger language plpgsql as $$
begin
  perform pg_notify('nv_notifications', '');
  return null;
end $$`.execute(db);
  await sql`create trigger notifications_live after insert or update or delete on notifications for each statement execute function notify_notifications_change()`.execute(
    db,
  );
  await sql`
create table rate_counts (
  key text not null,
  window_start timestamptz not null,
  hits integer not null,
  expires_at timestamptz not null,
  primary key (key, window_start)
)`.execute(db);
  await sql`create index rate_counts_expiry_idx on rate_counts (expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table rate_counts`.execute(db);
  await sql`drop trigger notifications_live on notifications`.execute(db);
  await sql`drop function notify_notifications_change()`.execute(db);
}
