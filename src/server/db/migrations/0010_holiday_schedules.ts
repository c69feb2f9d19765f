import { sql, type Kysely } from 'kysely';

/**
 * The holiday table as the Government decides it (features/calendar/schedules.ts):
 * - calendar_days.source: the decision or notice each day comes from;
 * - calendar_years: whether a year's days are the decided schedule or still provisional
 *   (computed by the Labour Code's rule), who decided and on what basis. Years already in the
 *   table were filled by the rule, so they start provisional: an administrator applies the
 *   shipped official schedule (or imports one) and sees which deadlines it would move first.
 * - deadline_shifts: each non-working day from 2000 to 2100 with the working day after it,
 *   for the published setting "a deadline on a non-working day moves to the next working day"
 *   (Civil Code art. 148): the statistics SQL looks a deadline up here instead of walking days.
 *   refresh_deadline_shifts() rebuilds it; every change of the holiday table calls it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table calendar_days add column source text not null default '';

create table calendar_years (
  year integer primary key check (year between 1900 and 2199),
  status text not null check (status in ('provisional', 'decided')),
  source text not null default '',
  decided_by integer references users(id),
  decided_at timestamptz
);
insert into calendar_years (year, status)
  select distinct extract(year from date)::int, 'provisional' from calendar_days on conflict do nothing;

create table deadline_shifts (
  day date primary key,
  working_day date not null
);

create function refresh_deadline_shifts() returns void language sql as $$
  delete from deadline_shifts;
  insert into deadline_shifts (day, working_day)
  select day, next_working from (
    select day, working,
      min(day) filter (where working) over (order by day desc rows between unbounded preceding and current row) as next_working
    from (
      select g::date as day,
        case c.kind when 'makeup_workday' then true when 'holiday' then false else extract(isodow from g) < 6 end as working
      from generate_series('2000-01-01'::date, '2101-01-31'::date, interval '1 day') g
      left join calendar_days c on c.date = g::date
    ) d
  ) marked
  where not working and next_working is not null and day <= '2100-12-31';
$$;
select refresh_deadline_shifts();
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop function if exists refresh_deadline_shifts();
drop table if exists deadline_shifts;
drop table if exists calendar_years;
alter table calendar_days drop column if exists source;
`.execute(db);
}
