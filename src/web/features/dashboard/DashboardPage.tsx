import { useNavigate, useSearch } from '@tanstack/react-router';
import { Card, Col, Collapse, DatePicker, Flex, Form, Row, Skeleton, Tabs, Typography } from 'antd';
import { useStats } from '../../api/stats';
import { STATUS_CATEGORIES, type Stats, type StatsGroupBy, type StatusCategory } from '../../api/types';
import { EChart } from '../../components/EChart';
import { PageHeading } from '../../components/PageHeading';
import { QueryError } from '../../components/QueryError';
import { STATUS_CHART_COLOURS } from '../../components/StatusTag';
import { UnitSelect } from '../../components/UnitSelect';
import { DATE_FORMAT, formatDate, formatNumber, formatRate, toDayjs, toIsoDate, todayIso } from '../../format';
import { pickLanguage, useI18n, type MessageKey } from '../../i18n';
import { CHART_ROW_HEIGHT, COUNT_OF, stackedBarOption } from './statsChart';
import { tasksBehind, type DashboardScope } from './statsLinks';
import { StatsTable } from './StatsTable';

type DashboardTab = 'lead_unit' | 'field' | 'authority';
const TABS: { key: DashboardTab; label: MessageKey; group: MessageKey }[] = [
  { key: 'lead_unit', label: 'dashboard.byLeadUnit', group: 'task.leadUnit' },
  { key: 'field', label: 'dashboard.byField', group: 'task.field' },
  { key: 'authority', label: 'dashboard.byAuthority', group: 'task.assigner' },
];

/** The four categories as of a chosen date, by lead unit and by field; every number opens its tasks. */
export function DashboardPage() {
  const { t } = useI18n();
  const search = useSearch({ from: '/authenticated/dashboard' });
  const navigate = useNavigate({ from: '/dashboard' });
  const scope: DashboardScope = { asOf: search.asOf ?? todayIso(), unitId: search.unitId };
  const tab = search.tab ?? 'lead_unit';
  const stats = useStats({ groupBy: tab, asOf: scope.asOf, unitId: scope.unitId });
  const setSearch = (patch: Partial<typeof search>) =>
    void navigate({ search: { ...search, ...patch }, replace: true });

  return (
    <>
      <PageHeading title={t('dashboard.title')} />
      <Form layout="inline" component="div" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('dashboard.asOf')} htmlFor="dashboard-asof">
          <DatePicker
            id="dashboard-asof"
            format={DATE_FORMAT}
            allowClear={false}
            value={toDayjs(scope.asOf)}
            onChange={(d) => setSearch({ asOf: toIsoDate(d) })}
          />
        </Form.Item>
        <Form.Item label={t('tasks.unit')} htmlFor="dashboard-unit" style={{ minWidth: 280 }}>
          <UnitSelect id="dashboard-unit" value={scope.unitId} onChange={(unitId?: number) => setSearch({ unitId })} />
        </Form.Item>
      </Form>
      {stats.error && <QueryError error={stats.error} onRetry={() => void stats.refetch()} />}
      {stats.isLoading || !stats.data ? (
        <Skeleton active />
      ) : (
        <>
          <TotalsCards stats={stats.data} groupBy={tab} scope={scope} />
          <Tabs
            activeKey={tab}
            onChange={(key) => setSearch({ tab: key as DashboardTab })}
            items={TABS.map((item) => ({
              key: item.key,
              label: t(item.label),
              children:
                item.key === tab ? (
                  <GroupView stats={stats.data} groupBy={tab} groupTitle={t(item.group)} scope={scope} />
                ) : null,
            }))}
          />
          <MethodNotes stats={stats.data} />
        </>
      )}
    </>
  );
}

function TotalsCards({ stats, groupBy, scope }: { stats: Stats; groupBy: StatsGroupBy; scope: DashboardScope }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const open = (status: StatusCategory) => {
    const filters = tasksBehind(groupBy, null, status, scope);
    if (filters) void navigate({ to: '/tasks', search: filters });
  };
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 8 }}>
      {STATUS_CATEGORIES.map((status) => (
        <Col key={status} xs={12} lg={6}>
          <Card
            size="small"
            hoverable
            role="link"
            tabIndex={0}
            onClick={() => open(status)}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), open(status))}
            style={{ borderTop: `4px solid ${STATUS_CHART_COLOURS[status]}` }}
            data-testid={`total-${status}`}
          >
            <Typography.Text type="secondary">{t(`status.${status}`)}</Typography.Text>
            <div
              style={{ fontSize: 28, fontWeight: 600, color: STATUS_CHART_COLOURS[status] }}
              data-testid={`total-${status}-value`}
            >
              {formatNumber(COUNT_OF[status](stats.totals))}
            </div>
          </Card>
        </Col>
      ))}
      <Col xs={24}>
        <Flex wrap gap={16}>
          <Typography.Text>
            {t('dashboard.assigned')}:{' '}
            <strong data-testid="total-assigned">{formatNumber(stats.totals.assigned)}</strong>
          </Typography.Text>
          <Typography.Text>
            {t('dashboard.completionRate')}: <strong>{formatRate(stats.totals.completionRate)}</strong>
          </Typography.Text>
          <Typography.Text>
            {t('dashboard.onTimeRate')}: <strong>{formatRate(stats.totals.onTimeRate)}</strong>
          </Typography.Text>
          <Typography.Text>
            {t('dashboard.overdueRate')}: <strong>{formatRate(stats.totals.overdueRate)}</strong>
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('dashboard.asOf')} {formatDate(stats.asOf)}
          </Typography.Text>
        </Flex>
      </Col>
    </Row>
  );
}

function GroupView({
  stats,
  groupBy,
  groupTitle,
  scope,
}: {
  stats: Stats;
  groupBy: StatsGroupBy;
  groupTitle: string;
  scope: DashboardScope;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const chartRows = stats.rows.slice(0, 40);
  return (
    <Flex vertical gap={16}>
      {chartRows.length > 0 && (
        <Card size="small">
          <EChart
            option={stackedBarOption(chartRows, t)}
            height={Math.max(160, chartRows.length * CHART_ROW_HEIGHT + 60)}
            label={t('dashboard.chartLabel', { group: groupTitle.toLowerCase() })}
            onClick={(event) => {
              const row = chartRows[chartRows.length - 1 - event.dataIndex];
              const filters = row && tasksBehind(groupBy, row, event.seriesId as StatusCategory, scope);
              if (filters) void navigate({ to: '/tasks', search: filters });
            }}
          />
        </Card>
      )}
      <Typography.Text type="secondary">{t('dashboard.clickHint')}</Typography.Text>
      <StatsTable stats={stats} groupBy={groupBy} groupTitle={groupTitle} scope={scope} />
    </Flex>
  );
}

function MethodNotes({ stats }: { stats: Stats }) {
  const { t, language } = useI18n();
  const m = stats.method ?? {};
  const lines = [m.asOf, m.completion, m.extension, ...Object.values(m.rates ?? {})].filter(
    (x): x is { vi: string; en: string } => !!x,
  );
  if (!lines.length) return null;
  return (
    <Collapse
      style={{ marginTop: 16 }}
      items={[
        {
          key: 'method',
          label: t('dashboard.method'),
          children: (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {lines.map((line) => (
                <li key={line.en}>{pickLanguage(language, line)}</li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}
