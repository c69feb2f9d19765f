import { sql } from 'kysely';
import { isReportingUnit, validOn } from '../../db/reporting-units.js';
import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
import {
  describeMethod,
  monthsBetween,
  parseWeights,
  rankUnits,
  type UnitFigures,
  type Weights,
} from '../../domain/ranking.js';
import { Invalid } from '../../errors.js';
import { statistics } from '../stats/service.js';
import { assertReader } from './policy.js';

/** First and last day of a 'YYYY-MM' month. */
export function monthRange(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}` };
}

/** The month's last day, or today while the month is still running. */
export function monthCutoff(month: string, today: string): string {
  const { end } = monthRange(month);
  return end < today ? end : today;
}

function checkMonth(month: string, today: string): void {
  if (`${month}-01` > today) {
    throw new Invalid(
      {
        vi: `Tháng ${month} chưa bắt đầu; chỉ xếp hạng được các tháng đã qua hoặc tháng hiện tại.`,
        en: `Month ${month} has not started; only past months and the current one can be ranked.`,
      },
      'month',
    );
  }
}

function weightsOf(text: string | undefined): Weights {
  try {
    const w = parseWeights(text);
    if (Object.values(w).every((v) => v === 0)) throw new RangeError('all zero');
    return w;
  } catch {
    throw new Invalid(
      {
        vi: 'Trọng số không hợp lệ: dạng "backlog:40,overdueRate:30,lateDossiers:20,sinceInspection:10", số không âm, ít nhất một số dương.',
        en: 'Invalid weights: use "backlog:40,overdueRate:30,lateDossiers:20,sinceInspection:10", non-negative numbers, at least one positive.',
      },
      'weights',
    );
  }
}

/** The figures of every department and district for the month, as the method defines them. */
export async function unitFigures(ctx: AppContext, month: string, cutoff: string): Promise<UnitFigures[]> {
  const { start, end } = monthRange(month);
  const [units, stats, dossiers, inspected] = await Promise.all([
    ctx.db.selectFrom('units').select(['id', 'code', 'name']).where(isReportingUnit).where(validOn(cutoff)).execute(),
    statistics(ctx, null, 'lead_unit', { asOf: cutoff, topLevel: true }),
    ctx.db
      .selectFrom('dossier_stats as d')
      .innerJoin('fields as f', 'f.code', 'd.field_code')
      .select(['d.unit_id', sql<number>`sum(d.resolved_late + d.pending_overdue)`.as('late')])
      .where('f.is_priority', '=', true)
      .where('d.period_end', '>=', start)
      .where('d.period_end', '<=', end)
      .groupBy('d.unit_id')
      .execute(),
    ctx.db
      .selectFrom('inspections')
      .select(['unit_id', sql<string>`max(concluded_on)`.as('last')])
      .where('status', '=', 'concluded')
      .where('concluded_on', '<=', cutoff)
      .groupBy('unit_id')
      .execute(),
  ]);
  const byUnit = new Map(stats.rows.map((r) => [Number(r.key), r]));
  const late = new Map(dossiers.map((d) => [d.unit_id, Number(d.late)]));
  const last = new Map(inspected.map((i) => [i.unit_id, i.last]));
  return units.map((u) => {
    const s = byUnit.get(u.id);
    const lastOn = last.get(u.id);
    return {
      unitId: u.id,
      code: u.code,
      name: u.name,
      backlog: s?.overdue ?? 0,
      assigned: s?.assigned ?? 0,
      lateDossiers: late.get(u.id) ?? 0,
      monthsSinceInspection: lastOn ? monthsBetween(lastOn.slice(0, 7), month) : null,
    };
  });
}

/** The ranked list for a month, with the method printed beside it (GET /api/inspections/targets). */
export async function inspectionTargets(
  ctx: AppContext,
  p: Principal,
  q: { month?: string; weights?: string; limit?: number },
) {
  assertReader(p);
  const today = ctx.clock.today();
  const month = q.month ?? today.slice(0, 7);
  checkMonth(month, today);
  const weights = weightsOf(q.weights);
  const cutoff = monthCutoff(month, today);
  const ranking = rankUnits(await unitFigures(ctx, month, cutoff), weights);
  const lastInspected = await lastInspections(ctx);
  return {
    month,
    cutoff,
    weightsGiven: weights,
    weights: ranking.weights,
    maxima: ranking.maxima,
    method: describeMethod(ranking, cutoff, month),
    units: ranking.units
      .slice(0, q.limit ?? 100)
      .map((u) => ({ ...u, lastInspectedOn: lastInspected.get(u.unitId) ?? null })),
  };
}

async function lastInspections(ctx: AppContext): Promise<Map<number, string>> {
  const rows = await ctx.db
    .selectFrom('inspections')
    .select(['unit_id', sql<string>`max(concluded_on)`.as('last')])
    .where('status', '=', 'concluded')
    .groupBy('unit_id')
    .execute();
  return new Map(rows.map((r) => [r.unit_id, r.last]));
}

/** The compact record kept with a plan built from the list: enough to recompute and compare. */
export async function targetingSnapshot(ctx: AppContext, month: string, weightsText: string | undefined) {
  const today = ctx.clock.today();
  checkMonth(month, today);
  const weights = weightsOf(weightsText);
  const cutoff = monthCutoff(month, today);
  const ranking = rankUnits(await unitFigures(ctx, month, cutoff), weights);
  return {
    month,
    cutoff,
    weights,
    units: ranking.units.slice(0, 20).map((u) => ({ unitId: u.unitId, code: u.code, rank: u.rank, score: u.score })),
  };
}
