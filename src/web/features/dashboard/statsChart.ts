import type { EChartsCoreOption } from 'echarts/core';
import { STATUS_CATEGORIES, type StatsRow, type StatusCategory } from '../../api/types';
import { STATUS_CHART_COLOURS } from '../../components/StatusTag';
import { formatNumber } from '../../format';
import type { Translate } from '../../i18n';

/** The count of one status category in a stats row. */
export const COUNT_OF: Record<
  StatusCategory,
  (row: Pick<StatsRow, 'onTime' | 'late' | 'inProgress' | 'overdue'>) => number
> = {
  completed_on_time: (r) => r.onTime,
  completed_late: (r) => r.late,
  in_progress_on_time: (r) => r.inProgress,
  in_progress_overdue: (r) => r.overdue,
};

export const CHART_ROW_HEIGHT = 30;

/** A horizontal stacked bar per group (unit names are long), one colour per status. */
export function stackedBarOption(rows: StatsRow[], t: Translate): EChartsCoreOption {
  const ordered = [...rows].reverse(); // ECharts draws the first category at the bottom.
  return {
    aria: { enabled: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => formatNumber(Number(v)),
    },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatNumber(v) } },
    yAxis: {
      type: 'category',
      data: ordered.map((r) => r.label),
      axisLabel: { width: 220, overflow: 'truncate' },
    },
    series: STATUS_CATEGORIES.map((status) => ({
      id: status,
      name: t(`status.${status}`),
      type: 'bar',
      stack: 'total',
      barMaxWidth: 22,
      itemStyle: { color: STATUS_CHART_COLOURS[status] },
      emphasis: { focus: 'series' },
      data: ordered.map((r) => COUNT_OF[status](r)),
    })),
  };
}
