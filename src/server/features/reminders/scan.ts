import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import type { IsoDate } from '../../domain/dates.js';
import { deadlineReminders, type ReminderRules } from '../../domain/reminder-schedule.js';
import { loadWorkingCalendar } from '../calendar/service.js';
import { announceNotifications } from '../notifications/service.js';
import { scanExplanationReminders } from '../explanations/service.js';

export interface ScanResult {
  date: IsoDate;
  skipped?: 'disabled' | 'not_a_working_day';
  candidates: number;
  reminders: number;
  mails: number;
  batches: number;
  ms: number;
}

export interface ScanOptions {
  batchSize?: number;
  /** Called after each committed batch (the crash test and the lease renewal hook in here). */
  afterBatch?: (done: number, total: number) => Promise<void> | void;
}

const OPEN_STATES = sql.raw(`('assigned', 'received', 'in_progress')`);

/**
 * Finds the day's reminders over all open tasks and queues them (DESIGN.md §6). Candidates
 * are read once through the open-deadline index; then, batch by batch, one statement per
 * transaction inserts each reminder's unique key, its notification and (unless the recipient
 * takes the daily digest) its mail, so a reminder and its notification exist together or not
 * at all, and a second scan — after a crash, or on another server — adds nothing.
 * Reminders are sent on working days; a day without a scan is caught up on the next one.
 */
export async function scanReminders(
  ctx: AppContext,
  today: IsoDate,
  rules: ReminderRules,
  options: ScanOptions = {},
): Promise<ScanResult> {
  const started = Date.now();
  const result: ScanResult = { date: today, candidates: 0, reminders: 0, mails: 0, batches: 0, ms: 0 };
  if (!rules.enabled) return { ...result, skipped: 'disabled' };
  const calendar = await loadWorkingCalendar(ctx.db);
  if (!calendar.isWorkingDay(today)) return { ...result, skipped: 'not_a_working_day' };

  const byDeadline = deadlineReminders(today, rules, calendar);
  const overdueRules =
    rules.overdueEveryDays > 0 || rules.escalateOfficeAfterDays > 0 || rules.escalateLeaderAfterDays > 0;
  const ids = await candidateTaskIds(
    ctx,
    today,
    byDeadline.map((d) => d.deadline),
    overdueRules,
  );
  result.candidates = ids.length;
  const batchSize = options.batchSize ?? 5000;
  for (let i = 0; i < ids.length; i += batchSize) {
    const batch = ids.slice(i, i + batchSize);
    const counts = await ctx.db
      .transaction()
      .execute((trx) => queueBatch(trx, today, rules, byDeadline, batch, Boolean(ctx.config.SMTP_URL)));
    result.reminders += counts.reminders;
    result.mails += counts.mails;
    result.batches += 1;
    await options.afterBatch?.(Math.min(i + batchSize, ids.length), ids.length);
  }
  const explanations = await scanExplanationReminders(ctx, today, rules);
  result.reminders += explanations.reminders;
  result.mails += explanations.mails;
  if (result.reminders > 0) announceNotifications();
  return { ...result, ms: Date.now() - started };
}

