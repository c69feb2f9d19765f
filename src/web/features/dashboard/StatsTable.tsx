import { Link } from '@tanstack/react-router';
import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Stats, StatsGroupBy, StatsRow, StatusCategory } from '../../api/types';
import { formatNumber, formatRate } from '../../format';
import { useI18n, type Translate } from '../../i18n';
import { COUNT_OF } from './statsChart';
import { tasksBehind, type DashboardScope } from './statsLinks';

interface Props {
  stats: Stats;
  groupBy: StatsGroupBy;
  groupTitle: string;
  scope: DashboardScope;
}

/** A number that opens the task list behind it (plain text when zero or not filterable). */
function CountLink({
  value,
  groupBy,
  row,
  status,
  scope,
  description,
}: {
  value: number;
  groupBy: StatsGroupBy;
  row: StatsRow | null;
  status?: StatusCategory;
  scope: DashboardScope;
  description: string;
}) {
  const filters = tasksBehind(groupBy, row, status, scope);
  if (!value || !filters) return <span>{formatNumber(value)}</span>;
  return (
    <Link
      to="/tasks"
      search={filters}
      aria-label={description}
      data-stat={`${row ? String(row.key) : 'total'}:${status ?? 'assigned'}`}
    >
      {formatNumber(value)}
    </Link>
  );
}

const STATUS_COLUMNS: {
  status: StatusCategory | undefined;
  title: (t: Translate) => string;
  value: (r: StatsRow) => number;
}[] = [
  { status: undefined, title: (t) => t('dashboard.assigned'), value: (r) => r.assigned },
  ...(['completed_on_time', 'completed_late', 'in_progress_on_time', 'in_progress_overdue'] as const).map((status) => ({
    status,
    title: (t: Translate) => t(`status.${status}`),
    value: COUNT_OF[status],
  })),
];

export function StatsTable({ stats, groupBy, groupTitle, scope }: Props) {
  const { t } = useI18n();
  const columns: ColumnsType<StatsRow> = [
    {
      title: groupTitle,
      dataIndex: 'label',
      key: 'label',
      fixed: 'left',
      width: 220,
      render: (label: string) => <Typography.Text>{label}</Typography.Text>,
    },
    ...STATUS_COLUMNS.map(({ status, title, value }) => ({
      title: title(t),
      key: status ?? 'assigned',
      align: 'right' as const,
      width: 120,
      render: (_: unknown, row: StatsRow) => (
        <CountLink
          value={value(row)}
          groupBy={groupBy}
          row={row}
          status={status}
          scope={scope}
          description={`${row.label} — ${title(t)}: ${formatNumber(value(row))}`}
        />
      ),
    })),
    {
      title: t('dashboard.completionRate'),
      key: 'completionRate',
      align: 'right',
      width: 110,
      render: (_, r) => formatRate(r.completionRate),
    },
    {
      title: t('dashboard.onTimeRate'),
      key: 'onTimeRate',
      align: 'right',
      width: 110,
      render: (_, r) => formatRate(r.onTimeRate),
    },
    {
      title: t('dashboard.overdueRate'),
      key: 'overdueRate',
      align: 'right',
      width: 110,
      render: (_, r) => formatRate(r.overdueRate),
    },
  ];
  return (
    <Table<StatsRow>
      size="small"
      rowKey={(r) => String(r.key)}
      columns={columns}
      dataSource={stats.rows}
      pagination={stats.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={stats.rows.length ? { x: 1100 } : undefined}
      locale={{ emptyText: t('dashboard.empty') }}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t('common.total')}</strong>
            </Table.Summary.Cell>
            {STATUS_COLUMNS.map(({ status, title }, i) => {
              const total = status ? COUNT_OF[status](stats.totals) : stats.totals.assigned;
              return (
                <Table.Summary.Cell key={status ?? 'assigned'} index={i + 1} align="right">
                  <strong>
                    <CountLink
                      value={total}
                      groupBy={groupBy}
                      row={null}
                      status={status}
                      scope={scope}
                      description={`${t('common.total')} — ${title(t)}: ${formatNumber(total)}`}
                    />
                  </strong>
                </Table.Summary.Cell>
              );
            })}
            <Table.Summary.Cell index={6} align="right">
              {formatRate(stats.totals.completionRate)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={7} align="right">
              {formatRate(stats.totals.onTimeRate)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={8} align="right">
              {formatRate(stats.totals.overdueRate)}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
