import { sql, type Kysely } from 'kysely';

/**
 * A notice on the channel `nv_callers` whenever a change could alter who a session's caller
 * is or what it may see: a session ended, a user changed, a role granted or taken, a unit
 * moved. Every app process keeps recent callers in memory (features/auth/caller-cache.ts)
 * and forgets them on this notice, so a change made through another process (another app
 * server, the CLI) applies there too. NOTIFY is sent at commit, once per transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create function notify_caller_change() returns trigger language plpgsql as $$
begin
  perform pg_notify('nv_callers', '');
  return null;
end $$`.execute(db);
  for (const [table, events] of [
    ['sessions', 'update or delete or truncate'],
    ['users', 'insert or update or delete or truncate'],
    ['user_roles', 'insert or update or delete or truncate'],
    ['units', 'insert or update or delete or truncate'],
  ] as const) {
    await sql
      .raw(
        `create trigger ${table}_caller_change after ${events} on ${table} for each statement execute function notify_caller_change()`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['sessions', 'users', 'user_roles', 'units'])
    await sql.raw(`drop trigger ${table}_caller_change on ${table}`).execute(db);
  await sql`drop function notify_caller_change()`.execute(db);
}
