import { Link } from '@tanstack/react-router';
import { Flex, List, Typography } from 'antd';
import type { TaskSummary } from '../api/types';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { StatusTag } from './StatusTag';

/** A short list of tasks (home page buckets, a document's tasks on narrow screens). */
export function TaskMiniList({ tasks, emptyText }: { tasks: TaskSummary[]; emptyText: string }) {
  const { t } = useI18n();
  return (
    <List
      size="small"
      dataSource={tasks}
      locale={{ emptyText }}
      renderItem={(task) => (
        <List.Item>
          <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
            <Link to="/tasks/$taskId" params={{ taskId: task.id }}>
              <Typography.Text ellipsis={{ tooltip: task.content }} style={{ color: 'inherit' }}>
                #{task.id} {task.content}
              </Typography.Text>
            </Link>
            <Flex wrap gap={8} align="center">
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {task.leadUnit?.name}
                {task.deadline ? ` · ${t('task.deadline')}: ${formatDate(task.deadline)}` : ''}
              </Typography.Text>
              <StatusTag status={task.status} />
            </Flex>
          </Flex>
        </List.Item>
      )}
    />
  );
}
