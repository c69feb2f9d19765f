import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import type { Principal } from '../../domain/access.js';
import type { StatusRules } from '../../domain/task-status.js';
import {
  deadlineAsOf,
  leadAsOf,
  mayBeDueWithin,
  openOn,
  statusAsOfSql,
  visibilityOf,
  type Visibility,
} from '../tasks/queries.js';
const visibilityFor = async (db: Db, p: Principal | null) => (p ? visibilityOf(db, p) : null);

/** What a review groups by: the four groupings of the statistics, plus the staff member for self-inspection. */
export type ReviewGroupBy = 'lead_unit' | 'authority' | 'field' | 'leader' | 'assignee';

/**
 * Which tasks a review counts. The same conditions as the statistics SQL (stats/queries.ts):
 * assigned by the cut-off, visible to the caller, counting on the cut-off (alive), plus the
 * period's range on the assignment or the deadline as it stood on the cut-off.
 */
export interface ReviewScope {
  asOf: string;
  assignedFrom?: string;
  assignedTo?: string;
  dueFrom?: string;
  dueTo?: string;
  /** Lead unit (as of the cut-off) within this unit's subtree. */
  unitId?: number;
  fieldCode?: string;
  /** Only tasks given to units (the city's review), not the sub-tasks handed down. */
  topLevel: boolean;
  /** Only sub-tasks handed down inside this unit's subtree (self-inspection). */
  handedDownWithin?: number;
}

/** One counted task: the facts every number of a review is made of. */
export interface ReviewTaskRow {
  id: number;
  key: string | number | null;
  status: string;
  is_due: boolean;
  ext_asked: number;
  ext_granted: number;
}

const subtreeOf = (unitId: number) =>
  sql<number>`(select id from units where path like (select path from units where id = ${unitId}) || '%')`;

function groupKey(groupBy: ReviewGroupBy, asOf: string) {
  switch (groupBy) {
    case 'lead_unit':
      return sql<string | number | null>`${leadAsOf(asOf)}`;
    case 'authority':
      return sql<string | number | null>`tasks.assigner_unit_id`;
    case 'field':
      return sql<string | number | null>`tasks.field_code`;
    case 'leader':
      return sql<string | number | null>`tasks.leader_user_id`;
    case 'assignee':
      return sql<string | number | null>`tasks.assignee_user_id`;
  }
}

const eventCount = (kind: string, asOf: string) =>
  sql<number>`(select count(*)::int from task_events e where e.task_id = tasks.id and e.kind = ${kind} and e.on_date <= ${asOf}::date and e.kind in ('extension_requested', 'extension_approved', 'urged'))`;

/** Extension events up to the cut-off, per task (they cannot precede the assignment, so a period of assignment bounds them). */
function extensionEvents(db: Db, s: ReviewScope) {
  let events = db
    .selectFrom('task_events as e')
    .select([
      'e.task_id',
      sql<number>`count(*) filter (where e.kind = 'extension_requested')::int`.as('asked'),
      sql<number>`count(*) filter (where e.kind = 'extension_approved')::int`.as('granted'),
    ])
    .where('e.kind', 'in', ['extension_requested', 'extension_approved'])
    .where('e.on_date', '<=', s.asOf)
    .groupBy('e.task_id');
  if (s.assignedFrom) events = events.where('e.on_date', '>=', s.assignedFrom);
  return events;
}

/**
 * Which tasks count, as one condition: assigned by the cut-off and not ended by then (the
 * tasks whose status on the cut-off is not null), visible to the caller, within the scope.
 */
