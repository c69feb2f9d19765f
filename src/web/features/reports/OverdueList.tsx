import { Link } from '@tanstack/react-router';
import { Table, Tag, Typography } from 'antd';
import { formatDate, formatNumber } from '../../format';
import type { OverdueItem } from './api';
import { useReportText } from './i18n';

/** The backlog on the cut-off, longest overdue first; those urged often enough are flagged for the briefing. */
export function OverdueList({ overdue }: { overdue: { total: number; items: OverdueItem[] } }) {
  const rt = useReportText();
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 16 }}>
        {rt('overdueList', { n: formatNumber(overdue.total) })}
      </Typography.Title>
      <Table<OverdueItem>
        size="small"
        rowKey="id"
        dataSource={overdue.items}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 900 }}
        columns={[
          {
            title: rt('content'),
            key: 'content',
            render: (_, o) => (
              <Link to="/tasks/$taskId" params={{ taskId: o.id }}>
                {o.content}
              </Link>
            ),
          },
          { title: rt('leadUnit'), dataIndex: 'lead_name', width: 220 },
          { title: rt('deadline'), key: 'deadline', width: 120, render: (_, o) => formatDate(o.deadline_as_of) },
          { title: rt('daysOverdue'), dataIndex: 'days_overdue', width: 110, align: 'right' },
          {
            title: rt('urgings'),
            key: 'urgings',
            width: 150,
            render: (_, o) => (
              <>
                {o.urgings} {o.forBriefing && <Tag color="red">{rt('forBriefing')}</Tag>}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
