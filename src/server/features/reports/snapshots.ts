import { visibleTaskIds } from '../tasks/queries.js';
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/connection.js';
import type { Principal } from '../../domain/access.js';
import { Conflict, notAllowed, notFound } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { getStatusRules } from '../settings/service.js';
import { canIssue, mayReadScope } from './access.js';
import { keyString, reviewTaskRows, taskBriefs, type ReviewTaskRow } from './queries.js';
import { presentCounts, sumTasks, taskCountsIn, unitRollup, type Measure } from './review-rows.js';
import { buildReview, resolveReview, type ResolvedReview, type Review, type ReviewQuery } from './review.js';

const CHUNK = 5000;
const BEHIND_LIMIT = 500;

/** The counted tasks of a review with their row keys (units rolled up as the review rows are). */
export async function reviewTasks(
  ctx: AppContext,
  p: Principal | null,
  resolved: ResolvedReview,
): Promise<{ rows: ReviewTaskRow[]; asOf: string }> {
  const rules = await getStatusRules(ctx.db);
  const rows = await reviewTaskRows(ctx.db, p, resolved.params.groupBy, resolved.scope, rules);
  const rollup = resolved.params.groupBy === 'lead_unit' ? await unitRollup(ctx.db, resolved.scope.unitId) : null;
  return {
    rows: rows.map((r) => ({ ...r, key: rollup ? rollup.rowKey(r.key) : keyString(r.key) })),
    asOf: resolved.scope.asOf,
  };
}

/** The tasks behind one number: a row (or 'total') and a measure. */
export async function tasksBehind(
  db: Db,
  rows: Pick<ReviewTaskRow, 'id' | 'key' | 'status' | 'is_due' | 'ext_asked' | 'ext_granted'>[],
  key: string,
  measure: Measure,
  asOf: string,
) {
  const ids = rows
    .filter((r) => (key === 'total' || String(r.key) === key) && taskCountsIn(r, measure))
    .map((r) => r.id);
  return { key, measure, asOf, total: ids.length, ids, items: await taskBriefs(db, ids.slice(0, BEHIND_LIMIT), asOf) };
}

/**
 * Issues a review: freezes its numbers and the task ids behind each of them, in one
 * repeatable-read transaction so the numbers and the ids come from the same state.
 */
export async function issueReport(ctx: AppContext, p: Principal, q: ReviewQuery, title: string | undefined) {
  return ctx.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`set local jit = off`.execute(trx);
      const tctx = { ...ctx, db: trx };
      const resolved = await resolveReview(tctx, p, q);
      if (!(await canIssue(trx, p, resolved.scope.unitId))) throw notAllowed();
      const marks = await sql<{
        e: number | null;
        a: number | null;
      }>`select (select max(id) from task_events)::bigint as e, (select max(id) from audit_log)::bigint as a`.execute(
        trx,
      );
      const review = await buildReview(tctx, p, resolved);
      const { rows } = await reviewTasks(tctx, p, resolved);
      assertSameNumbers(review, rows);
      const snapshotTitle = title ?? review.title.vi;
      const { id } = await trx
        .insertInto('report_snapshots')
        .values({
          title: snapshotTitle,
          params: JSON.stringify(resolved.params),
          as_of: review.asOf,
          period_start: review.period.start,
          period_end: review.period.end,
          data: JSON.stringify(review),
          last_event_id: Number(marks.rows[0]?.e ?? 0),
          last_audit_id: Number(marks.rows[0]?.a ?? 0),
          issued_by: p.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (let i = 0; i < rows.length; i += CHUNK) {
        const part = rows.slice(i, i + CHUNK);
        await sql`insert into report_snapshot_tasks (snapshot_id, task_id, group_key, status, is_due, ext_asked, ext_granted)
        select ${id}::int, * from unnest(${part.map((r) => r.id)}::int[], ${part.map((r) => String(r.key))}::text[], ${part.map((r) => r.status)}::text[],
          ${part.map((r) => r.is_due)}::boolean[], ${part.map((r) => r.ext_asked)}::int[], ${part.map((r) => r.ext_granted)}::int[])`.execute(
          trx,
        );
      }
      await appendAudit(trx, {
        actorUserId: p.userId,
        action: 'report_issued',
        entity: 'report',
        entityId: id,
        data: { title: snapshotTitle, asOf: review.asOf, tasks: rows.length },
      });
      return { id, title: snapshotTitle, issuedAt: new Date().toISOString(), review };
    });
}

