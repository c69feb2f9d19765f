import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
import { periodContaining, reviewPeriod, type Period } from '../../domain/review.js';
import { statistics } from '../stats/service.js';
import { reviewUnitFor } from './access.js';
import { getReportSettings } from './settings.js';

/**
 * The backlog month by month: the number of tasks overdue at the end of each of the last
 * `months` reporting months (the last one cut at the given day), as the statistics count it.
 */
export async function overdueTrend(
  ctx: AppContext,
  p: Principal,
  q: { months: number; asOf?: string; unitId?: number; fieldCode?: string },
) {
  const { periodMode } = await getReportSettings(ctx.db);
  const asOf = q.asOf ?? ctx.clock.today();
  const unitId = await reviewUnitFor(ctx.db, p, q.unitId);
  const months: Period[] = [periodContaining('month', asOf, periodMode)];
  while (months.length < q.months) {
    const first = months[0]!;
    months.unshift(
      first.index === 1
        ? reviewPeriod('month', first.year - 1, 12, periodMode)
        : reviewPeriod('month', first.year, first.index - 1, periodMode),
    );
  }
  const points = [];
  for (const m of months) {
    const cut = m.end < asOf ? m.end : asOf;
    const s = await statistics(ctx, p, 'field', { asOf: cut, topLevel: true, unitId, fieldCode: q.fieldCode });
    points.push({
      month: `${m.year}-${String(m.index).padStart(2, '0')}`,
      asOf: cut,
      overdue: s.totals.overdue,
      assigned: s.totals.assigned,
    });
  }
  return { periodMode, unitId: unitId ?? null, points };
}