async function candidateTaskIds(
  ctx: AppContext,
  today: IsoDate,
  deadlines: IsoDate[],
  overdue: boolean,
): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    select id from tasks
    where state in ${OPEN_STATES} and deadline is not null
      and (deadline = any(${deadlines}::date[]) ${overdue ? sql`or deadline < ${today}::date` : sql``})
    order by id`.execute(ctx.db);
  return rows.rows.map((r) => r.id);
}

/**
 * One batch in one statement. Recipients: for the lead unit, the clerks and heads whose scope
 * covers it; for escalations, the officers covering the assigning unit, and the task's named
 * leader (or else the leaders covering the assigning unit who direct the task's field). A
 * unit's ancestors are the ids in its materialized path, so "scope covers" is a join.
 */
async function queueBatch(
  db: Transaction<Database>,
  today: IsoDate,
  rules: ReminderRules,
  byDeadline: { deadline: IsoDate; rule: string; occurrence: IsoDate }[],
  ids: number[],
  mailOn: boolean,
) {
  const every = rules.overdueEveryDays;
  const office = rules.escalateOfficeAfterDays;
  const leader = rules.escalateLeaderAfterDays;
  const res = await sql<{ reminders: number; mails: number }>`
    with due_dates as (
      select * from unnest(${byDeadline.map((d) => d.deadline)}::date[], ${byDeadline.map((d) => d.rule)}::text[], ${byDeadline.map((d) => d.occurrence)}::date[]) as d(deadline, rule, occurrence)
    ),
    open_tasks as (
      select id, deadline, lead_unit_id, assigner_unit_id, field_code, leader_user_id from tasks
      where id = any(${ids}::int[]) and state in ${OPEN_STATES} and deadline is not null
    ),
    cand as (
      select t.id as task_id, d.rule, d.occurrence, 'lead' as audience, t.lead_unit_id as unit_id, t.field_code, t.leader_user_id
        from open_tasks t join due_dates d on d.deadline = t.deadline
      union all
      select t.id, 'overdue', t.deadline + 1 + ((${today}::date - t.deadline - 1) / ${every}::int) * ${every}::int, 'lead', t.lead_unit_id, t.field_code, t.leader_user_id
        from open_tasks t where ${every}::int > 0 and t.deadline < ${today}::date
      union all
      select t.id, 'escalate_office', t.deadline + ${office}::int, 'office', t.assigner_unit_id, t.field_code, t.leader_user_id
        from open_tasks t where ${office}::int > 0 and t.deadline <= ${today}::date - ${office}::int
      union all
      select t.id, 'escalate_leader', t.deadline + ${leader}::int, 'leader', t.assigner_unit_id, t.field_code, t.leader_user_id
        from open_tasks t where ${leader}::int > 0 and t.deadline <= ${today}::date - ${leader}::int
    ),
    grants as (
      select u.id as unit_id, r.user_id, r.role, r.field_codes
      from units u
      cross join lateral unnest(string_to_array(trim(both '/' from u.path), '/')::int[]) as a(scope_id)
      join user_roles r on r.scope_unit_id = a.scope_id and r.role in ('clerk', 'unit_head', 'officer', 'leader')
      join users us on us.id = r.user_id and us.active
      where u.id in (select distinct unit_id from cand)
    ),
    targets as (
      select c.task_id, c.rule, c.occurrence, g.user_id
        from cand c join grants g on g.unit_id = c.unit_id and (
          (c.audience = 'lead' and g.role in ('clerk', 'unit_head'))
          or (c.audience = 'office' and g.role = 'officer')
          or (c.audience = 'leader' and c.leader_user_id is null and g.role = 'leader' and (cardinality(g.field_codes) = 0 or c.field_code = any(g.field_codes))))
      union
      select c.task_id, c.rule, c.occurrence, c.leader_user_id from cand c where c.audience = 'leader' and c.leader_user_id is not null
    ),
    inserted as (
      insert into reminders (task_id, rule, occurrence_on, user_id)
      select task_id, rule, occurrence, user_id from targets order by task_id, rule, user_id
      on conflict do nothing
      returning id, task_id, rule, occurrence_on, user_id
    ),
    notified as (
      insert into notifications (user_id, kind, task_id, reminder_id, on_date, data)
      select i.user_id, 'reminder', i.task_id, i.id, ${today}::date, jsonb_build_object('rule', i.rule, 'occurrence', i.occurrence_on, 'deadline', t.deadline)
      from inserted i join tasks t on t.id = i.task_id
      returning id, user_id
    ),
    queued as (
      insert into mail_outbox (user_id, kind, notification_id)
      select n.user_id, 'notification', n.id from notified n join users u on u.id = n.user_id
      where ${mailOn}::boolean and u.email is not null and not u.digest_mail
      returning id
    )
    select (select count(*) from inserted)::int as reminders, (select count(*) from queued)::int as mails`.execute(db);
  return res.rows[0] ?? { reminders: 0, mails: 0 };
}
