import { sql, type Kysely } from 'kysely';

/**
 * Indexes found by the scale benchmark (bench/core.ts, figures in docs/performance.md).
 *
 * tasks_extended_twice_idx, tasks_lead_changed_idx: the statistics count the tasks whose
 * deadline or lead unit on the cut-off must be looked up in the change tables (tasks/queries.ts
 * movingOn) apart from the rest: tasks extended twice or more whose last extension came after
 * the cut-off, and tasks whose lead unit changed after it. These partial indexes hold the few
 * tasks ever extended twice or reassigned (3 % of the benchmark's) keyed by that last date, so
 * finding the moving ones on a cut-off reads only them instead of every task.
 *
 * tasks_original_deadline_idx: with tasks_deadline_idx and tasks_extended_twice_idx, finds the
 * tasks that may be due in a period (tasks/queries.ts mayBeDueWithin) for "due in the period"
 * statistics and reviews.
 *
 * tasks_open_as_of_idx: the task list filtered on an open category (in progress, on time or
 * overdue) as of a date reads only the tasks neither confirmed nor ended by that date.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create index if not exists tasks_extended_twice_idx on tasks ((coalesce(last_extended_on, '9999-12-31'::date)))
  where coalesce(last_extended_on, '9999-12-31'::date) > coalesce(first_extended_on, '9999-12-31'::date);
create index if not exists tasks_lead_changed_idx on tasks (lead_since) where lead_since > assigned_on;
create index if not exists tasks_original_deadline_idx on tasks (original_deadline);
create index if not exists tasks_open_as_of_idx on tasks ((coalesce(confirmed_on, '9999-12-31'::date)), (coalesce(ended_on, '9999-12-31'::date)));
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists tasks_extended_twice_idx; drop index if exists tasks_lead_changed_idx; drop index if exists tasks_open_as_of_idx; drop index if exists tasks_original_deadline_idx;`.execute(
    db,
  );
}
