import { Link } from '@tanstack/react-router';
import { Button, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatNumber, formatRate } from '../../format';
import type { Counts, DossierCounts, Measure, ReviewRow, TaskListFilter } from './api';
import { useReportText, type ReportText, type ReportTextKey } from './i18n';
import type { BehindTarget } from './TasksBehindDrawer';

type TotalsRow = Counts & { dossiers?: DossierCounts | null; links?: Record<Measure, TaskListFilter | null> };

interface Props {
  rows: ReviewRow[];
  totals: TotalsRow;
  groupTitle: string;
  /** Numbers open the task list where a filter expresses them, else the exact list; frozen reports always use the exact list. */
  onOpen(target: BehindTarget): void;
  exactOnly?: boolean;
  showDossiers?: boolean;
}

/** A number that opens the tasks behind it. */
function Count({
  value,
  measure,
  rowKey,
  label,
  links,
  exactOnly,
  onOpen,
}: {
  value: number;
  measure: Measure;
  rowKey: string;
  label: string;
  links?: Record<Measure, TaskListFilter | null>;
  exactOnly?: boolean;
  onOpen(t: BehindTarget): void;
}) {
  if (!value) return <span>0</span>;
  const filter = links?.[measure] ?? null;
  const testId = `cell-${rowKey}-${measure}`;
  if (filter && !exactOnly) {
    return (
      <Link to="/tasks" search={filter} aria-label={label} data-testid={testId}>
        {formatNumber(value)}
      </Link>
    );
  }
  return (
    <Button
      type="link"
      size="small"
      style={{ padding: 0, height: 'auto' }}
      aria-label={label}
      data-testid={testId}
      onClick={() => onOpen({ key: rowKey, measure, label, listFilter: filter })}
    >
      {formatNumber(value)}
    </Button>
  );
}

const countColumn = (rt: ReportText, measure: Measure, title: ReportTextKey, p: Props) => ({
  title: rt(title),
  key: measure,
  align: 'right' as const,
  width: 82,
  render: (_: unknown, r: ReviewRow) => (
    <Count
      value={r[measure]}
      measure={measure}
      rowKey={r.key}
      label={`${r.label} — ${rt(title)}: ${formatNumber(r[measure])}`}
      links={r.links}
      exactOnly={p.exactOnly}
      onOpen={p.onOpen}
    />
  ),
});

const rateColumn = (rt: ReportText, key: 'completionRate' | 'completionOfDueRate' | 'overdueRate' | 'onTimeRate') => ({
  title: rt(`col.${key}`),
  key,
  align: 'right' as const,
  width: 90,
  render: (_: unknown, r: ReviewRow) => formatRate(r[key]),
});

/** The review table: the official columns, grouped headings, every number a link, totals at the foot. */
export function ReviewTable(p: Props) {
  const rt = useReportText();
  const columns: ColumnsType<ReviewRow> = [
    {
      title: rt('col.rank'),
      key: 'rank',
      width: 64,
      align: 'center',
      fixed: 'left',
      render: (_, r) => r.rank ?? <Typography.Text type="secondary">–</Typography.Text>,
    },
    { title: p.groupTitle, dataIndex: 'label', key: 'label', width: 240, fixed: 'left' },
    countColumn(rt, 'assigned', 'col.assigned', p),
    countColumn(rt, 'due', 'col.due', p),
    {
      title: rt('col.completed'),
      children: [countColumn(rt, 'onTime', 'col.onTime', p), countColumn(rt, 'late', 'col.late', p)],
    },
    {
      title: rt('col.inProgressGroup'),
      children: [countColumn(rt, 'inProgress', 'col.inProgress', p), countColumn(rt, 'overdue', 'col.overdue', p)],
    },
    {
      title: rt('col.rates'),
      children: [
        rateColumn(rt, 'completionRate'),
        rateColumn(rt, 'completionOfDueRate'),
        rateColumn(rt, 'overdueRate'),
        rateColumn(rt, 'onTimeRate'),
      ],
    },
    {
      title: rt('col.extensions'),
      children: [countColumn(rt, 'extAsked', 'col.extAsked', p), countColumn(rt, 'extGranted', 'col.extGranted', p)],
    },
  ];
  if (p.showDossiers) {
    const d = (key: keyof DossierCounts, title: ReportTextKey) => ({
      title: rt(title),
      key: `d-${key}`,
      align: 'right' as const,
      width: 96,
      render: (_: unknown, r: ReviewRow) => (r.dossiers ? formatNumber(r.dossiers[key]) : ''),
    });
    columns.push({
      title: rt('col.dossiers'),
      children: [
        d('received', 'col.received'),
        d('resolvedLate', 'col.resolvedLate'),
        d('pendingOverdue', 'col.pendingOverdue'),
      ],
    });
  }
  const measures: [Measure, ReportTextKey][] = [
    ['assigned', 'col.assigned'],
    ['due', 'col.due'],
    ['onTime', 'col.onTime'],
    ['late', 'col.late'],
    ['inProgress', 'col.inProgress'],
    ['overdue', 'col.overdue'],
  ];
  return (
    <Table<ReviewRow>
      size="small"
      bordered
      rowKey="key"
      columns={columns}
      dataSource={p.rows}
      pagination={p.rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
      scroll={{ x: 1500 }}
      data-testid="review-table"
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              <strong>{rt('total')}</strong>
            </Table.Summary.Cell>
            {measures.map(([m, title], i) => (
              <Table.Summary.Cell key={m} index={i + 2} align="right">
                <strong>
                  <Count
                    value={p.totals[m]}
                    measure={m}
                    rowKey="total"
                    label={`${rt('total')} — ${rt(title)}: ${formatNumber(p.totals[m])}`}
                    links={p.totals.links}
                    exactOnly={p.exactOnly}
                    onOpen={p.onOpen}
                  />
                </strong>
              </Table.Summary.Cell>
            ))}
            {(['completionRate', 'completionOfDueRate', 'overdueRate', 'onTimeRate'] as const).map((k, i) => (
              <Table.Summary.Cell key={k} index={i + 8} align="right">
                <strong>{formatRate(p.totals[k])}</strong>
              </Table.Summary.Cell>
            ))}
            {(['extAsked', 'extGranted'] as const).map((m, i) => (
              <Table.Summary.Cell key={m} index={i + 12} align="right">
                <strong>
                  <Count
                    value={p.totals[m]}
                    measure={m}
                    rowKey="total"
                    label={`${rt('total')} — ${rt(m === 'extAsked' ? 'col.extAsked' : 'col.extGranted')}: ${formatNumber(p.totals[m])}`}
                    links={p.totals.links}
                    exactOnly={p.exactOnly}
                    onOpen={p.onOpen}
                  />
                </strong>
              </Table.Summary.Cell>
            ))}
            {p.showDossiers &&
              (['received', 'resolvedLate', 'pendingOverdue'] as const).map((k, i) => (
                <Table.Summary.Cell key={k} index={i + 14} align="right">
                  <strong>{p.totals.dossiers ? formatNumber(p.totals.dossiers[k]) : ''}</strong>
                </Table.Summary.Cell>
              ))}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
