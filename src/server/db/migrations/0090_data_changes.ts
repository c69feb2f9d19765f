import { sql, type Kysely } from 'kysely';

/**
 * What this database has changed, for answers reused while it has not (db/snapshot-cache.ts).
 * - data_changes: one row per transaction that wrote a table the answers may read, added by a
 *   statement-level trigger (its id is the transaction's, so later statements add nothing).
 *   Its rows become visible exactly when that transaction's data does, and PostgreSQL's
 *   snapshots see transactions in the order they ended, so the number of rows a snapshot sees
 *   names the data it sees. Writes to other databases on the same server add nothing here.
 * - data_change_base: the rows folded away once every snapshot sees them (compactDataChanges),
 *   so the count stays cheap; only that folding writes its single row, never an ordinary write.
 * - ensure_data_change_triggers(): puts the trigger on every table but those the answers never
 *   read (sessions, the audit log, outgoing mail, rate-limit counts …); run after each migration, so a table a
 *   later migration adds is watched without anyone remembering to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table data_changes (xid xid8 primary key)`.execute(db);
  await sql`create table data_change_base (id boolean primary key default true check (id), folded bigint not null)`.execute(
    db,
  );
  await sql`insert into data_change_base (folded) values (0)`.execute(db);
  await sql`
create function note_data_change() returns trigger language plpgsql as $$
begin
  insert into data_changes (xid) values (pg_current_xact_id()) on conflict do nothing;
  return null;
end $$`.execute(db);
  await sql`
create function ensure_data_change_triggers() returns void language plpgsql as $$
declare t text;
begin
  for t in
    select c.relname from pg_class c
    where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
      and c.relname <> all (array[${sql.raw(UNWATCHED.map((t) => `'${t}'`).join(', '))}])
      and not exists (select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'note_data_change')
  loop
    execute format('create trigger note_data_change after insert or update or delete or truncate on %I '
      || 'for each statement execute function note_data_change()', t);
  end loop;
end $$`.execute(db);
}

/** Tables no reused answer reads: written on every sign-in, request or sent mail, they would only spoil the reuse. */
export const UNWATCHED = [
  'data_changes',
  'data_change_base',
  'kysely_migration',
  'kysely_migration_lock',
  'sessions',
  'sso_logins',
  'api_tokens',
  'audit_log',
  'job_runs',
  'mail_outbox',
  'notifications',
  'portal_challenges_used',
  'rate_counts',
  'rate_events',
];

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
do $$ declare t text; begin
  for t in select c.relname from pg_trigger g join pg_class c on c.oid = g.tgrelid where g.tgname = 'note_data_change' loop
    execute format('drop trigger note_data_change on %I', t);
  end loop;
end $$`.execute(db);
  await sql`drop function ensure_data_change_triggers()`.execute(db);
  await sql`drop function note_data_change()`.execute(db);
  await sql`drop table data_change_base`.execute(db);
  await sql`drop table data_changes`.execute(db);
}
