import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { IsoDate } from '../../domain/dates.js';
import type { ReminderRules } from '../../domain/reminder-schedule.js';

/**
 * Unanswered explanation requests are reminded like tasks (DESIGN.md §6): on the due day, and
 * every N days after it while unanswered (the tasks' overdue rule), to the unit's clerks and
 * heads. Each reminder has its unique key in `reminders` (the request's first task, the rule
 * named with the request), so a second run, or another server, adds nothing.
 */
export async function scanExplanationReminders(
  ctx: AppContext,
  today: IsoDate,
  rules: ReminderRules,
): Promise<{ reminders: number; mails: number }> {
  const every = rules.overdueEveryDays;
  const mailOn = Boolean(ctx.config.SMTP_URL);
  const res = await ctx.db.transaction().execute((trx) =>
    sql<{ reminders: number; mails: number }>`
    with pending as (
      select r.id, r.unit_id, r.due_on, (select min(task_id) from explanation_request_tasks rt where rt.request_id = r.id) as task_id,
        (select count(*) from explanation_request_tasks rt where rt.request_id = r.id)::int as task_count
      from explanation_requests r
      where r.status = 'pending' and (r.due_on = ${today}::date or (${every}::int > 0 and r.due_on < ${today}::date))
    ),
    cand as (
      select p.*, case when p.due_on = ${today}::date then 'explanation_due' else 'explanation_overdue' end as kind,
        case when p.due_on = ${today}::date then p.due_on
          else p.due_on + 1 + ((${today}::date - p.due_on - 1) / greatest(${every}::int, 1)) * greatest(${every}::int, 1) end as occurrence
      from pending p
    ),
    targets as (
      select distinct c.id, c.task_id, c.kind, c.occurrence, c.unit_id, c.due_on, c.task_count, r.user_id
      from cand c
      join units u on u.id = c.unit_id
      cross join lateral unnest(string_to_array(trim(both '/' from u.path), '/')::int[]) as a(scope_id)
      join user_roles r on r.scope_unit_id = a.scope_id and r.role in ('clerk', 'unit_head')
      join users us on us.id = r.user_id and us.active
    ),
    inserted as (
      insert into reminders (task_id, rule, occurrence_on, user_id)
      select task_id, kind || ':' || id, occurrence, user_id from targets order by id, user_id
      on conflict do nothing
      returning id, task_id, rule, occurrence_on, user_id
    ),
    notified as (
      insert into notifications (user_id, kind, task_id, reminder_id, on_date, data)
      select i.user_id, 'explanation', case when t.task_count = 1 then t.task_id end, i.id, ${today}::date,
        jsonb_build_object('rule', t.kind, 'requestId', t.id, 'unitId', t.unit_id, 'dueOn', t.due_on::text,
          'taskCount', t.task_count, 'link', '/explanations?id=' || t.id)
      from inserted i join targets t on t.task_id = i.task_id and t.kind || ':' || t.id = i.rule and t.user_id = i.user_id
      returning id, user_id
    ),
    queued as (
      insert into mail_outbox (user_id, kind, notification_id)
      select n.user_id, 'notification', n.id from notified n join users u on u.id = n.user_id
      where ${mailOn}::boolean and u.email is not null and not u.digest_mail
      returning id
    )
    select (select count(*) from inserted)::int as reminders, (select count(*) from queued)::int as mails`.execute(trx),
  );
  return res.rows[0] ?? { reminders: 0, mails: 0 };
}
