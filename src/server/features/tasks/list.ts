import { sql, type Expression, type SqlBool } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/connection.js';
import type { Principal } from '../../domain/access.js';
import { likePattern } from '../../domain/text.js';
import { BadRequest } from '../../errors.js';
import { presentSummaries, type SummaryRow } from './presenter.js';
import {
  deadlineAsOf,
  mayBeDueOn,
  mayBeOverdueOn,
  openOn,
  overdueOn,
  statusAsOfSql,
  storedExtensionRule,
  visibleTo,
  type Day,
} from './queries.js';
import type { TaskListQuery } from './schema.js';

const FAR_FUTURE = '9999-12-31';

interface Cursor {
  id: number;
  d?: string;
}

/**
 * The filtered, keyset-paged task list (DESIGN.md §2; the task list screen and the API).
 * Lists whose tasks are few and found by other indexes than their order's (overdue, in progress
 * on time, a range of deadlines: candidateSets) read those index ranges, sort what their
 * filters keep and pick the page's ids from `tasks` alone; only those 51 rows are joined and
 * presented. The overdue list reads ~2,400 index entries of 10⁶ tasks today instead of every
 * open task (~12,000). The other lists walk an index in the order they show and stop at 51
 * rows, where that detour costs more than it saves (measured in docs/performance.md).
 */
export async function listTasks(ctx: AppContext, p: Principal, query: TaskListQuery) {
  const asOf = query.asOf ?? ctx.clock.today();
  const day = dayIn(asOf);
  const status = statusAsOfSql(day, storedExtensionRule());
  const { by, direction } = ORDER[query.sort];
  const conditions = filterConditions(query, day, status);
  const cursor = decodeCursor(query.cursor);
  // A literal too: a plan made for an unknown limit expects to read a tenth of the rows and
  // sorts them all rather than walk an index to the 51st (98 ms against 5 ms for a district).
  const pageLimit = sql.lit(query.limit + 1);
  const orderTerms = by === 'deadline' ? [sortKey, sql`tasks.id`] : [sql`tasks.id`];
  let qb;
  const sets = candidateSets(query, day);
  if (sets) {
    const keyset = keysetCondition(query.sort, cursor, { indexed: false });
    if (keyset) conditions.push(keyset);
    // Each set of candidates is one index's range; they are disjoint, and their union, sorted,
    // gives the page's ids.
    const picks = sets.map((set) => {
      let pick = ctx.preparedDb
        .selectFrom('tasks')
        .leftJoin('documents as d', 'd.id', 'tasks.document_id')
        .select(['tasks.id', sortKey.as('k')])
        .where(visibleTo(p))
        .where(set);
      for (const c of conditions) pick = pick.where(c);
      return pick;
    });
    let candidates = picks.reduce((union, pick) => union.unionAll(pick));
    candidates =
      by === 'deadline'
        ? candidates.orderBy('k', direction).orderBy('id', direction)
        : candidates.orderBy('id', direction);
    qb = baseSelect(ctx.preparedDb, day, status).where(
      'tasks.id',
      'in',
      ctx.preparedDb.selectFrom(candidates.limit(pageLimit).as('page')).select('page.id'),
    );
  } else {
    const keyset = keysetCondition(query.sort, cursor, { indexed: true });
    if (keyset) conditions.push(keyset);
    qb = baseSelect(ctx.preparedDb, day, status).where(visibleTo(p));
    for (const c of conditions) qb = qb.where(c);
    qb = qb.limit(pageLimit);
  }
  for (const term of orderTerms) qb = qb.orderBy(term, direction);
  const rows = (await qb.execute()) as SummaryRow[];
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > query.limit && last ? encodeCursor(query.sort, last) : null;
  return { asOf, items: presentSummaries(page, asOf), nextCursor };
}

/**
 * Where a list's tasks are few and another index than its order's finds them, the disjoint
 * sets (index ranges) that hold them all; null when the list walks an index in its order.
 */
