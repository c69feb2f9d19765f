import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
import { Invalid } from '../../errors.js';
import { causesByUnit } from '../explanations/service.js';
import { getReportSettings } from '../reports/settings.js';
import { documentIssue } from '../settings/document-issue.js';
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
  const { briefingUrgings } = await getReportSettings(ctx.db);
  const [dueThisMonth, overall, records, urgedOverdue] = await Promise.all([
    statistics(ctx, null, 'lead_unit', { asOf: cutoff, dueFrom: start, dueTo: end, topLevel: true }),
    statistics(ctx, null, 'lead_unit', { asOf: cutoff, topLevel: true }),
    recordsQuery(ctx.db)
      .where('i.status', '=', 'concluded')
      .where('i.concluded_on', '>=', start)
      .where('i.concluded_on', '<=', end)
      .orderBy('i.concluded_on')
      .orderBy('i.id')
      .execute(),
    // DESIGN.md §4: a task still overdue after the configured number of urgings goes to the briefing.
    ctx.db
      .selectFrom('tasks as t')
      .innerJoin('units as u', 'u.id', 't.lead_unit_id')
      .select(['t.id', 't.content', 't.deadline', 't.urge_count', 'u.name as lead_name'])
      .where('t.state', 'in', ['assigned', 'received', 'in_progress'])
      .where('t.deadline', '<', cutoff)
      .where('t.urge_count', '>=', briefingUrgings)
      .orderBy('t.urge_count', 'desc')
      .orderBy('t.deadline')
      .orderBy('t.id')
      .limit(200)
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
    overdueAfterUrgings: {
      urgings: briefingUrgings,
      items: urgedOverdue.map((t) => ({
        taskId: t.id,
        content: t.content,
        leadUnit: t.lead_name,
        deadline: t.deadline,
        urgings: t.urge_count,
      })),
    },
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
  options: { signerId?: number | undefined; numberSymbol?: string | undefined } = {},
): Promise<BriefingResult> {
  assertReader(p);
  const data = await briefingData(ctx, month ?? ctx.clock.today().slice(0, 7));
  if (format === 'json') return { kind: 'json', data };
  const issue = await documentIssue(ctx, p, 'briefing', options);
  const fileName = `bao-cao-giao-ban-${data.month}`;
  if (format === 'docx')
    return {
      kind: 'file',
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      fileName: `${fileName}.docx`,
      buffer: await briefingDocx(data, issue),
    };
  if (format === 'pdf')
    return {
      kind: 'file',
      mime: 'application/pdf',
      fileName: `${fileName}.pdf`,
      buffer: await briefingPdf(data, issue),
    };
  return { kind: 'json', data };
}
