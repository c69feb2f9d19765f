import { sql, type Kysely } from 'kysely';

/**
 * Pre-aggregated counts for the statistics (features/stats frozenCounts), found by the scale
 * benchmark: counting ~10⁶ tasks on a new cut-off took 0.5–0.6 s of pure CPU.
 *
 * A task's *last fact day* is the latest of the dates the statistics read (assigned, ended,
 * confirmed, completed, deadlines, extensions, change of lead). On every cut-off after that
 * day the task's category is the same: so a task is counted once, into the month and the
 * year of its last fact day, and a cut-off adds up the whole years before its own year, the
 * whole months of its year before its own month, and counts only the tasks whose last fact
 * day is in its month or later one by one (tasks_last_fact_idx finds them).
 *
 * frozen_task_counts holds signed rows: the triggers on tasks add a task's contribution when
 * it is inserted and take it away when it changes or goes, in the same transaction, so the
 * counts can never disagree with the tasks; stats/frozen-counts.ts compacts the rows. The
 * columns hold what the categories need on a cut-off after the last fact day, for tasks not
 * withdrawn or cancelled (those do not count): the deadline as extended (D) is the original
 * one if never extended, else the last.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table frozen_task_counts (
  span text not null check (span in ('month', 'year')),
  bucket date not null,
  lead_unit_id integer not null,
  assigner_unit_id integer not null,
  field_code text not null,
  leader_user_id integer not null,
  top_level boolean not null,
  tasks integer not null,
  confirmed integer not null,
  on_time_extended integer not null,
  on_time_original integer not null,
  dated integer not null,
  confirmed_dated integer not null,
  compacted boolean not null default false
);
comment on column frozen_task_counts.field_code is 'the task''s field, '''' for none';
comment on column frozen_task_counts.leader_user_id is 'the directing leader, 0 for none';
create index frozen_task_counts_bucket_idx on frozen_task_counts (span, bucket);
create index frozen_task_counts_fresh_idx on frozen_task_counts (span) where not compacted;

create index tasks_last_fact_idx on tasks ((${LAST_FACT}))
  include (assigned_on, parent_id, lead_unit_id, lead_since, assigner_unit_id, ended_on, confirmed_on, completed_on,
           first_extended_on, last_extended_on, original_deadline, deadline, field_code, leader_user_id);

create function frozen_task_counts_follow() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    ${contributionDelta('select 1 as sign, * from new_rows')};
  elsif tg_op = 'DELETE' then
    ${contributionDelta('select -1 as sign, * from old_rows')};
  else
    ${contributionDelta('select 1 as sign, * from new_rows union all select -1 as sign, * from old_rows')};
  end if;
  return null;
end $$;

create function frozen_task_counts_clear() returns trigger language plpgsql as $$
begin
  delete from frozen_task_counts;
  return null;
end $$;

create trigger tasks_frozen_counts_insert after insert on tasks referencing new table as new_rows
  for each statement execute function frozen_task_counts_follow();
create trigger tasks_frozen_counts_update after update on tasks referencing old table as old_rows new table as new_rows
  for each statement execute function frozen_task_counts_follow();
create trigger tasks_frozen_counts_delete after delete on tasks referencing old table as old_rows
  for each statement execute function frozen_task_counts_follow();
create trigger tasks_frozen_counts_truncate after truncate on tasks
  for each statement execute function frozen_task_counts_clear();

${contributionDelta('select 1 as sign, * from tasks', true)};
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop trigger if exists tasks_frozen_counts_insert on tasks;
drop trigger if exists tasks_frozen_counts_update on tasks;
drop trigger if exists tasks_frozen_counts_delete on tasks;
drop trigger if exists tasks_frozen_counts_truncate on tasks;
drop function if exists frozen_task_counts_follow();
drop function if exists frozen_task_counts_clear();
drop index if exists tasks_last_fact_idx;
drop table if exists frozen_task_counts;
`.execute(db);
}

/** Must stay the same expression as tasks/queries.ts lastFactOn, or the index is not used. */
const LAST_FACT = sql.raw(
  'greatest(assigned_on, ended_on, confirmed_on, completed_on, original_deadline, deadline, first_extended_on, last_extended_on, lead_since)',
);

/**
 * The insert that adds the signed contributions of some task rows (a relation with a `sign`
 * column and the tasks' columns) to both spans; rows whose changes cancel out add nothing.
 */
function contributionDelta(signedRows: string, compacted = false) {
  const deadline = 'case when t.first_extended_on is null then t.original_deadline else t.deadline end';
  const confirmed = 't.confirmed_on is not null';
  const flag = (condition: string) => `coalesce(${condition}, false)::int`;
  const sums = {
    tasks: 't.sign',
    confirmed: `t.sign * ${flag(confirmed)}`,
    on_time_extended: `t.sign * ${flag(`${confirmed} and (${deadline} is null or t.completed_on <= ${deadline})`)}`,
    on_time_original: `t.sign * ${flag(`${confirmed} and (t.original_deadline is null or t.completed_on <= t.original_deadline)`)}`,
    dated: `t.sign * ${flag(`${deadline} is not null`)}`,
    confirmed_dated: `t.sign * ${flag(`${confirmed} and ${deadline} is not null`)}`,
  };
  const names = Object.keys(sums);
  return sql.raw(`insert into frozen_task_counts (span, bucket, lead_unit_id, assigner_unit_id, field_code, leader_user_id, top_level, ${names.join(', ')}, compacted)
    select s.span, date_trunc(s.span, greatest(t.assigned_on, t.ended_on, t.confirmed_on, t.completed_on, t.original_deadline, t.deadline, t.first_extended_on, t.last_extended_on, t.lead_since)::timestamp)::date,
      t.lead_unit_id, t.assigner_unit_id, coalesce(t.field_code, ''), coalesce(t.leader_user_id, 0), t.parent_id is null,
      ${Object.values(sums)
        .map((s) => `sum(${s})`)
        .join(', ')}, ${compacted}
    from (${signedRows}) t cross join (values ('month'), ('year')) s(span)
    where t.ended_on is null
    group by 1, 2, 3, 4, 5, 6, 7
    having ${Object.values(sums)
      .map((s) => `sum(${s}) <> 0`)
      .join(' or ')}`);
}