function candidateSets(q: TaskListQuery, day: Expression<string>): Expression<SqlBool>[] | null {
  if (q.status === 'in_progress_overdue') return mayBeOverdueOn(day);
  if (q.deadlineFrom || q.deadlineTo)
    return mayBeDueOn(day, q.deadlineFrom && dayIn(q.deadlineFrom), q.deadlineTo && dayIn(q.deadlineTo));
  if (q.status === 'in_progress_on_time') return [openOn(day)];
  return null;
}

/**
 * A day written into the statement rather than sent as a parameter. The lists run on
 * ctx.preparedDb, which plans each statement text once and reuses that plan: how many tasks a
 * status or a date range keeps, hence the best plan, depends on the day, so the day must be in
 * the text (the overdue list's last page took 260 ms on a plan made without knowing its day,
 * 44 ms planned for it). A list asked for today is then planned once per connection and day.
 * The values are checked ISO dates and enumerations, and sql.lit quotes them anyway.
 */
const dayIn = (isoDate: string): Expression<string> => sql<string>`${sql.lit(isoDate)}`;

export function baseSelect(db: Db, asOf: Day, status: ReturnType<typeof statusAsOfSql>) {
  return db
    .selectFrom('tasks')
    .innerJoin('units as au', 'au.id', 'tasks.assigner_unit_id')
    .innerJoin('units as lu', 'lu.id', 'tasks.lead_unit_id')
    .leftJoin('documents as d', 'd.id', 'tasks.document_id')
    .select([
      'tasks.id',
      'tasks.content',
      'tasks.document_id',
      'd.number_symbol as document_number',
      'tasks.assigner_unit_id',
      'au.code as assigner_code',
      'au.name as assigner_name',
      'tasks.lead_unit_id',
      'lu.code as lead_code',
      'lu.name as lead_name',
      'tasks.field_code',
      'tasks.is_key',
      'tasks.deadline_kind',
      'tasks.deadline',
      'tasks.original_deadline',
      'tasks.assigned_on',
      'tasks.state',
      'tasks.progress',
      'tasks.version',
      'tasks.parent_id',
      'tasks.period_label',
      'tasks.extension_count',
      'tasks.urge_count',
      'tasks.last_progress_on',
      'tasks.assignee_user_id',
      'tasks.completed_on',
    ])
    .select((eb) => [
      status.as('status'),
      deadlineAsOf(asOf).as('deadline_as_of'),
      jsonArrayFrom(
        eb
          .selectFrom('task_coordinators as c')
          .innerJoin('units as cu', 'cu.id', 'c.unit_id')
          .select(['cu.id', 'cu.code', 'cu.name'])
          .whereRef('c.task_id', '=', 'tasks.id')
          .orderBy('cu.code'),
      ).as('coordinating_units'),
    ]);
}

