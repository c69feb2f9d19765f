import { sql, type Expression } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Principal } from '../../domain/access.js';
import type { StatusRules } from '../../domain/task-status.js';
import {
  deadlineAsOf,
  lastFactOn,
  leadAsOf,
  mayBeDueWithin,
  movingOn,
  settledDeadlineAsOf,
  settledOn,
  accessScopeOf,
  deadlineEndsSql,
  type Visibility,
} from '../tasks/queries.js';
import { frozenBefore, frozenCounts, frozenCountsAnswer } from './frozen-counts.js';

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

function groupKey(groupBy: GroupBy, lead: Expression<number>) {
  switch (groupBy) {
    case 'lead_unit':
      return sql<string | number | null>`${lead}`;
    case 'authority':
      return sql<string | number | null>`tasks.assigner_unit_id`;
    case 'field':
      return sql<string | number | null>`tasks.field_code`;
    case 'leader':
      return sql<string | number | null>`tasks.leader_user_id`;
  }
}

/**
 * The counts of one group, as of the cut-off: the SQL twin of domain/task-status, written
 * as independent conditions over a few facts per task (counted on the cut-off, confirmed by
 * it, the deadline as it stood) so that PostgreSQL aggregates in parallel workers and
 * evaluates each fact once per condition rather than a whole status expression per count.
 */
function countsOf(
  db: Db,
  visible: Visibility | null,
  groupBy: GroupBy,
  f: StatsFilter,
  rules: StatusRules,
  route: 'settled' | 'settled_lately' | 'moving',
) {
  const settled = route !== 'moving';
  const asOf = f.asOf;
  const deadline = settled ? settledDeadlineAsOf(asOf) : deadlineAsOf(asOf);
  const lead = settled ? sql<number>`tasks.lead_unit_id` : leadAsOf(asOf);
  // Under the art. 148 setting a deadline on a non-working day ends on the next working day; the
  // period filters still read the deadline as written (a deadline of 31 January is due in January).
  const shift = rules.deadlineOnNonWorkingDay === 'next_working_day';
  const written = deadline;
  const ends = deadlineEndsSql(written, shift);
  const judged = deadlineEndsSql(
    rules.extensionCountsAsOnTime ? written : sql<string | null>`tasks.original_deadline`,
    shift,
  );
  const counted = sql<boolean>`coalesce(tasks.ended_on, ${FAR_FUTURE}::date) > ${asOf}::date`;
  const confirmed = sql<boolean>`coalesce(tasks.confirmed_on, ${FAR_FUTURE}::date) <= ${asOf}::date`;
  const onTime = sql<boolean>`(${judged} is null or tasks.completed_on <= ${judged})`;
  const count = (condition: Expression<boolean>) => sql<number>`count(*) filter (where ${counted} and ${condition})`;
  let q = db
    .selectFrom('tasks')
    .select([
      groupKey(groupBy, lead).as('key'),
      count(sql`${confirmed} and ${onTime}`).as('on_time'),
      count(sql`${confirmed} and not ${onTime}`).as('late'),
      count(sql`not ${confirmed} and (${ends} is null or ${ends} >= ${asOf}::date)`).as('in_progress'),
      count(sql`not ${confirmed} and ${ends} < ${asOf}::date`).as('overdue'),
      count(sql`${ends} <= ${asOf}::date`).as('due_by_cutoff'),
      count(sql`${confirmed} and ${ends} <= ${asOf}::date`).as('completed_of_due'),
    ])
    .where('tasks.assigned_on', '<=', asOf)
    .where(settled ? settledOn(asOf) : movingOn(asOf));
  if (route === 'settled_lately') q = q.where(lastFactOn(), '>=', frozenBefore(asOf));
  if (visible) q = q.where(visible);
  if (f.topLevel) q = q.where('tasks.parent_id', 'is', null);
  if (f.assignedFrom) q = q.where('tasks.assigned_on', '>=', f.assignedFrom);
  if (f.assignedTo) q = q.where('tasks.assigned_on', '<=', f.assignedTo);
  if (f.dueFrom || f.dueTo) q = q.where(mayBeDueWithin(f.dueFrom, f.dueTo));
  if (f.dueFrom) q = q.where(written, '>=', f.dueFrom);
  if (f.dueTo) q = q.where(written, '<=', f.dueTo);
  if (f.fieldCode) q = q.where('tasks.field_code', '=', f.fieldCode);
  if (f.unitId)
    q = q.where(
      lead,
      'in',
      sql<number>`(select id from units where path like (select path from units where id = ${f.unitId}) || '%')`,
    );
  return q.groupBy(sql`1`);
}

