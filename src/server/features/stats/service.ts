import type { AppContext } from '../../context.js';
import { SnapshotCache } from '../../db/snapshot-cache.js';
import type { Principal } from '../../domain/access.js';
import { addCounts, computeRates, emptyCounts, RATE_METHODS, type CategoryCounts } from '../../domain/rates.js';
import { Invalid } from '../../errors.js';
import { getStatusRules } from '../settings/service.js';
import { countByGroup, groupLabels, type GroupBy, type GroupCountsRow, type StatsFilter } from './queries.js';

type Statistics = Awaited<ReturnType<typeof computeStatistics>>;

/**
 * Statistics are a pure function of the records and the request, and dashboards ask the same
 * ones again and again: reuse an answer while the database has provably not changed.
 */
const statisticsCache = new SnapshotCache<Statistics>();

/** The four categories and the rates per group, as of a cut-off: a pure function of the event log. */
export async function statistics(
  ctx: AppContext,
  p: Principal | null,
  groupBy: GroupBy,
  filter: Omit<StatsFilter, 'asOf'> & { asOf?: string },
): Promise<Statistics> {
  const f: StatsFilter = { ...filter, asOf: filter.asOf ?? ctx.clock.today() };
  checkRanges(f);
  const key = JSON.stringify({ user: p?.userId ?? null, grants: p?.grants ?? null, groupBy, f });
  return statisticsCache.get(ctx.db, key, (db) => computeStatistics({ ...ctx, db }, p, groupBy, f));
}

async function computeStatistics(ctx: AppContext, p: Principal | null, groupBy: GroupBy, f: StatsFilter) {
  const rules = await getStatusRules(ctx.db);
  const rows = await countByGroup(ctx.db, p, groupBy, f, rules);
  const labels = await groupLabels(
    ctx.db,
    groupBy,
    rows.map((r) => r.key),
  );
  const presented = rows
    .map((r) => {
      const counts = toCounts(r);
      const label = r.key === null ? null : labels.get(String(r.key));
      return {
        key: r.key,
        code: label?.code ?? null,
        label: label?.label ?? (r.key === null ? '(không xác định / unspecified)' : String(r.key)),
        ...present(counts),
      };
    })
    .sort(
      (a, b) =>
        b.overdue - a.overdue || b.assigned - a.assigned || String(a.label).localeCompare(String(b.label), 'vi'),
    );
  const totals = present(rows.map(toCounts).reduce(addCounts, emptyCounts()));
  return {
    asOf: f.asOf,
    groupBy,
    filter: f,
    rules,
    method: {
      asOf: {
        vi: `Số liệu tính đến hết ngày ${f.asOf}, theo nhật ký sự kiện đến ngày đó.`,
        en: `Figures as of the end of ${f.asOf}, from the event log up to that day.`,
      },
      completion: {
        vi: 'Hoàn thành tính theo ngày báo cáo hoàn thành, khi đã được xác nhận đến ngày chốt.',
        en: 'A completion counts from the day it was reported, once confirmed by the cut-off.',
      },
      extension: rules.extensionCountsAsOnTime
        ? {
            vi: 'Hoàn thành trong thời hạn đã được gia hạn được tính là đúng hạn.',
            en: 'Completion within an approved extension counts as on time.',
          }
        : {
            vi: 'Đúng hạn được xét theo hạn ban đầu (không tính gia hạn).',
            en: 'On time is judged against the original deadline (extensions not counted).',
          },
      deadline:
        rules.deadlineOnNonWorkingDay === 'next_working_day'
          ? {
              vi: 'Hạn rơi vào ngày nghỉ (cuối tuần, ngày lễ, Tết, ngày nghỉ hoán đổi) được tính đến hết ngày làm việc tiếp theo (Điều 148 Bộ luật Dân sự); việc xếp vào kỳ vẫn theo hạn ghi trong văn bản.',
              en: 'A deadline falling on a non-working day (weekend, holiday, swapped day off) ends at the end of the next working day (Civil Code art. 148); the period a task is due in still follows the deadline as written.',
            }
          : {
              vi: 'Hạn được tính đúng ngày ghi trong văn bản, kể cả khi rơi vào ngày nghỉ (cách hiểu chặt).',
              en: 'A deadline is the day written, even when it falls on a non-working day (strict reading).',
            },
      businessDate: {
        vi: 'Ngày hoàn thành là ngày của văn bản báo cáo của đơn vị (ngày nghiệp vụ) nếu trong giới hạn cho phép hoặc được bên giao chấp nhận, nếu không là ngày nhập; ngày nhập luôn được lưu.',
        en: "The completion date is the date of the unit's report (the business date) when within the allowed limit or accepted by the assigning side, otherwise the day it was entered; the entry date is always kept.",
      },
      rates: RATE_METHODS,
    },
    rows: presented,
    totals,
  };
}

function toCounts(r: GroupCountsRow): CategoryCounts {
  return {
    onTime: r.on_time,
    late: r.late,
    inProgress: r.in_progress,
    overdue: r.overdue,
    dueByCutoff: r.due_by_cutoff,
    completedOfDue: r.completed_of_due,
  };
}

function present(c: CategoryCounts) {
  const completed = c.onTime + c.late;
  return { assigned: completed + c.inProgress + c.overdue, completed, ...c, ...computeRates(c) };
}

function checkRanges(f: StatsFilter): void {
  if (f.assignedFrom && f.assignedTo && f.assignedFrom > f.assignedTo) {
    throw new Invalid(
      { vi: 'Khoảng ngày giao không hợp lệ (từ ngày sau đến ngày).', en: 'Assigned date range is reversed.' },
      'assignedFrom',
    );
  }
  if (f.dueFrom && f.dueTo && f.dueFrom > f.dueTo) {
    throw new Invalid(
      { vi: 'Khoảng hạn xử lý không hợp lệ (từ ngày sau đến ngày).', en: 'Due date range is reversed.' },
      'dueFrom',
    );
  }
}
