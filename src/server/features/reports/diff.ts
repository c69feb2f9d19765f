import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
import { loadGrants } from '../auth/queries.js';
import type { ReviewTaskRow } from './queries.js';
import { MEASURES } from './review-rows.js';
import { buildReview, resolveReview, type Review } from './review.js';
import { loadSnapshot, reviewTasks } from './snapshots.js';

const DETAIL_LIMIT = 500;

type FrozenTask = Omit<ReviewTaskRow, 'key'> & { key: string };

/**
 * Recomputes an issued report for the same cut-off and names what differs: the numbers, the
 * tasks counted differently, and the records changed after the report was frozen (task events
 * and audit rows after the last ones the issue saw), with who changed them. The recomputation
 * sees what the issuer sees, so a reader with a narrower view gets the same comparison.
 */
export async function diffSnapshot(ctx: AppContext, p: Principal, id: number) {
  const snap = await loadSnapshot(ctx, p, id);
  const resolved = await resolveReview(ctx, p, snap.params);
  const issuer: Principal | null = snap.issued_by
    ? { userId: snap.issued_by, unitId: 0, grants: await loadGrants(ctx.db, snap.issued_by) }
    : null;
  const [now, { rows: nowRows }] = [await buildReview(ctx, issuer, resolved), await reviewTasks(ctx, issuer, resolved)];
  const frozenRows = await ctx.db
    .selectFrom('report_snapshot_tasks')
    .select(['task_id as id', 'group_key as key', 'status', 'is_due', 'ext_asked', 'ext_granted'])
    .where('snapshot_id', '=', id)
    .execute();
  const before = snap.data as unknown as Review;

  const changedTasks = compareTasks(
    frozenRows,
    nowRows.map((r) => ({ ...r, key: String(r.key) })),
  );
  const detailIds = changedTasks.slice(0, DETAIL_LIMIT).map((c) => c.taskId);
  const changes = await changesAfter(ctx, detailIds, Number(snap.last_event_id), Number(snap.last_audit_id));
  const briefs = detailIds.length
    ? await ctx.db.selectFrom('tasks').select(['id', 'content']).where('id', 'in', detailIds).execute()
    : [];
  const content = new Map(briefs.map((b) => [b.id, b.content]));

  const numbers = compareNumbers(before, now);
  return {
    snapshotId: snap.id,
    title: snap.title,
    asOf: snap.as_of,
    issuedAt: snap.issued_at,
    identical: numbers.length === 0 && changedTasks.length === 0,
    rulesChanged:
      JSON.stringify(before.rules) !== JSON.stringify(now.rules) ? { before: before.rules, after: now.rules } : null,
    numbers,
    tasksChanged: changedTasks.length,
    tasks: changedTasks
      .slice(0, DETAIL_LIMIT)
      .map((c) => ({ ...c, content: content.get(c.taskId) ?? null, changes: changes.byTask.get(c.taskId) ?? [] })),
    otherChanges: changes.other,
  };
}

function compareTasks(frozen: FrozenTask[], now: FrozenTask[]) {
  const a = new Map(frozen.map((t) => [t.id, t]));
  const b = new Map(now.map((t) => [t.id, t]));
  const facts = (t: FrozenTask | undefined) =>
    t ? { groupKey: t.key, status: t.status, isDue: t.is_due, extAsked: t.ext_asked, extGranted: t.ext_granted } : null;
  const out: { taskId: number; before: ReturnType<typeof facts>; after: ReturnType<typeof facts> }[] = [];
  for (const taskId of [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y)) {
    const x = facts(a.get(taskId));
    const y = facts(b.get(taskId));
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push({ taskId, before: x, after: y });
  }
  return out;
}

function compareNumbers(before: Review, now: Review) {
  const rowsBefore = new Map(before.rows.map((r) => [r.key, r]));
  const rowsNow = new Map(now.rows.map((r) => [r.key, r]));
  const out: { key: string; label: string; measure: string; before: number; after: number }[] = [];
  const keys = [...new Set([...rowsBefore.keys(), ...rowsNow.keys()])];
  for (const key of [...keys, 'total']) {
    const x = key === 'total' ? before.totals : rowsBefore.get(key);
    const y = key === 'total' ? now.totals : rowsNow.get(key);
    const label = key === 'total' ? 'Tổng cộng' : (rowsNow.get(key)?.label ?? rowsBefore.get(key)?.label ?? key);
    for (const m of MEASURES) {
      const bv = x ? x[m] : 0;
      const av = y ? y[m] : 0;
      if (bv !== av) out.push({ key, label, measure: m, before: bv, after: av });
    }
  }
  return out;
}

/** Task events and audit rows recorded after the freeze, with who recorded them. */
async function changesAfter(ctx: AppContext, taskIds: number[], lastEventId: number, lastAuditId: number) {
  const byTask = new Map<
    number,
    {
      source: 'event' | 'audit';
      kind: string;
      at: Date;
      onDate: string | null;
      actor: { id: number; name: string } | null;
      reason: string | null;
    }[]
  >();
  if (taskIds.length) {
    const events = await ctx.db
      .selectFrom('task_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .select(['e.task_id', 'e.kind', 'e.at', 'e.on_date', 'e.reason', 'e.actor_user_id', 'u.full_name'])
      .where('e.task_id', 'in', taskIds)
      .where('e.id', '>', lastEventId)
      .orderBy('e.id')
      .execute();
    for (const e of events)
      push(byTask, e.task_id, {
        source: 'event',
        kind: e.kind,
        at: e.at,
        onDate: e.on_date,
        actor: e.actor_user_id ? { id: e.actor_user_id, name: e.full_name ?? '' } : null,
        reason: e.reason,
      });
    const audits = await ctx.db
      .selectFrom('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_user_id')
      .select(['a.entity_id', 'a.action', 'a.at', 'a.actor_user_id', 'u.full_name'])
      .where('a.entity', '=', 'task')
      .where('a.entity_id', 'in', taskIds.map(String))
      .where('a.id', '>', lastAuditId)
      .orderBy('a.id')
      .execute();
    for (const a of audits)
      push(byTask, Number(a.entity_id), {
        source: 'audit',
        kind: a.action,
        at: a.at,
        onDate: null,
        actor: a.actor_user_id ? { id: a.actor_user_id, name: a.full_name ?? '' } : null,
        reason: null,
      });
  }
  // Changes that move many tasks at once: the published rules, units merged or moved.
  const other = await ctx.db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select(['a.entity', 'a.entity_id', 'a.action', 'a.at', 'a.actor_user_id', 'u.full_name', 'a.data'])
    .where('a.entity', 'in', ['setting', 'unit'])
    .where('a.id', '>', lastAuditId)
    .orderBy('a.id')
    .limit(100)
    .execute();
  return {
    byTask,
    other: other.map((a) => ({
      entity: a.entity,
      entityId: a.entity_id,
      action: a.action,
      at: a.at,
      actor: a.actor_user_id ? { id: a.actor_user_id, name: a.full_name ?? '' } : null,
      data: a.data,
    })),
  };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const list = m.get(k) ?? [];
  list.push(v);
  m.set(k, list);
}
