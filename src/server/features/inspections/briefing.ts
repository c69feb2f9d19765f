import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
import { Invalid } from '../../errors.js';
import { causesByUnit } from '../explanations/service.js';
import { statistics } from '../stats/service.js';
import { briefingDocx, briefingPdf } from './briefing-documents.js';
import { assertReader } from './policy.js';
import { presentRecords } from './presenter.js';
import { recordsQuery } from './queries.js';
import { monthCutoff, monthRange } from './targeting.js';

/**
 * The monthly briefing report (báo cáo giao ban, DESIGN.md §8): the month's task statistics,
 * the units with most backlog, the inspections concluded in the month with their conclusions
 * and recommendations, and the units named. The same data feeds JSON, DOCX and PDF.
 */
export async function briefingData(ctx: AppContext, month: string) {
  const today = ctx.clock.today();
  if (`${month}-01` > today)
    throw new Invalid({ vi: `Tháng ${month} chưa bắt đầu.`, en: `Month ${month} has not started.` }, 'month');
  const { start, end } = monthRange(month);
  const cutoff = monthCutoff(month, today);
  const [dueThisMonth, overall, records] = await Promise.all([
    statistics(ctx, null, 'lead_unit', { asOf: cutoff, dueFrom: start, dueTo: end, topLevel: true }),
    statistics(ctx, null, 'lead_unit', { asOf: cutoff, topLevel: true }),
    recordsQuery(ctx.db)
      .where('i.status', '=', 'concluded')
      .where('i.concluded_on', '>=', start)
      .where('i.concluded_on', '<=', end)
      .orderBy('i.concluded_on')
      .orderBy('i.id')
      .execute(),
  ]);
  // The causes the units gave for their delays (all open or late tasks), and the month's explanation requests.
  const causes = await causesByUnit(ctx.db, null, { asOf: cutoff, topLevel: true, requestsFrom: start });
  const inspections = await presentRecords(ctx.db, records, today, { withResponsibilities: true });
  const mostBacklog = overall.rows.filter((r) => r.overdue > 0).slice(0, 10);
  return {
    month,
    cutoff,
    generatedOn: today,
    method: dueThisMonth.method,
    dueThisMonth: { totals: dueThisMonth.totals, rows: dueThisMonth.rows },
    backlog: { totals: overall.totals, mostBacklog },
    causes,
    inspections,
    unitsNamed: [
      ...new Map([
        ...inspections.map((i) => [i.unit.id, i.unit.name] as const),
        ...mostBacklog.map((r) => [Number(r.key), r.label] as const),
      ]).values(),
    ],
  };
}

export type BriefingData = Awaited<ReturnType<typeof briefingData>>;

type BriefingResult =
  { kind: 'json'; data: BriefingData } | { kind: 'file'; mime: string; fileName: string; buffer: Buffer };

export async function briefingReport(
  ctx: AppContext,
  p: Principal,
  month: string | undefined,
  format: 'json' | 'docx' | 'pdf',
): Promise<BriefingResult> {
  assertReader(p);
  const data = await briefingData(ctx, month ?? ctx.clock.today().slice(0, 7));
  const fileName = `bao-cao-giao-ban-${data.month}`;
  if (format === 'docx')
    return {
      kind: 'file',
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      fileName: `${fileName}.docx`,
      buffer: await briefingDocx(data),
    };
  if (format === 'pdf')
    return { kind: 'file', mime: 'application/pdf', fileName: `${fileName}.pdf`, buffer: await briefingPdf(data) };
  return { kind: 'json', data };
}
