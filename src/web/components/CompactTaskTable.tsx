import type { ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { Flex, Progress, Table } from 'antd';
import type { TaskSummary } from '../api/types';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { StatusTag } from './StatusTag';

/** A small table of tasks: a document's tasks, a task's sub-tasks; `badge` adds to the status (e.g. "at risk"). */
export function CompactTaskTable({
  tasks,
  emptyText,
  badge,
}: {
  tasks: TaskSummary[];
  emptyText: string;
  badge?: (task: TaskSummary) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Table<TaskSummary>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={tasks}
      locale={{ emptyText }}
      scroll={tasks.length ? { x: 640 } : undefined}
      columns={[
        {
          title: t('task.content'),
          key: 'content',
          render: (_, s) => (
            <Link to="/tasks/$taskId" params={{ taskId: s.id }}>
              #{s.id} {s.content}
            </Link>
          ),
        },
        { title: t('task.leadUnit'), key: 'lead', render: (_, s) => s.leadUnit?.name, width: 180 },
        { title: t('task.deadline'), dataIndex: 'deadline', render: formatDate, width: 110 },
        {
          title: t('task.progress'),
          key: 'progress',
          width: 120,
          render: (_, s) => (
            <Progress percent={s.progress ?? 0} size="small" aria-label={`${t('task.progress')} #${s.id}`} />
          ),
        },
        {
          title: t('task.status'),
          key: 'status',
          width: 180,
          render: (_, s) => (
            <Flex wrap gap={4}>
              <StatusTag status={s.status} />
              {badge?.(s)}
            </Flex>
          ),
        },
      ]}
    />
  );
}
