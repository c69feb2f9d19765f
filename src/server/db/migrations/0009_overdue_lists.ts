import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the overdue list (tasks/list.ts overdueCandidates), found by the scale
 * benchmark: the list evaluated access and status for every task open on the day (~12,000
 * of 10⁶) to keep the ~1,900 overdue ones, on every page.
 * - tasks_open_now_idx: the tasks neither confirmed nor ended, by the earlier of their
 *   original and current deadline, carrying every column the list's access, filters and
 *   status read, so the candidates are judged from the index alone (an index-only scan).
 *   Partial: ~1 % of the tasks, so cheap to keep although open tasks change most.
 * - tasks_closed_on_idx: the day a task was confirmed or ended, for lists as of an earlier
 *   day (the tasks still open then).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create index tasks_open_now_idx on tasks (least(original_deadline, deadline))
  include (id, assigned_on, assigner_unit_id, lead_unit_id, field_code, parent_id, document_id, state, assignee_user_id,
           original_deadline, deadline, first_extended_on, last_extended_on, confirmed_on, ended_on)
  where confirmed_on is null and ended_on is null`.execute(db);
  await sql`create index tasks_closed_on_idx on tasks (least(confirmed_on, ended_on))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index tasks_closed_on_idx`.execute(db);
  await sql`drop index tasks_open_now_idx`.execute(db);
}
