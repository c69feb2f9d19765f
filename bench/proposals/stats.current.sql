select "s"."key", count(*) filter (where s.status = 'completed_on_time') as "on_time", count(*) filter (where s.status = 'completed_late') as "late", count(*) filter (where s.status = 'in_progress_on_time') as "in_progress", count(*) filter (where s.status = 'in_progress_overdue') as "overdue", count(*) filter (where s.status is not null and s.is_due) as "due_by_cutoff", count(*) filter (where s.status in ('completed_on_time', 'completed_late') and s.is_due) as "completed_of_due" from (select (case
    when tasks.lead_since <= '2025-12-31'::date then tasks.lead_unit_id
    else coalesce(
      (select lc.to_unit_id from task_lead_changes lc where lc.task_id = tasks.id and lc.effective_on <= '2025-12-31'::date order by lc.effective_on desc, lc.id desc limit 1),
      (select lc.from_unit_id from task_lead_changes lc where lc.task_id = tasks.id order by lc.effective_on, lc.id limit 1))
  end) as "key", (case
    when tasks.assigned_on > '2025-12-31'::date or (tasks.ended_on is not null and tasks.ended_on <= '2025-12-31'::date) then null
    when tasks.confirmed_on is not null and tasks.confirmed_on <= '2025-12-31'::date then
      (case when (case
    when tasks.first_extended_on is null or tasks.first_extended_on > '2025-12-31'::date then tasks.original_deadline
    when tasks.last_extended_on <= '2025-12-31'::date then tasks.deadline
    else (select dc.deadline from task_deadline_changes dc where dc.task_id = tasks.id and dc.effective_on <= '2025-12-31'::date order by dc.effective_on desc, dc.id desc limit 1)
  end) is null or tasks.completed_on <= (case
    when tasks.first_extended_on is null or tasks.first_extended_on > '2025-12-31'::date then tasks.original_deadline
    when tasks.last_extended_on <= '2025-12-31'::date then tasks.deadline
    else (select dc.deadline from task_deadline_changes dc where dc.task_id = tasks.id and dc.effective_on <= '2025-12-31'::date order by dc.effective_on desc, dc.id desc limit 1)
  end) then 'completed_on_time' else 'completed_late' end)
    when (case
    when tasks.first_extended_on is null or tasks.first_extended_on > '2025-12-31'::date then tasks.original_deadline
    when tasks.last_extended_on <= '2025-12-31'::date then tasks.deadline
    else (select dc.deadline from task_deadline_changes dc where dc.task_id = tasks.id and dc.effective_on <= '2025-12-31'::date order by dc.effective_on desc, dc.id desc limit 1)
  end) is null or (case
    when tasks.first_extended_on is null or tasks.first_extended_on > '2025-12-31'::date then tasks.original_deadline
    when tasks.last_extended_on <= '2025-12-31'::date then tasks.deadline
    else (select dc.deadline from task_deadline_changes dc where dc.task_id = tasks.id and dc.effective_on <= '2025-12-31'::date order by dc.effective_on desc, dc.id desc limit 1)
  end) >= '2025-12-31'::date then 'in_progress_on_time'
    else 'in_progress_overdue'
  end) as "status", (case
    when tasks.first_extended_on is null or tasks.first_extended_on > '2025-12-31'::date then tasks.original_deadline
    when tasks.last_extended_on <= '2025-12-31'::date then tasks.deadline
    else (select dc.deadline from task_deadline_changes dc where dc.task_id = tasks.id and dc.effective_on <= '2025-12-31'::date order by dc.effective_on desc, dc.id desc limit 1)
  end) <= '2025-12-31'::date as "is_due" from "tasks" where "tasks"."assigned_on" <= '2025-12-31' and ("tasks"."assigner_unit_id" in (select id from units where path like '/6/%') or "tasks"."lead_unit_id" in (select id from units where path like '/6/%') or exists (select "tc"."task_id" from "task_coordinators" as "tc" where "tc"."task_id" = "tasks"."id" and "tc"."unit_id" in (select id from units where path like '/6/%'))) and "tasks"."parent_id" is null) as "s" where "s"."status" is not null group by "s"."key";
