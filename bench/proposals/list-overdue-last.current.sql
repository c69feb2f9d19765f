select "tasks"."id", "tasks"."content", "tasks"."document_id", "d"."number_symbol" as "document_number", "tasks"."assigner_unit_id", "au"."code" as "assigner_code", "au"."name" as "assigner_name", "tasks"."lead_unit_id", "lu"."code" as "lead_code", "lu"."name" as "lead_name", "tasks"."field_code", "tasks"."is_key", "tasks"."deadline_kind", "tasks"."deadline", "tasks"."original_deadline", "tasks"."assigned_on", "tasks"."state", "tasks"."progress", "tasks"."version", "tasks"."parent_id", "tasks"."period_label", "tasks"."extension_count", "tasks"."urge_count", "tasks"."last_progress_on", "tasks"."assignee_user_id", "tasks"."completed_on", (case
    when tasks.assigned_on > '2026-06-30'::date or (tasks.ended_on is not null and tasks.ended_on <= '2026-06-30'::date) then null
    when tasks.confirmed_on is not null and tasks.confirmed_on <= '2026-06-30'::date then
      (case when (case
    when tasks.first_extended_on is null or tasks.first_extended_on > '2026-06-30'::date then tasks.original_deadline
    when tasks.last_extended_on <= '2026-06-30'::date then tasks.deadline
    else (select dc.deadline from task_deadline_changes dc where dc.task_id = tasks.id and dc.effective_on <= '2026-06-30'::date order by dc.effective_on desc, dc.id desc limit 1)
  end) is null or tasks.completed_on <= (case
    when tasks.first_extended_on is null or tasks.first_extended_on > '2026-06-30'::date then tasks.original_deadline
    when tasks.last_extended_on <= '2026-06-30'::date then tasks.deadline
    else (select dc.deadline from task_deadline_changes dc where dc.task_id = tasks.id and dc.effective_on <= '2026-06-30'::date order by dc.effective_on desc, dc.id desc limit 1)
  end) then 'completed_on_time' else 'completed_late' end)
    when (case
    when tasks.first_extended_on is null or tasks.first_extended_on > '2026-06-30'::date then tasks.original_deadline
    when tasks.last_extended_on <= '2026-06-30'::date then tasks.deadline
    else (select dc.deadline from task_deadline_changes dc where dc.task_id = tasks.id and dc.effective_on <= '2026-06-30'::date order by dc.effective_on desc, dc.id desc limit 1)
  end) is null or (case
    when tasks.first_extended_on is null or tasks.first_extended_on > '2026-06-30'::date then tasks.original_deadline
    when tasks.last_extended_on <= '2026-06-30'::date then tasks.deadline
    else (select dc.deadline from task_deadline_changes dc where dc.task_id = tasks.id and dc.effective_on <= '2026-06-30'::date order by dc.effective_on desc, dc.id desc limit 1)
  end) >= '2026-06-30'::date then 'in_progress_on_time'
    else 'in_progress_overdue'
  end) as "status", (case
    when tasks.first_extended_on is null or tasks.first_extended_on > '2026-06-30'::date then tasks.original_deadline
    when tasks.last_extended_on <= '2026-06-30'::date then tasks.deadline
    else (select dc.deadline from task_deadline_changes dc where dc.task_id = tasks.id and dc.effective_on <= '2026-06-30'::date order by dc.effective_on desc, dc.id desc limit 1)
  end) as "deadline_as_of" from "tasks" inner join "units" as "au" on "au"."id" = "tasks"."assigner_unit_id" inner join "units" as "lu" on "lu"."id" = "tasks"."lead_unit_id" left join "documents" as "d" on "d"."id" = "tasks"."document_id" where ("tasks"."assigner_unit_id" in (select id from units where path like '/6/%') or "tasks"."lead_unit_id" in (select id from units where path like '/6/%') or exists (select "tc"."task_id" from "task_coordinators" as "tc" where "tc"."task_id" = "tasks"."id" and "tc"."unit_id" in (select id from units where path like '/6/%'))) and (case
    when tasks.assigned_on > '2026-06-30'::date or (tasks.ended_on is not null and tasks.ended_on <= '2026-06-30'::date) then null
    when tasks.confirmed_on is not null and tasks.confirmed_on <= '2026-06-30'::date then
      (case when (case
    when tasks.first_extended_on is null or tasks.first_extended_on > '2026-06-30'::date then tasks.original_deadline
    when tasks.last_extended_on <= '2026-06-30'::date then tasks.deadline
    else (select dc.deadline from task_deadline_changes dc where dc.task_id = tasks.id and dc.effective_on <= '2026-06-30'::date order by dc.effective_on desc, dc.id desc limit 1)
  end) is null or tasks.completed_on <= (case
    when tasks.first_extended_on is null or tasks.first_extended_on > '2026-06-30'::date then tasks.original_deadline
    when tasks.last_extended_on <= '2026-06-30'::date then tasks.deadline
    else (select dc.deadline from task_deadline_changes dc where dc.task_id = tasks.id and dc.effective_on <= '2026-06-30'::date order by dc.effective_on desc, dc.id desc limit 1)
  end) then 'completed_on_time' else 'completed_late' end)
    when (case
    when tasks.first_extended_on is null or tasks.first_extended_on > '2026-06-30'::date then tasks.original_deadline
    when tasks.last_extended_on <= '2026-06-30'::date then tasks.deadline
    else (select dc.deadline from task_deadline_changes dc where dc.task_id = tasks.id and dc.effective_on <= '2026-06-30'::date order by dc.effective_on desc, dc.id desc limit 1)
  end) is null or (case
    when tasks.first_extended_on is null or tasks.first_extended_on > '2026-06-30'::date then tasks.original_deadline
    when tasks.last_extended_on <= '2026-06-30'::date then tasks.deadline
    else (select dc.deadline from task_deadline_changes dc where dc.task_id = tasks.id and dc.effective_on <= '2026-06-30'::date order by dc.effective_on desc, dc.id desc limit 1)
  end) >= '2026-06-30'::date then 'in_progress_on_time'
    else 'in_progress_overdue'
  end) = 'in_progress_overdue' and "tasks"."id" < 900722 order by "tasks"."id" desc limit 51;
