import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Principal } from '../../domain/access.js';
import type { StatusRules } from '../../domain/task-status.js';
import { deadlineAsOf, leadAsOf, statusAsOfSql, visibleTo } from '../tasks/queries.js';

export type GroupBy = 'lead_unit' | 'authority' | 'field' | 'leader';

export interface StatsFilter {
  asOf: string;
  assignedFrom?: string;
  assignedTo?: string;
  dueFrom?: string;
  dueTo?: string;
  unitId?: number;
  fieldCode?: string;
  /** Count only tasks given to units, not the sub-tasks they handed down (default). */
  topLevel: boolean;
}

export interface GroupCountsRow {
  key: string | number | null;
  on_time: number;
  late: number;
  in_progress: number;
  overdue: number;
  due_by_cutoff: number;
  completed_of_due: number;
}

function groupKey(groupBy: GroupBy, asOf: string) {
  switch (groupBy) {
    case 'lead_unit':
      return sql<string | number | null>`${leadAsOf(asOf)}`;
    case 'authority':
      return sql<string | number | null>`tasks.assigner_unit_id`;
    case 'field':
      return sql<string | number | null>`tasks.field_code`;
    case 'leader':
      return sql<string | number | null>`tasks.leader_user_id`;
  }
}

/**
 * One scan: every task's category on the cut-off (the SQL twin of domain/task-status),
 * counted per group. Tasks that do not count on the cut-off (not yet assigned, withdrawn)
 * fall out through the null status.
 */
export async function countByGroup(db: Db, p: Principal | null, groupBy: GroupBy, f: StatsFilter, rules: StatusRules): Promise<GroupCountsRow[]> {
  const status = statusAsOfSql(f.asOf, rules.extensionCountsAsOnTime);
  const due = deadlineAsOf(f.asOf);
  let inner = db
    .selectFrom('tasks')
    .select([groupKey(groupBy, f.asOf).as('key'), status.as('status'), sql<boolean>`${due} <= ${f.asOf}::date`.as('is_due')])
    .where('tasks.assigned_on', '<=', f.asOf);
  if (p) inner = inner.where(visibleTo(p));
  if (f.topLevel) inner = inner.where('tasks.parent_id', 'is', null);
  if (f.assignedFrom) inner = inner.where('tasks.assigned_on', '>=', f.assignedFrom);
  if (f.assignedTo) inner = inner.where('tasks.assigned_on', '<=', f.assignedTo);
  if (f.dueFrom) inner = inner.where(due, '>=', f.dueFrom);
  if (f.dueTo) inner = inner.where(due, '<=', f.dueTo);
  if (f.fieldCode) inner = inner.where('tasks.field_code', '=', f.fieldCode);
  if (f.unitId) inner = inner.where(leadAsOf(f.asOf), 'in', sql<number>`(select id from units where path like (select path from units where id = ${f.unitId}) || '%')`);
  const rows = await db
    .selectFrom(inner.as('s'))
    .select([
      's.key',
      sql<number>`count(*) filter (where s.status = 'completed_on_time')`.as('on_time'),
      sql<number>`count(*) filter (where s.status = 'completed_late')`.as('late'),
      sql<number>`count(*) filter (where s.status = 'in_progress_on_time')`.as('in_progress'),
      sql<number>`count(*) filter (where s.status = 'in_progress_overdue')`.as('overdue'),
      sql<number>`count(*) filter (where s.status is not null and s.is_due)`.as('due_by_cutoff'),
      sql<number>`count(*) filter (where s.status in ('completed_on_time', 'completed_late') and s.is_due)`.as('completed_of_due'),
    ])
    .where('s.status', 'is not', null)
    .groupBy('s.key')
    .execute();
  return rows.map((r) => ({ key: r.key as string | number | null, on_time: Number(r.on_time), late: Number(r.late), in_progress: Number(r.in_progress), overdue: Number(r.overdue), due_by_cutoff: Number(r.due_by_cutoff), completed_of_due: Number(r.completed_of_due) }));
}

export async function groupLabels(db: Db, groupBy: GroupBy, keys: (string | number | null)[]): Promise<Map<string, { code: string | null; label: string }>> {
  const labels = new Map<string, { code: string | null; label: string }>();
  const ids = keys.filter((k): k is number => typeof k === 'number');
  if (groupBy === 'lead_unit' || groupBy === 'authority') {
    if (ids.length) for (const u of await db.selectFrom('units').select(['id', 'code', 'name']).where('id', 'in', ids).execute()) labels.set(String(u.id), { code: u.code, label: u.name });
  } else if (groupBy === 'leader') {
    if (ids.length) for (const u of await db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', ids).execute()) labels.set(String(u.id), { code: null, label: u.full_name });
  } else {
    for (const f of await db.selectFrom('fields').select(['code', 'name_vi']).execute()) labels.set(f.code, { code: f.code, label: f.name_vi });
  }
  return labels;
}
