import { sql, type ExpressionBuilder, type Expression, type SqlBool, type Transaction } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import type { Grant, Principal } from '../../domain/access.js';
import { DEFAULT_STATUS_RULES, snapshotAsOf } from '../../domain/task-status.js';
import type { TaskEventKind } from './events.js';
import { toFact } from './events.js';

type Executor = Db | Transaction<Database>;

/**
 * A day in SQL: a string is sent as a parameter; an expression (sql.lit of a checked ISO date)
 * is written into the statement, so a prepared statement's one plan is made for that day.
 */
export type Day = string | Expression<string>;
type TasksEb = ExpressionBuilder<Database, 'tasks'>;

export async function lockTask(trx: Transaction<Database>, id: number) {
  return trx.selectFrom('tasks').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Paths of the units a task touches: what access rules compare against grants. */
export async function taskRefs(
  db: Executor,
  task: {
    id: number;
    assigner_unit_id: number;
    lead_unit_id: number;
    assignee_user_id: number | null;
    field_code: string | null;
  },
) {
  const [assigner, lead, coordinators] = await Promise.all([
    db.selectFrom('units').select('path').where('id', '=', task.assigner_unit_id).executeTakeFirstOrThrow(),
    db.selectFrom('units').select('path').where('id', '=', task.lead_unit_id).executeTakeFirstOrThrow(),
    db
      .selectFrom('task_coordinators as c')
      .innerJoin('units as u', 'u.id', 'c.unit_id')
      .select('u.path')
      .where('c.task_id', '=', task.id)
      .execute(),
  ]);
  return {
    assignerPath: assigner.path,
    leadPath: lead.path,
    coordinatorPaths: coordinators.map((c) => c.path),
    assigneeUserId: task.assignee_user_id,
    fieldCode: task.field_code,
  };
}

export async function hasPendingExtension(db: Executor, taskId: number): Promise<boolean> {
  const row = await db
    .selectFrom('extension_requests')
    .select('id')
    .where('task_id', '=', taskId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row !== undefined;
}

export interface NewEvent {
  taskId: number;
  kind: TaskEventKind;
  actorUserId: number | null;
  onDate: string;
  reason?: string | null;
  data?: Record<string, unknown>;
}

export async function insertEvent(trx: Executor, e: NewEvent): Promise<number> {
  const row = await trx
    .insertInto('task_events')
    .values({
      task_id: e.taskId,
      kind: e.kind,
      actor_user_id: e.actorUserId,
      on_date: e.onDate,
      reason: e.reason ?? null,
      data: JSON.stringify(e.data ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Recomputes the task's date columns from its whole event log with the domain fold, so the
 * columns the statistics SQL reads can never disagree with the rules.
 */
export async function refreshProjection(trx: Transaction<Database>, taskId: number): Promise<void> {
  const events = await trx
    .selectFrom('task_events')
    .select(['kind', 'on_date', 'data'])
    .where('task_id', '=', taskId)
    .orderBy('id')
    .execute();
  const facts = events.map(toFact).filter((f) => f !== null);
  const s = snapshotAsOf(facts);
  if (!s) return;
  await trx
    .updateTable('tasks')
    .set({
      lead_unit_id: s.leadUnitId,
      lead_since: s.leadSince,
      original_deadline: s.originalDeadline,
      deadline: s.deadline,
      first_extended_on: s.firstExtendedOn,
      last_extended_on: s.lastExtendedOn,
      extension_count: s.extensionCount,
      completion_reported_on: s.pendingReportOn ?? s.completedOn,
      completed_on: s.completedOn,
      confirmed_on: s.confirmedOn,
      ended_on: s.endedOn,
    })
    .where('id', '=', taskId)
    .execute();
}

const subtreeIds = (path: string) => sql<number>`(select id from units where path like ${`${path}%`})`;

/** The SQL twin of access.canSeeTask: the tasks a principal may see. */
export function visibleTo(p: Principal) {
  return (eb: TasksEb): Expression<SqlBool> => {
    if (p.grants.some((g) => g.role === 'admin')) return sql<boolean>`true`;
    const ors: Expression<SqlBool>[] = [];
    for (const g of p.grants) {
      if (g.role === 'staff') {
        ors.push(eb('tasks.assignee_user_id', '=', p.userId));
        continue;
      }
      const ids = subtreeIds(g.scopePath);
      const touches = eb.or([
        eb('tasks.assigner_unit_id', 'in', ids),
        eb('tasks.lead_unit_id', 'in', ids),
        eb.exists(
          eb
            .selectFrom('task_coordinators as tc')
            .select('tc.task_id')
            .whereRef('tc.task_id', '=', 'tasks.id')
            .where('tc.unit_id', 'in', ids),
        ),
      ]);
      ors.push(
        g.role === 'leader' && g.fieldCodes.length > 0
          ? eb.and([touches, eb('tasks.field_code', 'in', [...g.fieldCodes])])
          : touches,
      );
    }
    return ors.length ? eb.or(ors) : sql<boolean>`false`;
  };
}

/** Of the given task ids, those the principal may see (for lists frozen by someone else). */
export async function visibleTaskIds(db: Db, p: Principal, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('tasks')
    .select('tasks.id')
    .where('tasks.id', 'in', [...ids])
    .where(visibleTo(p))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** A condition on tasks: which ones a caller may see. */
export type Visibility = (eb: TasksEb) => Expression<SqlBool>;

/**
 * visibleTo, simplified where the database allows: a grant whose subtree holds the lead unit
 * of every task (the city office's officers) sees every task, so its condition drops the
 * per-task lookup of coordinating units — a correlated lookup that also keeps PostgreSQL
 * from scanning in parallel. Exact, not a shortcut: checked against the tasks on each call
 * (one index probe per unit outside the subtree).
 */
export async function visibilityOf(db: Executor, p: Principal): Promise<Visibility> {
  return visibilityWith(p, await wideGrants(db, p));
}

/** visibilityOf and unitFreeScopeOf together, the subtree check done once (the statistics need both). */
export async function accessScopeOf(db: Executor, p: Principal) {
  const wide = await wideGrants(db, p);
  return { visible: visibilityWith(p, wide), unitFree: unitFreeWith(p, wide) };
}

function visibilityWith(p: Principal, wide: Set<Grant>): Visibility {
  if (wide.size === 0) return visibleTo(p);
  return (eb: TasksEb): Expression<SqlBool> =>
    eb.or(
      p.grants.map((g) => {
        if (!wide.has(g)) return visibleTo({ ...p, grants: [g] })(eb);
        return g.role === 'leader' && g.fieldCodes.length > 0
          ? eb('tasks.field_code', 'in', [...g.fieldCodes])
          : sql<boolean>`true`;
      }),
    );
}

/**
 * What a caller may see when it does not depend on the tasks' units: every task (fields
 * null) or every task of some fields; null when it does (a district sees its own tasks).
 * Lets the statistics use counts kept per unit and field rather than reading each task.
 */
export async function unitFreeScopeOf(
  db: Executor,
  p: Principal,
): Promise<{ fields: readonly string[] | null } | null> {
  return unitFreeWith(p, await wideGrants(db, p));
}

function unitFreeWith(p: Principal, wide: Set<Grant>): { fields: readonly string[] | null } | null {
  if (p.grants.some((g) => g.role === 'admin')) return { fields: null };
  const unrestricted = (g: Grant) => !(g.role === 'leader' && g.fieldCodes.length > 0);
  if ([...wide].some(unrestricted)) return { fields: null };
  if (p.grants.length === 0 || wide.size < p.grants.length) return null;
  return { fields: [...new Set(p.grants.flatMap((g) => g.fieldCodes))] };
}

async function wideGrants(db: Executor, p: Principal): Promise<Set<Grant>> {
  const wide = new Set<Grant>();
  for (const g of p.grants)
    if (g.role !== 'staff' && g.role !== 'admin' && (await leadsAllInside(db, g.scopePath))) wide.add(g);
  return wide;
}

async function leadsAllInside(db: Executor, scopePath: string): Promise<boolean> {
  const outside = await db
    .selectFrom('units as u')
    .select('u.id')
    .where('u.path', 'not like', `${scopePath}%`)
    .where((eb) => eb.exists(eb.selectFrom('tasks').select('tasks.id').whereRef('tasks.lead_unit_id', '=', 'u.id')))
    .limit(1)
    .executeTakeFirst();
  return outside === undefined;
}

/**
 * The latest of the dates the statistics read: on every cut-off after it the task's category
 * stays the same (see migration 0007). Written as tasks_last_fact_idx is, so it is used.
 */
export const lastFactOn = () =>
  sql<string>`greatest(tasks.assigned_on, tasks.ended_on, tasks.confirmed_on, tasks.completed_on, tasks.original_deadline, tasks.deadline, tasks.first_extended_on, tasks.last_extended_on, tasks.lead_since)`;

/** The deadline as it stood on D (approved extensions up to D), in SQL: see domain/task-status. */
export function deadlineAsOf(asOf: Day) {
  return sql<string | null>`(case
    when tasks.first_extended_on is null or tasks.first_extended_on > ${asOf}::date then tasks.original_deadline
    when tasks.last_extended_on <= ${asOf}::date then tasks.deadline
    else (select dc.deadline from task_deadline_changes dc where dc.task_id = tasks.id and dc.effective_on <= ${asOf}::date order by dc.effective_on desc, dc.id desc limit 1)
  end)`;
}

/**
 * Whether the deadline or the lead unit as it stood on D must be looked up in the change
 * tables: an approved extension before D and another after it, or a change of lead unit
 * after D. Few tasks on any cut-off are "moving" so; for the others ("settled") both are
 * plain columns and the statistics read no change tables, so PostgreSQL scans in parallel.
 * Written to match the partial indexes tasks_extended_twice_idx and tasks_lead_changed_idx
 * (migration 0006), which find the moving ones without a scan; never null.
 */
export function movingOn(asOf: string) {
  const first = sql`coalesce(tasks.first_extended_on, '9999-12-31'::date)`;
  const last = sql`coalesce(tasks.last_extended_on, '9999-12-31'::date)`;
  return sql<boolean>`((${last} > ${first} and ${first} <= ${asOf}::date and ${last} > ${asOf}::date) or (tasks.lead_since > tasks.assigned_on and tasks.lead_since > ${asOf}::date))`;
}

export const settledOn = (asOf: string) => sql<boolean>`not ${movingOn(asOf)}`;

/**
 * Neither confirmed nor ended by D: implied by both open categories (in progress on time or
 * overdue), and written to match the index tasks_open_as_of_idx, so lists filtered on them
 * read the open tasks only instead of computing every task's category.
 */
export function openOn(asOf: Day) {
  return sql<boolean>`(coalesce(tasks.confirmed_on, '9999-12-31'::date) > ${asOf}::date and coalesce(tasks.ended_on, '9999-12-31'::date) > ${asOf}::date)`;
}

/**
 * statusAsOfSql(D) = 'in_progress_overdue' without the other categories' branches: counted on
 * D, still open on D, and the deadline as it stood on D already past.
 */
export function overdueOn(asOf: Day) {
  // Open on D as openOn says, but not in the form tasks_open_as_of_idx answers: with that the
  // planner read the ~12,000 open tasks' rows, not mayBeOverdueOn's index entries.
  const open = sql`(tasks.confirmed_on is null or tasks.confirmed_on > ${asOf}::date) and (tasks.ended_on is null or tasks.ended_on > ${asOf}::date)`;
  return sql<SqlBool>`(tasks.assigned_on <= ${asOf}::date and ${open} and ${deadlineAsOf(asOf)} < ${asOf}::date)`;
}

/**
 * Disjoint sets whose union holds every task overdue on D, each answered by an index
 * (migration 0009), so the list reads ~2,400 index entries of 10⁶ tasks instead of the ~12,000
 * tasks open on the day:
 * - open now (neither confirmed nor ended) and the earlier of the original and the current
 *   deadline before D: the deadline on D is one of those two unless the task was extended both
 *   before and after D (tasks_open_now_idx, which also carries what the list reads, so these are
 *   judged without reading the tasks);
 * - confirmed or ended after D (tasks_closed_on_idx; none when D is today);
 * - open now, extended on or before D and again after it, and not in the first set: its deadline
 *   on D lies between two extensions, before D only if an extension had moved it earlier, which
 *   the commands refuse but the list does not assume (tasks_extended_twice_idx).
 */
export function mayBeOverdueOn(asOf: Day): Expression<SqlBool>[] {
  const openNow = sql`tasks.confirmed_on is null and tasks.ended_on is null`;
  const earlierDeadline = sql`least(tasks.original_deadline, tasks.deadline)`;
  const last = sql`coalesce(tasks.last_extended_on, '9999-12-31'::date)`;
  return [
    sql<SqlBool>`(${openNow} and ${earlierDeadline} < ${asOf}::date)`,
    sql<SqlBool>`least(tasks.confirmed_on, tasks.ended_on) > ${asOf}::date`,
    sql<SqlBool>`(${last} > coalesce(tasks.first_extended_on, '9999-12-31'::date) and ${last} > ${asOf}::date and tasks.first_extended_on <= ${asOf}::date
      and ${openNow} and coalesce(${earlierDeadline}, ${asOf}::date) >= ${asOf}::date)`,
  ];
}

/**
 * Disjoint sets whose union holds every task whose deadline on D falls in [from, to], each an
 * index range: the original deadline in it; else the current one in it; else extended on or
 * before D and again after it (its deadline on D lies between two extensions). Without them a
 * list filtered on a month of deadlines walked the deadline index from its start (~0.5 s on 10⁶).
 */
export function mayBeDueOn(asOf: Day, from: Day | undefined, to: Day | undefined): Expression<SqlBool>[] {
  const within = (column: Expression<unknown>) =>
    sql<boolean>`${column} between ${from ?? sql`'0001-01-01'`}::date and ${to ?? sql`'9999-12-30'`}::date`;
  const original = within(sql`tasks.original_deadline`);
  const current = within(sql`coalesce(tasks.deadline, '9999-12-31'::date)`);
  const last = sql`coalesce(tasks.last_extended_on, '9999-12-31'::date)`;
  // Each written as its index is; the negations null-safe (no original deadline: not in range).
  return [
    sql<SqlBool>`${original}`,
    sql<SqlBool>`(${current} and not coalesce(${original}, false))`,
    sql<SqlBool>`(${last} > coalesce(tasks.first_extended_on, '9999-12-31'::date) and ${last} > ${asOf}::date and tasks.first_extended_on <= ${asOf}::date
      and not coalesce(${original}, false) and not ${current})`,
  ];
}

/**
 * A superset of the tasks whose deadline as of any date falls in [from, to], written so the
 * indexes answer it: that deadline is the original one, the last one, or (for the few tasks
 * extended twice) one in between. Added beside the exact condition on deadlineAsOf, it lets
 * a "due in the period" review read the tasks due around the period instead of every task.
 */
export function mayBeDueWithin(from: Day | undefined, to: Day | undefined) {
  const within = (column: Expression<unknown>) =>
    sql<boolean>`${column} between ${from ?? '0001-01-01'}::date and ${to ?? '9999-12-30'}::date`;
  return sql<boolean>`(${within(sql`tasks.original_deadline`)} or ${within(sql`coalesce(tasks.deadline, '9999-12-31'::date)`)}
    or coalesce(tasks.last_extended_on, '9999-12-31'::date) > coalesce(tasks.first_extended_on, '9999-12-31'::date))`;
}

/** deadlineAsOf for a task settled on D (see settledOn): no lookup of the changes needed. */
export function settledDeadlineAsOf(asOf: string) {
  return sql<
    string | null
  >`(case when tasks.first_extended_on is null or tasks.first_extended_on > ${asOf}::date then tasks.original_deadline else tasks.deadline end)`;
}

/** The lead unit as it stood on D. */
export function leadAsOf(asOf: string) {
  return sql<number>`(case
    when tasks.lead_since <= ${asOf}::date then tasks.lead_unit_id
    else coalesce(
      (select lc.to_unit_id from task_lead_changes lc where lc.task_id = tasks.id and lc.effective_on <= ${asOf}::date order by lc.effective_on desc, lc.id desc limit 1),
      (select lc.from_unit_id from task_lead_changes lc where lc.task_id = tasks.id order by lc.effective_on, lc.id limit 1))
  end)`;
}

/**
 * The extension rule (DESIGN.md §4) as the settings hold it, read inside the query that needs
 * it: one round trip less per list request than reading the setting first, and never stale.
 */
export const storedExtensionRule = () =>
  sql<boolean>`coalesce((select (s.value->>'extensionCountsAsOnTime')::boolean from settings s where s.key = 'status_rules'), ${sql.lit(DEFAULT_STATUS_RULES.extensionCountsAsOnTime)})`;

/**
 * The day a deadline ends under the published setting (domain/task-status deadlineEnds): itself,
 * or under the Civil Code art. 148 reading the next working day when it falls on a non-working
 * day, looked up in deadline_shifts (kept by refresh_deadline_shifts from the holiday table).
 */
export function deadlineEndsSql(deadline: Expression<string | null>, nextWorkingDay: boolean) {
  if (!nextWorkingDay) return deadline;
  return sql<
    string | null
  >`coalesce((select ds.working_day from deadline_shifts ds where ds.day = ${deadline}), ${deadline})`;
}

/** The status category on D (null when the task does not count on D): see domain/task-status. */
export function statusAsOfSql(
  asOf: Day,
  extensionCountsAsOnTime: boolean | Expression<boolean>,
  nextWorkingDay = false,
) {
  const ends = (d: Expression<string | null>) => deadlineEndsSql(d, nextWorkingDay);
  const judged = ends(
    typeof extensionCountsAsOnTime === 'boolean'
      ? extensionCountsAsOnTime
        ? deadlineAsOf(asOf)
        : sql<string | null>`tasks.original_deadline`
      : sql<
          string | null
        >`(case when ${extensionCountsAsOnTime} then ${deadlineAsOf(asOf)} else tasks.original_deadline end)`,
  );
  const deadline = ends(deadlineAsOf(asOf));
  return sql<string | null>`(case
    when tasks.assigned_on > ${asOf}::date or (tasks.ended_on is not null and tasks.ended_on <= ${asOf}::date) then null
    when tasks.confirmed_on is not null and tasks.confirmed_on <= ${asOf}::date then
      (case when ${judged} is null or tasks.completed_on <= ${judged} then 'completed_on_time' else 'completed_late' end)
    when ${deadline} is null or ${deadline} >= ${asOf}::date then 'in_progress_on_time'
    else 'in_progress_overdue'
  end)`;
}
