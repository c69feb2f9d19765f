import { sql, type Kysely } from 'kysely';

/**
 * Indexes found by the scale benchmark (bench/core.ts, figures in docs/performance.md).
 *
 * tasks_stats_cover_idx: the statistics aggregate (features/stats countByGroup) reads every
 * task assigned by the cut-off. With every column it reads in the index, PostgreSQL scans
 * this narrow index (~75 MB per 10⁶ tasks) instead of the table (~320 MB, most of it task
 * text), an index-only scan wherever the visibility map is current (autovacuum keeps it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create index if not exists tasks_stats_cover_idx on tasks (assigned_on)
  include (parent_id, lead_unit_id, lead_since, assigner_unit_id, ended_on, confirmed_on, completed_on,
           first_extended_on, last_extended_on, original_deadline, deadline, field_code, id);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists tasks_stats_cover_idx;`.execute(db);
}
