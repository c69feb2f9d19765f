import type { ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { Flex, Typography } from 'antd';
import type { TaskSummary } from '../api/types';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { StatusTag } from './StatusTag';

/** A short list of tasks (the home page's buckets): content, lead unit, deadline, status, and a badge the page may add (e.g. "at risk"). */
export function TaskMiniList({
  tasks,
  emptyText,
  badge,
}: {
  tasks: TaskSummary[];
  emptyText: string;
  badge?: (task: TaskSummary) => ReactNode;
}) {
  const { t } = useI18n();
  if (!tasks.length) return <p className="task-mini-list-empty">{emptyText}</p>;
  return (
    <ul className="task-mini-list">
      {tasks.map((task) => (
        <li key={task.id}>
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Link to="/tasks/$taskId" params={{ taskId: task.id }} className="task-mini-list-link">
              #{task.id} {task.content}
            </Link>
            <Flex wrap gap={8} align="center">
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {task.leadUnit?.name}
                {task.deadline ? ` · ${t('task.deadline')}: ${formatDate(task.deadline)}` : ''}
              </Typography.Text>
              <StatusTag status={task.status} />
              {badge?.(task)}
            </Flex>
          </Flex>
        </li>
      ))}
    </ul>
  );
}
