import { Card, Col, Row } from 'antd';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import type { EChartsCoreOption } from 'echarts/core';
import type { StatsRow, StatusCategory } from '../../api/types';
import { EChart } from '../../components/EChart';
import { formatNumber, formatRate } from '../../format';
import { useI18n } from '../../i18n';
import { CHART_ROW_HEIGHT, stackedBarOption } from '../dashboard/statsChart';
import { useTrend, type Measure, type Review, type ReviewRow } from './api';
import { useReportText } from './i18n';
import type { BehindTarget } from './TasksBehindDrawer';

echarts.use([LineChart]);

const MEASURE_OF: Record<StatusCategory, Measure> = {
  completed_on_time: 'onTime',
  completed_late: 'late',
  in_progress_on_time: 'inProgress',
  in_progress_overdue: 'overdue',
};

function rankingOption(rows: ReviewRow[]): EChartsCoreOption {
  const ranked = rows
    .filter((r) => r.onTimeRate !== null)
    .sort((a, b) => (b.onTimeRate ?? 0) - (a.onTimeRate ?? 0))
    .slice(0, 30)
    .reverse();
  return {
    aria: { enabled: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => formatRate(Number(v)),
    },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => formatRate(v) } },
    yAxis: { type: 'category', data: ranked.map((r) => r.label), axisLabel: { width: 200, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        itemStyle: { color: '#389e0d' },
        data: ranked.map((r) => r.onTimeRate),
        label: { show: true, position: 'right', formatter: (p: { value: number }) => formatRate(p.value) },
      },
    ],
  };
}

function trendOption(points: { month: string; overdue: number }[], name: string): EChartsCoreOption {
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatNumber(Number(v)) },
    grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name,
        type: 'line',
        data: points.map((p) => p.overdue),
        itemStyle: { color: '#cf1322' },
        areaStyle: { opacity: 0.08 },
        label: { show: true },
      },
    ],
  };
}

/** Status by unit, the on-time ranking and the month-by-month backlog; a bar opens the tasks behind it. */
export function ReviewCharts({ review, onOpen }: { review: Review; onOpen(t: BehindTarget): void }) {
  const { t } = useI18n();
  const rt = useReportText();
  const rows = review.rows.slice(0, 40);
  const trend = useTrend({
    months: 12,
    asOf: review.asOf,
    unitId: review.params.unitId,
    fieldCode: review.params.fieldCode,
  });
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      <Col xs={24} xl={12}>
        <Card size="small" title={rt('chart.status')}>
          {rows.length > 0 && (
            <EChart
              option={stackedBarOption(rows as unknown as StatsRow[], t)}
              height={Math.max(160, rows.length * CHART_ROW_HEIGHT + 60)}
              label={rt('chart.status')}
              onClick={(e) => {
                const row = rows[rows.length - 1 - e.dataIndex];
                const measure = MEASURE_OF[e.seriesId as StatusCategory];
                if (row && measure)
                  onOpen({
                    key: row.key,
                    measure,
                    label: `${row.label} — ${e.seriesName}`,
                    listFilter: row.links?.[measure],
                  });
              }}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={rt('chart.ranking')}>
          <EChart
            option={rankingOption(review.rows)}
            height={Math.max(160, Math.min(30, review.rows.length) * 24 + 40)}
            label={rt('chart.ranking')}
          />
        </Card>
        <Card size="small" title={rt('chart.trend')} style={{ marginTop: 12 }}>
          {trend.data && (
            <EChart option={trendOption(trend.data.points, rt('col.overdue'))} height={220} label={rt('chart.trend')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
