import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
import {
  defaultCutoff,
  periodLabel,
  reviewPeriod,
  type Period,
  type PeriodKind,
  type PeriodMode,
} from '../../domain/review.js';
import { Invalid } from '../../errors.js';
import { causesByUnit } from '../explanations/service.js';
import { getStatusRules } from '../settings/service.js';
import { statistics } from '../stats/service.js';
import { reviewUnitFor } from './access.js';
import { dossierSums } from './dossier-queries.js';
import { reviewLinks } from './links.js';
import { extensionCountsByGroup, keyString, overdueTasks, type ReviewScope } from './queries.js';
import {
  addRowCounts,
  emptyRowCounts,
  presentCounts,
  rankingMethod,
  rankRows,
  unitRollup,
  type RankMeasure,
  type RowCounts,
} from './review-rows.js';
import { getReportSettings } from './settings.js';

export type ReviewGroup = 'lead_unit' | 'authority' | 'field' | 'leader';

export interface ReviewQuery {
  period: PeriodKind;
  year: number;
  index: number;
  asOf?: string;
  periodMode?: PeriodMode;
  basis: 'assigned' | 'due';
  groupBy: ReviewGroup;
  unitId?: number;
  fieldCode?: string;
  rankBy: RankMeasure;
  topLevel: boolean;
}

export interface ResolvedReview {
  params: ReviewQuery & { asOf: string; periodMode: PeriodMode };
  period: Period;
  scope: ReviewScope;
  briefingUrgings: number;
}

const OVERDUE_LIST_LIMIT = 500;

/**
 * Runs a review's queries in one repeatable-read transaction, so every number of one review
 * comes from the same state, with PostgreSQL's JIT off: the status expression's correlated
 * subqueries inflate the planner's cost estimate past the JIT thresholds, and compiling the
 * query then took seconds longer than running it (bench/reports.ts, docs/performance.md).
 */
export async function inReviewTransaction<T>(ctx: AppContext, run: (ctx: AppContext) => Promise<T>): Promise<T> {
  return ctx.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`set local jit = off`.execute(trx);
      return run({ ...ctx, db: trx });
    });
}

/** The period, the cut-off and the unit a review covers, checked against what the caller may see. */
export async function resolveReview(ctx: AppContext, p: Principal, q: ReviewQuery): Promise<ResolvedReview> {
  const settings = await getReportSettings(ctx.db);
  const periodMode = q.periodMode ?? settings.periodMode;
  let period: Period;
  try {
    period = reviewPeriod(q.period, q.year, q.index, periodMode);
  } catch {
    throw new Invalid(
      {
        vi: `Kỳ báo cáo không hợp lệ: không có ${q.period} số ${q.index}.`,
        en: `Invalid period: there is no ${q.period} number ${q.index}.`,
      },
      'index',
    );
  }
  const today = ctx.clock.today();
  const asOf = q.asOf ?? defaultCutoff(period, today);
  if (asOf > today)
    throw new Invalid(
      { vi: 'Ngày chốt số liệu không được sau ngày hôm nay.', en: 'The cut-off cannot be after today.' },
      'asOf',
    );
  if (asOf < period.start)
    throw new Invalid(
      {
        vi: `Ngày chốt số liệu phải từ ngày bắt đầu kỳ (${period.start}) trở đi.`,
        en: `The cut-off must be on or after the period start (${period.start}).`,
      },
      'asOf',
    );
  const unitId = await reviewUnitFor(ctx.db, p, q.unitId);
  const range =
    q.basis === 'assigned'
      ? { assignedFrom: period.start, assignedTo: period.end }
      : { dueFrom: period.start, dueTo: period.end };
  const scope: ReviewScope = {
    asOf,
    topLevel: q.topLevel,
    ...range,
    ...(unitId ? { unitId } : {}),
    ...(q.fieldCode ? { fieldCode: q.fieldCode } : {}),
  };
  return {
    params: { ...q, asOf, periodMode, ...(unitId ? { unitId } : {}) },
    period,
    scope,
    briefingUrgings: settings.briefingUrgings,
  };
}

/**
 * The periodic review (DESIGN.md §7): the statistics of the period as of the cut-off per group
 * (counts and rates from the statistics service), extensions asked and granted, units rolled up
 * with their subtrees, ranked with ties, the dossier record beside each unit, and the backlog.
 */
