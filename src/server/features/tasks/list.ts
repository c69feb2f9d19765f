import { sql, type Expression, type SqlBool } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/connection.js';
import type { Principal } from '../../domain/access.js';
import { likePattern } from '../../domain/text.js';
import { BadRequest } from '../../errors.js';
import { presentSummaries, type SummaryRow } from './presenter.js';
import { deadlineAsOf, openOn, statusAsOfSql, storedExtensionRule, visibleTo } from './queries.js';
import type { TaskListQuery } from './schema.js';

const FAR_FUTURE = '9999-12-31';

interface Cursor {
  id: number;
  d?: string;
}

/**
 * The filtered, keyset-paged task list (DESIGN.md §2; the task list screen and the API).
 * Lists of the open categories (in progress on time, overdue) read the tasks open on the day
 * and sort what their filters keep (the overdue list ~2,000 of 10⁶ tasks): for them the page's
 * ids are picked from `tasks` alone first and only those 51 rows are joined and presented. The
 * other lists walk an index in the order they show and stop at 51 rows, where that detour
 * costs more than it saves (both measured in docs/performance.md).
 */
export async function listTasks(ctx: AppContext, p: Principal, query: TaskListQuery) {
  const asOf = query.asOf ?? ctx.clock.today();
  const status = statusAsOfSql(asOf, storedExtensionRule());
  const { by, direction } = ORDER[query.sort];
  const conditions = filterConditions(query, asOf, status);
  const keyset = keysetCondition(query.sort, decodeCursor(query.cursor));
  if (keyset) conditions.push(keyset);
  const orderTerms = by === 'deadline' ? [sortKey, sql`tasks.id`] : [sql`tasks.id`];
  const db = datesShapeThePlan(query) ? ctx.db : ctx.preparedDb;
  let qb = baseSelect(db, asOf, status);
  if (query.status === 'in_progress_on_time' || query.status === 'in_progress_overdue') {
    let pick = db.selectFrom('tasks').where(visibleTo(p)).leftJoin('documents as d', 'd.id', 'tasks.document_id').select('tasks.id');
    for (const c of conditions) pick = pick.where(c);
    for (const term of orderTerms) pick = pick.orderBy(term, direction);
    qb = qb.where('tasks.id', 'in', pick.limit(query.limit + 1));
  } else {
    qb = qb.where(visibleTo(p));
    for (const c of conditions) qb = qb.where(c);
    qb = qb.limit(query.limit + 1);
  }
  for (const term of orderTerms) qb = qb.orderBy(term, direction);
  const rows = (await qb.execute()) as SummaryRow[];
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > query.limit && last ? encodeCursor(query.sort, last) : null;
  return { asOf, items: presentSummaries(page, asOf), nextCursor };
}

/**
 * Filters that compare dates with the tasks' dates (the status on a day, deadline or
 * assignment ranges): how many tasks they keep, hence the best plan, depends on the dates
 * asked. Such lists are planned for their values on each request; the others reuse one
 * generic plan per connection (ctx.preparedDb), planning being most of their cost. A generic
 * plan for the overdue list's last page measured 260 ms against 44 ms planned for its date.
 */
export function datesShapeThePlan(q: TaskListQuery): boolean {
  return q.status !== undefined || q.counted === true || !!(q.deadlineFrom || q.deadlineTo || q.assignedFrom || q.assignedTo);
}

export function baseSelect(db: Db, asOf: string, status: ReturnType<typeof statusAsOfSql>) {
  return db
    .selectFrom('tasks')
    .innerJoin('units as au', 'au.id', 'tasks.assigner_unit_id')
    .innerJoin('units as lu', 'lu.id', 'tasks.lead_unit_id')
    .leftJoin('documents as d', 'd.id', 'tasks.document_id')
    .select([
      'tasks.id', 'tasks.content', 'tasks.document_id', 'd.number_symbol as document_number', 'tasks.assigner_unit_id', 'au.code as assigner_code', 'au.name as assigner_name',
      'tasks.lead_unit_id', 'lu.code as lead_code', 'lu.name as lead_name', 'tasks.field_code', 'tasks.is_key', 'tasks.deadline_kind', 'tasks.deadline', 'tasks.original_deadline',
      'tasks.assigned_on', 'tasks.state', 'tasks.progress', 'tasks.version', 'tasks.parent_id', 'tasks.period_label', 'tasks.extension_count', 'tasks.urge_count', 'tasks.last_progress_on',
      'tasks.assignee_user_id', 'tasks.completed_on',
    ])
    .select((eb) => [
      status.as('status'),
      deadlineAsOf(asOf).as('deadline_as_of'),
      jsonArrayFrom(
        eb.selectFrom('task_coordinators as c').innerJoin('units as cu', 'cu.id', 'c.unit_id').select(['cu.id', 'cu.code', 'cu.name']).whereRef('c.task_id', '=', 'tasks.id').orderBy('cu.code'),
      ).as('coordinating_units'),
    ]);
}

