import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { AppContext } from '../../context.js';
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

/** The filtered, keyset-paged task list (DESIGN.md §2; the task list screen and the API). */
export async function listTasks(ctx: AppContext, p: Principal, query: TaskListQuery) {
  const asOf = query.asOf ?? ctx.clock.today();
  const status = statusAsOfSql(asOf, storedExtensionRule());
  let qb = baseSelect(ctx, asOf, status).where(visibleTo(p));
  qb = applyFilters(qb, query, asOf, status);
  qb = applyKeyset(qb, query.sort, decodeCursor(query.cursor));
  const rows = (await qb.limit(query.limit + 1).execute()) as SummaryRow[];
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > query.limit && last ? encodeCursor(query.sort, last) : null;
  return { asOf, items: presentSummaries(page, asOf), nextCursor };
}

export function baseSelect(ctx: AppContext, asOf: string, status: ReturnType<typeof statusAsOfSql>) {
  return ctx.db
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

type ListQb = ReturnType<typeof baseSelect>;

function applyFilters(qb: ListQb, f: TaskListQuery, asOf: string, status: ReturnType<typeof statusAsOfSql>): ListQb {
  if (f.unitId !== undefined) {
    const units = f.subtree ? sql<number>`(select id from units where path like (select path from units where id = ${f.unitId}) || '%')` : sql<number>`(select ${f.unitId}::int)`;
    const coordinating = sql<boolean>`exists (select 1 from task_coordinators tc where tc.task_id = tasks.id and tc.unit_id in ${units})`;
    if (f.role === 'lead') qb = qb.where('tasks.lead_unit_id', 'in', units);
    else if (f.role === 'coordinating') qb = qb.where(coordinating);
    else qb = qb.where((eb) => eb.or([eb('tasks.lead_unit_id', 'in', units), coordinating]));
  }
  if (f.fieldCode) qb = qb.where('tasks.field_code', '=', f.fieldCode);
  if (f.authorityId) qb = qb.where('tasks.assigner_unit_id', '=', f.authorityId);
  if (f.documentId) qb = qb.where('tasks.document_id', '=', f.documentId);
  if (f.parentId) qb = qb.where('tasks.parent_id', '=', f.parentId);
  if (f.topLevel === true) qb = qb.where('tasks.parent_id', 'is', null);
  if (f.state) qb = qb.where('tasks.state', '=', f.state);
  if (f.status) qb = qb.where(status, '=', f.status);
  if (f.status === 'in_progress_on_time' || f.status === 'in_progress_overdue') qb = qb.where(openOn(asOf));
  if (f.counted === true) qb = qb.where(status, 'is not', null);
  if (f.deadlineFrom) qb = qb.where(deadlineAsOf(asOf), '>=', f.deadlineFrom);
  if (f.deadlineTo) qb = qb.where(deadlineAsOf(asOf), '<=', f.deadlineTo);
  if (f.assignedFrom) qb = qb.where('tasks.assigned_on', '>=', f.assignedFrom);
  if (f.assignedTo) qb = qb.where('tasks.assigned_on', '<=', f.assignedTo);
  if (f.q) qb = qb.where((eb) => eb.or([eb('tasks.search_text', 'like', likePattern(f.q!)), eb('d.search_text', 'like', likePattern(f.q!))]));
  return qb;
}

const sortKey = sql<string>`coalesce(tasks.deadline, ${FAR_FUTURE}::date)`;

function applyKeyset(qb: ListQb, sort: TaskListQuery['sort'], cursor: Cursor | null): ListQb {
  switch (sort) {
    case '-id':
      return (cursor ? qb.where('tasks.id', '<', cursor.id) : qb).orderBy('tasks.id', 'desc');
    case 'id':
      return (cursor ? qb.where('tasks.id', '>', cursor.id) : qb).orderBy('tasks.id', 'asc');
    case 'deadline':
      return (cursor ? qb.where(sql<boolean>`(${sortKey}, tasks.id) > (${cursor.d}::date, ${cursor.id})`) : qb).orderBy(sortKey, 'asc').orderBy('tasks.id', 'asc');
    case '-deadline':
      return (cursor ? qb.where(sql<boolean>`(${sortKey}, tasks.id) < (${cursor.d}::date, ${cursor.id})`) : qb).orderBy(sortKey, 'desc').orderBy('tasks.id', 'desc');
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