/** The list's filters as conditions on `tasks` (and `d`, its document, for the text search). */
function filterConditions(
  f: TaskListQuery,
  asOf: Expression<string>,
  status: ReturnType<typeof statusAsOfSql>,
): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = [];
  if (f.unitId !== undefined) {
    // The unit is written into the statement: whether to walk the list's order or read the
    // unit's tasks and sort them depends on how many it has (95 ms against 5 ms for a district).
    const unit = sql.lit(f.unitId);
    const units = f.subtree
      ? sql<number>`(select id from units where path like (select path from units where id = ${unit}) || '%')`
      : sql<number>`(select ${unit}::int)`;
    const leading = sql<SqlBool>`tasks.lead_unit_id in ${units}`;
    const coordinating = sql<SqlBool>`exists (select 1 from task_coordinators tc where tc.task_id = tasks.id and tc.unit_id in ${units})`;
    c.push(
      f.role === 'lead'
        ? leading
        : f.role === 'coordinating'
          ? coordinating
          : sql<SqlBool>`(${leading} or ${coordinating})`,
    );
  }
  if (f.fieldCode) c.push(sql<SqlBool>`tasks.field_code = ${f.fieldCode}`);
  if (f.authorityId) c.push(sql<SqlBool>`tasks.assigner_unit_id = ${sql.lit(f.authorityId)}`);
  if (f.documentId) c.push(sql<SqlBool>`tasks.document_id = ${f.documentId}`);
  if (f.parentId) c.push(sql<SqlBool>`tasks.parent_id = ${f.parentId}`);
  if (f.topLevel === true) c.push(sql<SqlBool>`tasks.parent_id is null`);
  if (f.state) c.push(sql<SqlBool>`tasks.state = ${sql.lit(f.state)}`);
  if (f.status === 'in_progress_overdue') c.push(overdueOn(asOf));
  else if (f.status) c.push(sql<SqlBool>`${status} = ${sql.lit(f.status)}`);
  if (f.counted === true) c.push(sql<SqlBool>`${status} is not null`);
  if (f.deadlineFrom) c.push(sql<SqlBool>`${deadlineAsOf(asOf)} >= ${dayIn(f.deadlineFrom)}::date`);
  if (f.deadlineTo) c.push(sql<SqlBool>`${deadlineAsOf(asOf)} <= ${dayIn(f.deadlineTo)}::date`);
  if (f.assignedFrom) c.push(sql<SqlBool>`tasks.assigned_on >= ${dayIn(f.assignedFrom)}::date`);
  if (f.assignedTo) c.push(sql<SqlBool>`tasks.assigned_on <= ${dayIn(f.assignedTo)}::date`);
  if (f.q) c.push(sql<SqlBool>`(tasks.search_text like ${likePattern(f.q)} or d.search_text like ${likePattern(f.q)})`);
  return c;
}

const ORDER: Record<TaskListQuery['sort'], { by: 'id' | 'deadline'; direction: 'asc' | 'desc' }> = {
  '-id': { by: 'id', direction: 'desc' },
  id: { by: 'id', direction: 'asc' },
  deadline: { by: 'deadline', direction: 'asc' },
  '-deadline': { by: 'deadline', direction: 'desc' },
};

// Written as tasks_deadline_idx is (a literal, not a parameter), so the index gives the order.
const sortKey = sql<string>`coalesce(tasks.deadline, ${sql.lit(FAR_FUTURE)}::date)`;

/**
 * Rows after the cursor, in the list's order. `indexed: false` writes it so no index answers
 * it (`+ 0`): where the candidates come from other indexes (the open categories), a plan made
 * without the cursor's value otherwise intersected them with the ~900,000 ids below it (30 ms).
 */
function keysetCondition(
  sort: TaskListQuery['sort'],
  cursor: Cursor | null,
  o: { indexed: boolean },
): Expression<SqlBool> | null {
  if (!cursor) return null;
  const id = o.indexed ? sql`tasks.id` : sql`(tasks.id + 0)`;
  const key = o.indexed ? sortKey : sql`(${sortKey} + 0)`;
  switch (sort) {
    case '-id':
      return sql<SqlBool>`${id} < ${cursor.id}`;
    case 'id':
      return sql<SqlBool>`${id} > ${cursor.id}`;
    case 'deadline':
      return sql<SqlBool>`(${key}, ${id}) > (${cursor.d}::date, ${cursor.id})`;
    case '-deadline':
      return sql<SqlBool>`(${key}, ${id}) < (${cursor.d}::date, ${cursor.id})`;
  }
}

function encodeCursor(sort: TaskListQuery['sort'], last: SummaryRow): string {
  const cursor: Cursor = sort.endsWith('deadline') ? { id: last.id, d: last.deadline ?? FAR_FUTURE } : { id: last.id };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (!Number.isInteger(c.id) || (c.d !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(c.d)))
      throw new Error('bad cursor');
    return c;
  } catch {
    throw new BadRequest({ vi: 'Con trỏ phân trang không hợp lệ.', en: 'Invalid pagination cursor.' }, 'cursor');
  }
}
