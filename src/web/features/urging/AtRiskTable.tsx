import { Link } from '@tanstack/react-router';
import { Alert, Progress, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { QueryError } from '../../components/QueryError';
import { pickLanguage } from '../../i18n';
import { useMonitoringText } from '../notifications/text';
import { useAtRisk, type RiskItem } from './api';

/** Open tasks at risk of becoming overdue, riskiest first, with the reasons in words. */
export function AtRiskTable() {
  const { tr, language } = useMonitoringText();
  const q = useAtRisk();
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <>
      <Alert type="info" showIcon title={tr('r.help')} style={{ marginBottom: 12 }} />
      <Table<RiskItem>
        rowKey="taskId"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: tr('r.none') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="at-risk-table"
        columns={[
          {
            title: tr('r.score'),
            dataIndex: 'score',
            width: 110,
            render: (s: number, r) => (
              <Tag color={r.level === 'high' ? 'red' : 'orange'}>
                {s} · {tr(`r.level.${r.level}`)}
              </Tag>
            ),
          },
          {
            title: tr('task'),
            dataIndex: 'content',
            render: (c: string, r) => (
              <Link to="/tasks/$taskId" params={{ taskId: r.taskId }}>
                #{r.taskId} {c}
              </Link>
            ),
          },
          { title: tr('l.lead'), dataIndex: ['leadUnit', 'name'], width: 200 },
          {
            title: tr('l.deadline'),
            dataIndex: 'deadline',
            width: 110,
            render: (d: string) => dayjs(d).format('DD/MM/YYYY'),
          },
          { title: tr('r.daysLeft'), dataIndex: 'daysLeft', width: 90, align: 'right' },
          {
            title: tr('r.progress'),
            dataIndex: 'progress',
            width: 120,
            render: (p: number) => <Progress percent={p} size="small" />,
          },
          {
            title: tr('r.reasons'),
            key: 'reasons',
            render: (_: unknown, r) => r.reasons.map((x) => <div key={x.factor}>• {pickLanguage(language, x)}</div>),
          },
        ]}
      />
    </>
  );
}
