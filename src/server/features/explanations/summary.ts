import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Principal } from '../../domain/access.js';
import { visibilityOf } from '../tasks/queries.js';
import { listCauses } from './causes.js';

export interface CauseScope {
  asOf: string;
  assignedFrom?: string;
  assignedTo?: string;
  dueFrom?: string;
  dueTo?: string;
  unitId?: number;
  fieldCode?: string;
  topLevel: boolean;
  /** Count the explanation requests asked from this day (default: the period's start). */
  requestsFrom?: string;
}

/**
 * The causes of delay per lead unit (the review's causes table): for the tasks of the review's
 * scope whose lead unit gave causes by the cut-off, how many name each cause, and the unit's
 * explanation requests asked by the cut-off, answered or not. A task naming two causes counts
 * under both; "tasks" counts it once.
 */
export async function causesByUnit(db: Db, p: Principal | null, s: CauseScope) {
  const visible = p ? await visibilityOf(db, p) : null;
  let q = db
    .selectFrom('tasks')
    .innerJoin('task_delay_causes as c', 'c.task_id', 'tasks.id')
    .innerJoin('units as u', 'u.id', 'tasks.lead_unit_id')
    .select([
      'u.id as unit_id',
      'u.name as unit_name',
      sql<string>`unnest(case when cardinality(c.cause_codes) = 0 then array['other'] else c.cause_codes end)`.as(
        'code',
      ),
      'tasks.id as task_id',
    ])
    .where('c.set_on', '<=', s.asOf)
    .where('tasks.assigned_on', '<=', s.asOf);
  if (visible) q = q.where(visible);
  if (s.topLevel) q = q.where('tasks.parent_id', 'is', null);
  if (s.assignedFrom) q = q.where('tasks.assigned_on', '>=', s.assignedFrom);
  if (s.assignedTo) q = q.where('tasks.assigned_on', '<=', s.assignedTo);
  if (s.dueFrom) q = q.where('tasks.deadline', '>=', s.dueFrom);
  if (s.dueTo) q = q.where('tasks.deadline', '<=', s.dueTo);
  if (s.fieldCode) q = q.where('tasks.field_code', '=', s.fieldCode);
  if (s.unitId)
    q = q.where(
      'tasks.lead_unit_id',
      'in',
      sql<number>`(select id from units where path like (select path from units where id = ${s.unitId}) || '%')`,
    );
  const rows = await q.execute();
  const requests = await requestCounts(db, s);
  const causes = await listCauses(db, true);
  const byUnit = new Map<
    number,
    { unitId: number; unitName: string; tasks: Set<number>; counts: Map<string, number> }
  >();
  for (const r of rows) {
    const u = byUnit.get(r.unit_id) ?? {
      unitId: r.unit_id,
      unitName: r.unit_name,
      tasks: new Set(),
      counts: new Map(),
    };
    u.tasks.add(r.task_id);
    u.counts.set(r.code, (u.counts.get(r.code) ?? 0) + 1);
    byUnit.set(r.unit_id, u);
  }
  for (const r of requests)
    if (!byUnit.has(r.unit_id))
      byUnit.set(r.unit_id, { unitId: r.unit_id, unitName: r.unit_name, tasks: new Set(), counts: new Map() });
  const units = [...byUnit.values()]
    .map((u) => {
      const req = requests.find((r) => r.unit_id === u.unitId);
      const counts = Object.fromEntries(u.counts);
      return {
        unitId: u.unitId,
        unitName: u.unitName,
        tasks: u.tasks.size,
        objective: causes.filter((c) => c.kind === 'objective').reduce((n, c) => n + (counts[c.code] ?? 0), 0),
        subjective: causes.filter((c) => c.kind === 'subjective').reduce((n, c) => n + (counts[c.code] ?? 0), 0),
        counts,
        requests: {
          asked: Number(req?.asked ?? 0),
          answered: Number(req?.answered ?? 0),
          late: Number(req?.late ?? 0),
        },
      };
    })
    .sort((a, b) => b.tasks - a.tasks || a.unitName.localeCompare(b.unitName, 'vi'));
  return {
    causes,
    units,
    method: {
      vi: 'Nguyên nhân chậm do đơn vị chủ trì nêu (trên nhiệm vụ hoặc khi trả lời yêu cầu giải trình) đến ngày chốt, với các nhiệm vụ trong phạm vi báo cáo; một nhiệm vụ nêu nhiều nguyên nhân được đếm ở mỗi nguyên nhân. Yêu cầu giải trình: số yêu cầu đã gửi đơn vị trong kỳ, số đã trả lời, số quá hạn chưa trả lời tại ngày chốt.',
      en: 'Causes of delay the lead unit gave (on the task, or answering an explanation request) by the cut-off, for the tasks in the review’s scope; a task naming several causes counts under each. Explanation requests: those asked of the unit in the period, answered, and unanswered past their due date on the cut-off.',
    },
  };
}

async function requestCounts(db: Db, s: CauseScope) {
  const from = s.requestsFrom ?? s.assignedFrom ?? s.dueFrom ?? '0001-01-01';
  let q = db
    .selectFrom('explanation_requests as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select([
      'r.unit_id',
      'u.name as unit_name',
      sql<number>`count(*)::int`.as('asked'),
      sql<number>`count(*) filter (where r.answered_on <= ${s.asOf}::date)::int`.as('answered'),
      sql<number>`count(*) filter (where r.due_on < ${s.asOf}::date and (r.answered_on is null or r.answered_on > ${s.asOf}::date))::int`.as(
        'late',
      ),
    ])
    .where('r.requested_on', '>=', from)
    .where('r.requested_on', '<=', s.asOf)
    .groupBy(['r.unit_id', 'u.name']);
  if (s.unitId)
    q = q.where(
      'r.unit_id',
      'in',
      sql<number>`(select id from units where path like (select path from units where id = ${s.unitId}) || '%')`,
    );
  return q.execute();
}

/** The latest answer given for each of these tasks (for the urging letter and the briefing). */
export async function answersForTasks(db: Db, taskIds: number[]) {
  if (taskIds.length === 0)
    return new Map<number, { causeNames: string; committedOn: string | null; measures: string | null }>();
  const rows = await sql<{
    task_id: number;
    cause_codes: string[];
    note: string | null;
    committed_on: string | null;
    measures: string | null;
  }>`
    select c.task_id, c.cause_codes, c.note,
      (select r.committed_on from explanation_request_tasks rt join explanation_requests r on r.id = rt.request_id
        where rt.task_id = c.task_id and r.status = 'answered' order by r.answered_on desc, r.id desc limit 1)::text as committed_on,
      (select r.measures from explanation_request_tasks rt join explanation_requests r on r.id = rt.request_id
        where rt.task_id = c.task_id and r.status = 'answered' order by r.answered_on desc, r.id desc limit 1) as measures
    from task_delay_causes c where c.task_id = any(${taskIds}::int[])`.execute(db);
  const causes = await listCauses(db, true);
  const name = (code: string) => causes.find((c) => c.code === code)?.nameVi ?? code;
  return new Map(
    rows.rows.map((r) => [
      r.task_id,
      {
        causeNames: [...r.cause_codes.map(name), ...(r.note ? [r.note] : [])].join('; '),
        committedOn: r.committed_on,
        measures: r.measures,
      },
    ]),
  );
}