function inScope(visible: Visibility | null, s: ReviewScope) {
  return (eb: ExpressionBuilder<Database, 'tasks'>): Expression<SqlBool> => {
    const due = deadlineAsOf(s.asOf);
    const all: Expression<SqlBool>[] = [
      eb('tasks.assigned_on', '<=', s.asOf),
      eb.or([eb('tasks.ended_on', 'is', null), eb('tasks.ended_on', '>', s.asOf)]),
    ];
    if (visible) all.push(visible(eb));
    if (s.topLevel) all.push(eb('tasks.parent_id', 'is', null));
    if (s.handedDownWithin)
      all.push(
        eb('tasks.parent_id', 'is not', null),
        eb('tasks.assigner_unit_id', 'in', subtreeOf(s.handedDownWithin)),
      );
    if (s.assignedFrom) all.push(eb('tasks.assigned_on', '>=', s.assignedFrom));
    if (s.assignedTo) all.push(eb('tasks.assigned_on', '<=', s.assignedTo));
    if (s.dueFrom || s.dueTo) all.push(mayBeDueWithin(s.dueFrom, s.dueTo));
    if (s.dueFrom) all.push(eb(due, '>=', s.dueFrom));
    if (s.dueTo) all.push(eb(due, '<=', s.dueTo));
    if (s.fieldCode) all.push(eb('tasks.field_code', '=', s.fieldCode));
    if (s.unitId) all.push(eb(leadAsOf(s.asOf), 'in', subtreeOf(s.unitId)));
    return eb.and(all);
  };
}

/** The counted tasks with their group key, category and due flag. */
function scopedTasks(db: Db, visible: Visibility | null, groupBy: ReviewGroupBy, s: ReviewScope, rules: StatusRules) {
  const status = statusAsOfSql(
    s.asOf,
    rules.extensionCountsAsOnTime,
    rules.deadlineOnNonWorkingDay === 'next_working_day',
  );
  const due = deadlineAsOf(s.asOf);
  return db
    .selectFrom('tasks')
    .select([
      'tasks.id',
      groupKey(groupBy, s.asOf).as('key'),
      status.as('status'),
      sql<boolean>`coalesce(${due} <= ${s.asOf}::date, false)`.as('is_due'),
    ])
    .where(inScope(visible, s));
}

/** The counted tasks with the extensions asked and granted by the cut-off. */
function withExtensions(
  db: Db,
  visible: Visibility | null,
  groupBy: ReviewGroupBy,
  s: ReviewScope,
  rules: StatusRules,
) {
  return scopedTasks(db, visible, groupBy, s, rules)
    .leftJoin(extensionEvents(db, s).as('x'), 'x.task_id', 'tasks.id')
    .select([sql<number>`coalesce(x.asked, 0)`.as('ext_asked'), sql<number>`coalesce(x.granted, 0)`.as('ext_granted')]);
}

/** Extensions asked and granted up to the cut-off, per group, over the counted tasks. */
export async function extensionCountsByGroup(
  db: Db,
  p: Principal | null,
  groupBy: ReviewGroupBy,
  s: ReviewScope,
  _rules: StatusRules,
) {
  const visible = await visibilityFor(db, p);
  // Tasks assigned in a period: few extension events fall after its start, so start from those
  // events and look the tasks up. Tasks due in a period may be years old: start from the tasks
  // (found through their deadlines) and look their events up.
  const rows = s.assignedFrom
    ? await db
        .selectFrom(extensionEvents(db, s).as('x'))
        .innerJoin('tasks', 'tasks.id', 'x.task_id')
        .select([
          groupKey(groupBy, s.asOf).as('key'),
          sql<number>`sum(x.asked)::int`.as('ext_asked'),
          sql<number>`sum(x.granted)::int`.as('ext_granted'),
        ])
        .where((eb) => inScope(visible, s)(eb as unknown as ExpressionBuilder<Database, 'tasks'>))
        .groupBy(sql`1`)
        .execute()
    : await db
        .selectFrom('tasks')
        .innerJoinLateral(
          (eb) =>
            eb
              .selectFrom('task_events as e')
              .select([
                sql<number>`count(*) filter (where e.kind = 'extension_requested')`.as('asked'),
                sql<number>`count(*) filter (where e.kind = 'extension_approved')`.as('granted'),
              ])
              .whereRef('e.task_id', '=', 'tasks.id')
              .where('e.kind', 'in', ['extension_requested', 'extension_approved'])
              .where('e.on_date', '<=', s.asOf)
              .as('x'),
          (j) => j.onTrue(),
        )
        .select([
          groupKey(groupBy, s.asOf).as('key'),
          sql<number>`sum(x.asked)::int`.as('ext_asked'),
          sql<number>`sum(x.granted)::int`.as('ext_granted'),
        ])
        .where(inScope(visible, s))
        .groupBy(sql`1`)
        .execute();
  return new Map(
    rows.map((r) => [
      keyString(r.key as string | number | null),
      { asked: Number(r.ext_asked), granted: Number(r.ext_granted) },
    ]),
  );
}