/**
 * Every task's category on the cut-off, counted per group. The tasks settled on the cut-off
 * (the bulk) and the few whose deadline or lead must be looked up in the change tables are
 * counted apart and added up; of the settled ones, those whose last fact day is before the
 * cut-off's month come from the kept counts (frozen-counts.ts) when the request allows it.
 * Tasks that do not count on the cut-off (not yet assigned, withdrawn) count nowhere.
 */
export async function countByGroup(
  db: Db,
  p: Principal | null,
  groupBy: GroupBy,
  f: StatsFilter,
  rules: StatusRules,
  options: { readTasksOnly?: boolean } = {},
): Promise<GroupCountsRow[]> {
  const access = p ? await accessScopeOf(db, p) : null;
  const visible = access?.visible ?? null;
  const scope = access ? access.unitFree : { fields: null };
  // The kept counts are judged against the deadlines as written: under the art. 148 setting
  // every task is read (docs/decisions.md).
  const fromKept =
    !options.readTasksOnly &&
    scope !== null &&
    frozenCountsAnswer(f) &&
    rules.deadlineOnNonWorkingDay !== 'next_working_day';
  const parts = fromKept
    ? countsOf(db, visible, groupBy, f, rules, 'settled_lately')
        .unionAll(countsOf(db, visible, groupBy, f, rules, 'moving'))
        .unionAll(frozenCounts(db, groupBy, f, rules, scope.fields))
    : countsOf(db, visible, groupBy, f, rules, 'settled').unionAll(countsOf(db, visible, groupBy, f, rules, 'moving'));
  const sum = (column: string) => sql<number>`sum(${sql.ref(`u.${column}`)})::bigint`;
  const rows = await db
    .selectFrom(parts.as('u'))
    .select(['u.key', ...COUNT_COLUMNS.map((c) => sum(c).as(c))])
    .groupBy('u.key')
    .execute();
  return rows
    .map((r) => ({
      key: r.key as string | number | null,
      on_time: Number(r.on_time),
      late: Number(r.late),
      in_progress: Number(r.in_progress),
      overdue: Number(r.overdue),
      due_by_cutoff: Number(r.due_by_cutoff),
      completed_of_due: Number(r.completed_of_due),
    }))
    .filter((r) => r.on_time + r.late + r.in_progress + r.overdue > 0);
}

const COUNT_COLUMNS = ['on_time', 'late', 'in_progress', 'overdue', 'due_by_cutoff', 'completed_of_due'] as const;
const FAR_FUTURE = '9999-12-31';

export async function groupLabels(
  db: Db,
  groupBy: GroupBy,
  keys: (string | number | null)[],
): Promise<Map<string, { code: string | null; label: string }>> {
  const labels = new Map<string, { code: string | null; label: string }>();
  const ids = keys.filter((k): k is number => typeof k === 'number');
  if (groupBy === 'lead_unit' || groupBy === 'authority') {
    if (ids.length)
      for (const u of await db.selectFrom('units').select(['id', 'code', 'name']).where('id', 'in', ids).execute())
        labels.set(String(u.id), { code: u.code, label: u.name });
  } else if (groupBy === 'leader') {
    if (ids.length)
      for (const u of await db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', ids).execute())
        labels.set(String(u.id), { code: null, label: u.full_name });
  } else {
    for (const f of await db.selectFrom('fields').select(['code', 'name_vi']).execute())
      labels.set(f.code, { code: f.code, label: f.name_vi });
  }
  return labels;
}