export async function buildReview(ctx: AppContext, p: Principal | null, resolved: ResolvedReview) {
  const { params: q, period, scope } = resolved;
  const rules = await getStatusRules(ctx.db);
  const stats = await statistics(ctx, p, q.groupBy, {
    asOf: scope.asOf,
    topLevel: scope.topLevel,
    unitId: scope.unitId,
    fieldCode: scope.fieldCode,
    assignedFrom: scope.assignedFrom,
    assignedTo: scope.assignedTo,
    dueFrom: scope.dueFrom,
    dueTo: scope.dueTo,
  });
  const extensions = await extensionCountsByGroup(ctx.db, p, q.groupBy, scope, rules);
  const rollup = q.groupBy === 'lead_unit' ? await unitRollup(ctx.db, scope.unitId) : null;
  const rowKey = (key: string | number | null) => (rollup ? rollup.rowKey(key) : keyString(key));

  const acc = new Map<string, { code: string | null; label: string; counts: RowCounts }>();
  const labelOf = (k: string, code: string | null, label: string) => {
    const unit = rollup?.unit(k);
    return unit ? { code: unit.code, label: unit.name } : { code, label };
  };
  for (const r of stats.rows) {
    const k = rowKey(r.key);
    const prev = acc.get(k) ?? { ...labelOf(k, r.code, r.label), counts: emptyRowCounts() };
    prev.counts = addRowCounts(prev.counts, {
      onTime: r.onTime,
      late: r.late,
      inProgress: r.inProgress,
      overdue: r.overdue,
      dueByCutoff: r.dueByCutoff,
      completedOfDue: r.completedOfDue,
    });
    acc.set(k, prev);
  }
  for (const [key, e] of extensions) {
    const k = rowKey(key === 'none' ? null : key);
    const prev = acc.get(k);
    if (prev) prev.counts = addRowCounts(prev.counts, { extAsked: e.asked, extGranted: e.granted });
  }

  const dossiers =
    q.groupBy === 'lead_unit' || q.groupBy === 'field'
      ? await dossierSums(ctx.db, q.groupBy, period, scope, rollup ? (u) => rollup.rowKey(u) : undefined)
      : null;
  const links = reviewLinks(q, period, scope);
  const ranked = rankRows(
    [...acc.entries()].map(([key, v]) => ({ key, ...v })),
    q.rankBy,
  );
  const rows = ranked.map((r) => ({
    key: r.key,
    code: r.code,
    label: r.label,
    rank: r.rank,
    ...presentCounts(r.counts),
    dossiers: dossiers?.rows.get(r.key) ?? null,
    links: links.row(r.key, rollup ? r.key === String(scope.unitId) : false),
  }));
  const totalCounts = ranked.reduce((t, r) => addRowCounts(t, r.counts), emptyRowCounts());
  const overdue = await overdueTasks(ctx.db, p, scope, rules, OVERDUE_LIST_LIMIT);
  const causes = await causesByUnit(ctx.db, p, scope);
  const label = periodLabel(period);
  const scopeUnit = scope.unitId
    ? ((await ctx.db
        .selectFrom('units')
        .select(['id', 'code', 'name'])
        .where('id', '=', scope.unitId)
        .executeTakeFirst()) ?? null)
    : null;

  return {
    title: { vi: `Kết quả thực hiện nhiệm vụ ${label.vi}`, en: `Task record, ${label.en}` },
    period: { ...period, label },
    asOf: scope.asOf,
    params: q,
    scopeUnit,
    issuer: scopeUnit?.name ?? null,
    rules,
    method: {
      ...stats.method,
      period: periodMethod(period, q.basis),
      ranking: rankingMethod(q.rankBy),
      rollup: rollup
        ? {
            vi: 'Mỗi dòng đơn vị gồm cả các phòng, ban, đơn vị trực thuộc (theo đơn vị chủ trì tại ngày chốt).',
            en: 'Each unit row includes its divisions and subordinate units (by lead unit on the cut-off).',
          }
        : null,
      dossiers: dossiers
        ? {
            vi: 'Hồ sơ thủ tục hành chính: cộng các kỳ số liệu có ngày kết thúc nằm trong kỳ báo cáo.',
            en: 'Administrative dossiers: the sum of the imported periods that end within the review period.',
          }
        : null,
    },
    rows,
    totals: { ...presentCounts(totalCounts), dossiers: dossiers?.totals ?? null, links: links.total() },
    overdue: {
      total: totalCounts.overdue,
      briefingUrgings: resolved.briefingUrgings,
      items: overdue.map((o) => ({ ...o, forBriefing: o.urgings >= resolved.briefingUrgings })),
    },
    causes,
  };
}

export type Review = Awaited<ReturnType<typeof buildReview>>;

function periodMethod(period: Period, basis: 'assigned' | 'due') {
  const cut =
    period.mode === 'official'
      ? {
          vi: 'kỳ tính từ ngày 15 tháng trước đến ngày 14 (Nghị định 09/2019/NĐ-CP)',
          en: 'periods run from the 15th to the 14th (Decree 09/2019)',
        }
      : { vi: 'kỳ tính theo tháng dương lịch', en: 'periods follow calendar months' };
  const what =
    basis === 'assigned'
      ? {
          vi: `nhiệm vụ được giao từ ${period.start} đến ${period.end}`,
          en: `tasks assigned from ${period.start} to ${period.end}`,
        }
      : {
          vi: `nhiệm vụ có hạn xử lý (tại ngày chốt) từ ${period.start} đến ${period.end}`,
          en: `tasks due (as of the cut-off) from ${period.start} to ${period.end}`,
        };
  return { vi: `Phạm vi: ${what.vi}; ${cut.vi}.`, en: `Scope: ${what.en}; ${cut.en}.` };
}