/** The ids are summed back and must give the numbers they stand behind. */
function assertSameNumbers(review: Review, rows: ReviewTaskRow[]): void {
  const sums = sumTasks(rows, (k) => String(k));
  for (const r of review.rows) {
    const c = sums.get(r.key);
    const fromIds = c ? presentCounts(c) : null;
    if (
      !fromIds ||
      fromIds.assigned !== r.assigned ||
      fromIds.overdue !== r.overdue ||
      fromIds.onTime !== r.onTime ||
      fromIds.extAsked !== r.extAsked
    ) {
      throw new Conflict({
        vi: 'Số liệu thay đổi trong khi ban hành, vui lòng thử lại.',
        en: 'The figures changed while issuing; please try again.',
      });
    }
  }
}

export async function loadSnapshot(ctx: AppContext, p: Principal, id: number) {
  const snap = await ctx.db
    .selectFrom('report_snapshots as s')
    .leftJoin('users as u', 'u.id', 's.issued_by')
    .selectAll('s')
    .select('u.full_name as issued_by_name')
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!snap) throw notFound({ vi: 'báo cáo', en: 'Report' }, id);
  // Whoever may run the same review may read it; otherwise it does not exist for them.
  const params = snap.params as unknown as ReviewQuery;
  if (!(await mayReadScope(ctx.db, p, params.unitId))) throw notFound({ vi: 'báo cáo', en: 'Report' }, id);
  return { ...snap, params };
}

export async function getSnapshot(ctx: AppContext, p: Principal, id: number) {
  const snap = await loadSnapshot(ctx, p, id);
  return {
    id: snap.id,
    title: snap.title,
    asOf: snap.as_of,
    issuedAt: snap.issued_at,
    issuedBy: snap.issued_by ? { id: snap.issued_by, name: snap.issued_by_name } : null,
    params: snap.params,
    review: snap.data as unknown as Review,
  };
}

export async function listSnapshots(ctx: AppContext, p: Principal) {
  const rows = await ctx.db
    .selectFrom('report_snapshots as s')
    .leftJoin('users as u', 'u.id', 's.issued_by')
    .select([
      's.id',
      's.title',
      's.as_of',
      's.period_start',
      's.period_end',
      's.issued_at',
      's.params',
      'u.full_name as issued_by_name',
    ])
    .orderBy('s.issued_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(200)
    .execute();
  const visible = [];
  for (const r of rows) {
    if (await mayReadScope(ctx.db, p, (r.params as unknown as ReviewQuery).unitId))
      visible.push({
        id: r.id,
        title: r.title,
        asOf: r.as_of,
        periodStart: r.period_start,
        periodEnd: r.period_end,
        issuedAt: r.issued_at,
        issuedBy: r.issued_by_name,
      });
  }
  return { items: visible };
}

export async function snapshotTasksBehind(ctx: AppContext, p: Principal, id: number, key: string, measure: Measure) {
  const snap = await loadSnapshot(ctx, p, id);
  const rows = await ctx.db
    .selectFrom('report_snapshot_tasks')
    .select(['task_id as id', 'group_key as key', 'status', 'is_due', 'ext_asked', 'ext_granted'])
    .where('snapshot_id', '=', id)
    .execute();
  // The numbers are the issuer's; the tasks behind them are shown only as far as the reader sees.
  const visible = await visibleTaskIds(
    ctx.db,
    p,
    rows.map((r) => r.id),
  );
  return tasksBehind(
    ctx.db,
    rows.filter((r) => visible.has(r.id)),
    key,
    measure,
    snap.as_of,
  );
}
