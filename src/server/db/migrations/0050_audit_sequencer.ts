import { sql, type Kysely } from 'kysely';

/**
 * The audit log without a global write lock (features/audit/service.ts, docs/decisions.md):
 * a change appends its row unchained (seq, prev_hash and hash empty), with no lock; one
 * sequencer at a time (any app server) gives committed rows their place in the chain and
 * their hash, computed from the row as stored. Rows chained before keep their hashes and get
 * their place in the order they were chained (by id). An auditor role reads the log and
 * runs its verification, and nothing else.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_log add column seq bigint`.execute(db);
  await sql`update audit_log a set seq = r.n from (select id, row_number() over (order by id) as n from audit_log) r where r.id = a.id`.execute(
    db,
  );
  await sql`alter table audit_log alter column prev_hash drop not null, alter column hash drop not null`.execute(db);
  await sql`create unique index audit_log_seq_idx on audit_log (seq)`.execute(db);
  await sql`create index audit_log_pending_idx on audit_log (id) where seq is null`.execute(db);
  await sql`create index audit_log_action_idx on audit_log (action, id)`.execute(db);
  await sql`alter table user_roles drop constraint if exists user_roles_role_check`.execute(db);
  await sql`alter table user_roles add constraint user_roles_role_check check (role in ('officer','leader','unit_head','clerk','staff','inspector','admin','auditor'))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from user_roles where role = 'auditor'`.execute(db);
  await sql`alter table user_roles drop constraint if exists user_roles_role_check`.execute(db);
  await sql`alter table user_roles add constraint user_roles_role_check check (role in ('officer','leader','unit_head','clerk','staff','inspector','admin'))`.execute(
    db,
  );
  await sql`drop index audit_log_action_idx`.execute(db);
  await sql`drop index audit_log_pending_idx`.execute(db);
  await sql`drop index audit_log_seq_idx`.execute(db);
  await sql`alter table audit_log drop column seq`.execute(db);
}