/** The list's filters as conditions on `tasks` (and `d`, its document, for the text search). */
function filterConditions(f: TaskListQuery, asOf: string, status: ReturnType<typeof statusAsOfSql>): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = [];
  if (f.unitId !== undefined) {
    const units = f.subtree ? sql<number>`(select id from units where path like (select path from units where id = ${f.unitId}) || '%')` : sql<number>`(select ${f.unitId}::int)`;
    const leading = sql<SqlBool>`tasks.lead_unit_id in ${units}`;
    const coordinating = sql<SqlBool>`exists (select 1 from task_coordinators tc where tc.task_id = tasks.id and tc.unit_id in ${units})`;
    c.push(f.role === 'lead' ? leading : f.role === 'coordinating' ? coordinating : sql<SqlBool>`(${leading} or ${coordinating})`);
  }
  if (f.fieldCode) c.push(sql<SqlBool>`tasks.field_code = ${f.fieldCode}`);
  if (f.authorityId) c.push(sql<SqlBool>`tasks.assigner_unit_id = ${f.authorityId}`);
  if (f.documentId) c.push(sql<SqlBool>`tasks.document_id = ${f.documentId}`);
  if (f.parentId) c.push(sql<SqlBool>`tasks.parent_id = ${f.parentId}`);
  if (f.topLevel === true) c.push(sql<SqlBool>`tasks.parent_id is null`);
  if (f.state) c.push(sql<SqlBool>`tasks.state = ${f.state}`);
  if (f.status) c.push(sql<SqlBool>`${status} = ${f.status}`);
  if (f.status === 'in_progress_on_time' || f.status === 'in_progress_overdue') c.push(openOn(asOf));
  if (f.counted === true) c.push(sql<SqlBool>`${status} is not null`);
  if (f.deadlineFrom) c.push(sql<SqlBool>`${deadlineAsOf(asOf)} >= ${f.deadlineFrom}::date`);
  if (f.deadlineTo) c.push(sql<SqlBool>`${deadlineAsOf(asOf)} <= ${f.deadlineTo}::date`);
  if (f.assignedFrom) c.push(sql<SqlBool>`tasks.assigned_on >= ${f.assignedFrom}::date`);
  if (f.assignedTo) c.push(sql<SqlBool>`tasks.assigned_on <= ${f.assignedTo}::date`);
  if (f.q) c.push(sql<SqlBool>`(tasks.search_text like ${likePattern(f.q)} or d.search_text like ${likePattern(f.q)})`);
  return c;
}

const ORDER: Record<TaskListQuery['sort'], { by: 'id' | 'deadline'; direction: 'asc' | 'desc' }> = {
  '-id': { by: 'id', direction: 'desc' },
  id: { by: 'id', direction: 'asc' },
  deadline: { by: 'deadline', direction: 'asc' },
  '-deadline': { by: 'deadline', direction: 'desc' },
};

const sortKey = sql<string>`coalesce(tasks.deadline, ${FAR_FUTURE}::date)`;

/** Rows after the cursor, in the list's order. */
function keysetCondition(sort: TaskListQuery['sort'], cursor: Cursor | null): Expression<SqlBool> | null {
  if (!cursor) return null;
  switch (sort) {
    case '-id':
      return sql<SqlBool>`tasks.id < ${cursor.id}`;
    case 'id':
      return sql<SqlBool>`tasks.id > ${cursor.id}`;
    case 'deadline':
      return sql<SqlBool>`(${sortKey}, tasks.id) > (${cursor.d}::date, ${cursor.id})`;
    case '-deadline':
      return sql<SqlBool>`(${sortKey}, tasks.id) < (${cursor.d}::date, ${cursor.id})`;
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
    if (!Number.isInteger(c.id) || (c.d !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(c.d))) throw new Error('bad cursor');
    return c;
  } catch {
    throw new BadRequest({ vi: 'Con trỏ phân trang không hợp lệ.', en: 'Invalid pagination cursor.' }, 'cursor');
  }
}