/** Every counted task with its facts: the ids behind each number (snapshots, "tasks behind a number"). */
export async function reviewTaskRows(
  db: Db,
  p: Principal | null,
  groupBy: ReviewGroupBy,
  s: ReviewScope,
  rules: StatusRules,
): Promise<ReviewTaskRow[]> {
  const rows = await withExtensions(db, await visibilityFor(db, p), groupBy, s, rules)
    .orderBy('tasks.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    key: r.key as string | number | null,
    status: String(r.status),
    is_due: Boolean(r.is_due),
    ext_asked: Number(r.ext_asked),
    ext_granted: Number(r.ext_granted),
  }));
}

export interface OverdueTaskRow {
  id: number;
  content: string;
  lead_unit_id: number;
  lead_name: string;
  field_code: string | null;
  assigned_on: string;
  original_deadline: string | null;
  deadline_as_of: string;
  urgings: number;
  days_overdue: number;
}

/** The backlog on the cut-off, longest overdue first, with the urgings logged up to then (the count comes with the review's numbers). */
export async function overdueTasks(
  db: Db,
  p: Principal | null,
  s: ReviewScope,
  rules: StatusRules,
  limit: number,
): Promise<OverdueTaskRow[]> {
  const due = deadlineAsOf(s.asOf);
  const base = scopedTasks(db, await visibilityFor(db, p), 'lead_unit', s, rules)
    .where(openOn(s.asOf))
    .where(
      statusAsOfSql(s.asOf, rules.extensionCountsAsOnTime, rules.deadlineOnNonWorkingDay === 'next_working_day'),
      '=',
      'in_progress_overdue',
    );
  const items = await db
    .selectFrom(
      base
        .select([
          'tasks.content',
          'tasks.field_code',
          'tasks.assigned_on',
          'tasks.original_deadline',
          due.as('deadline_as_of'),
          eventCount('urged', s.asOf).as('urgings'),
        ])
        .orderBy(due, 'asc')
        .orderBy('tasks.id', 'asc')
        .limit(limit)
        .as('o'),
    )
    .innerJoin('units as u', (j) => j.on(sql<boolean>`u.id = o.key::int`))
    .select([
      'o.id',
      'o.content',
      'o.key',
      'u.name as lead_name',
      'o.field_code',
      'o.assigned_on',
      'o.original_deadline',
      'o.deadline_as_of',
      'o.urgings',
      sql<number>`(${s.asOf}::date - o.deadline_as_of::date)`.as('days_overdue'),
    ])
    .orderBy('o.deadline_as_of', 'asc')
    .orderBy('o.id', 'asc')
    .execute();
  return items.map((r) => ({
    id: r.id,
    content: r.content,
    lead_unit_id: Number(r.key),
    lead_name: r.lead_name,
    field_code: r.field_code,
    assigned_on: r.assigned_on,
    original_deadline: r.original_deadline,
    deadline_as_of: String(r.deadline_as_of),
    urgings: Number(r.urgings),
    days_overdue: Number(r.days_overdue),
  }));
}

/** Short descriptions of tasks, for the list behind a number. */
export async function taskBriefs(db: Db, ids: number[], asOf: string) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('tasks')
    .innerJoin('units as lu', 'lu.id', 'tasks.lead_unit_id')
    .select([
      'tasks.id',
      'tasks.content',
      'tasks.lead_unit_id',
      'lu.name as lead_name',
      'tasks.field_code',
      'tasks.assigned_on',
      'tasks.original_deadline',
      deadlineAsOf(asOf).as('deadline_as_of'),
      'tasks.state',
    ])
    .where('tasks.id', 'in', ids)
    .orderBy('tasks.id')
    .execute();
}

export const keyString = (key: string | number | null): string =>
  key === null || key === undefined ? 'none' : String(key);
