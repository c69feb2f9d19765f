import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
import { Invalid, notAllowed } from '../../errors.js';
import { getStatusRules } from '../settings/service.js';
import { managesUnit } from './access.js';
import { overdueTasks, reviewTaskRows, type ReviewScope, type ReviewTaskRow } from './queries.js';
import { listRectifications } from './rectifications.js';
import {
  addRowCounts,
  emptyRowCounts,
  presentCounts,
  rankingMethod,
  rankRows,
  sumTasks,
  unitRollup,
} from './review-rows.js';
import { resolveReview, type ReviewQuery } from './review.js';
import { tasksBehind } from './snapshots.js';
import type { Measure } from './review-rows.js';

export type SelfInspectionQuery = Omit<ReviewQuery, 'groupBy' | 'topLevel'> & { by: 'division' | 'staff' };

/**
 * Self-inspection (DESIGN.md §7): the review of the sub-tasks a unit handed down to its own
 * divisions and staff, so it can find who causes delays, beside its rectification records.
 */
async function resolveSelf(ctx: AppContext, p: Principal, q: SelfInspectionQuery) {
  const resolved = await resolveReview(ctx, p, { ...q, groupBy: 'lead_unit', topLevel: false });
  const unitId = resolved.scope.unitId;
  if (unitId === undefined)
    throw new Invalid({ vi: 'Chọn đơn vị tự kiểm tra.', en: 'Choose the unit to inspect.' }, 'unitId');
  if (!(await managesUnit(ctx.db, p, unitId))) throw notAllowed();
  const scope: ReviewScope = { ...resolved.scope, unitId: undefined, topLevel: false, handedDownWithin: unitId };
  const rules = await getStatusRules(ctx.db);
  const tasks = await reviewTaskRows(ctx.db, p, q.by === 'division' ? 'lead_unit' : 'assignee', scope, rules);
  let keyed: ReviewTaskRow[];
  if (q.by === 'division') {
    const rollup = await unitRollup(ctx.db, unitId);
    keyed = tasks.map((t) => ({ ...t, key: rollup.rowKey(t.key) }));
  } else keyed = tasks.map((t) => ({ ...t, key: t.key === null ? 'none' : String(t.key) }));
  return { resolved, unitId, scope, rules, tasks: keyed };
}

export async function selfInspection(ctx: AppContext, p: Principal, q: SelfInspectionQuery) {
  const { resolved, unitId, scope, rules, tasks } = await resolveSelf(ctx, p, q);
  const sums = sumTasks(tasks, (k) => String(k));
  const labels = await labelsFor(ctx, q.by, [...sums.keys()]);
  const ranked = rankRows(
    [...sums.entries()].map(([key, counts]) => ({
      key,
      code: labels.get(key)?.code ?? null,
      label: labels.get(key)?.label ?? key,
      counts,
    })),
    q.rankBy,
  );
  const unit = await ctx.db
    .selectFrom('units')
    .select(['id', 'code', 'name'])
    .where('id', '=', unitId)
    .executeTakeFirstOrThrow();
  const overdueItems = await overdueTasks(ctx.db, p, scope, rules, 200);
  return {
    unit,
    by: q.by,
    period: resolved.period,
    asOf: scope.asOf,
    params: { ...resolved.params, by: q.by },
    rows: ranked.map((r) => ({ key: r.key, code: r.code, label: r.label, rank: r.rank, ...presentCounts(r.counts) })),
    totals: presentCounts(ranked.reduce((t, r) => addRowCounts(t, r.counts), emptyRowCounts())),
    method: {
      scope: {
        vi: `Nhiệm vụ ${unit.name} giao cho phòng, ban, cán bộ (nhiệm vụ con), ${q.basis === 'assigned' ? 'giao' : 'có hạn'} trong kỳ, tính đến hết ngày ${scope.asOf}.`,
        en: `Sub-tasks ${unit.name} handed down to its divisions and staff, ${q.basis === 'assigned' ? 'assigned' : 'due'} in the period, as of the end of ${scope.asOf}.`,
      },
      ranking: rankingMethod(q.rankBy),
    },
    overdue: { total: ranked.reduce((n, r) => n + r.counts.overdue, 0), items: overdueItems },
    rectifications: await listRectifications(ctx, p, unitId),
  };
}

export async function selfInspectionTasks(
  ctx: AppContext,
  p: Principal,
  q: SelfInspectionQuery,
  key: string,
  measure: Measure,
) {
  const { scope, tasks } = await resolveSelf(ctx, p, q);
  return tasksBehind(ctx.db, tasks, key, measure, scope.asOf);
}

async function labelsFor(ctx: AppContext, by: 'division' | 'staff', keys: string[]) {
  const labels = new Map<string, { code: string | null; label: string }>();
  const ids = keys.filter((k) => k !== 'none').map(Number);
  if (ids.length && by === 'division') {
    for (const u of await ctx.db.selectFrom('units').select(['id', 'code', 'name']).where('id', 'in', ids).execute())
      labels.set(String(u.id), { code: u.code, label: u.name });
  } else if (ids.length) {
    for (const u of await ctx.db
      .selectFrom('users')
      .select(['id', 'username', 'full_name'])
      .where('id', 'in', ids)
      .execute())
      labels.set(String(u.id), { code: u.username, label: u.full_name });
  }
  labels.set('none', { code: null, label: 'Giao cho phòng, ban (không giao cá nhân)' });
  return labels;
}
