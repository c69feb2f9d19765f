import { Link } from '@tanstack/react-router';
import { Flex, Progress, Table, Typography } from 'antd';
import type { ColumnsType, SortOrder } from 'antd/es/table/interface';
import type { TaskSort, TaskSummary } from '../../api/types';
import { StateTag, StatusTag } from '../../components/StatusTag';
import { formatDate } from '../../format';
import { useI18n, type Translate } from '../../i18n';
import type { RiskItem } from '../urging/api';
import { AtRiskBadge, useRiskFlags } from '../urging/AtRiskBadge';

interface Props {
  tasks: TaskSummary[];
  loading: boolean;
  sort: TaskSort;
  onSort(sort: TaskSort): void;
  emptyText: string;
}

const orderOf = (sort: TaskSort, column: 'id' | 'deadline'): SortOrder =>
  sort === column ? 'ascend' : sort === `-${column}` ? 'descend' : null;

export function deadlineText(task: TaskSummary, t: Translate): string {
  if (task.deadlineKind === 'none' || !task.deadline) return t('task.noDeadline');
  return formatDate(task.deadline);
}

function columns(t: Translate, sort: TaskSort, risk: Map<number, RiskItem>): ColumnsType<TaskSummary> {
  return [
    {
      key: 'id',
      title: t('task.id'),
      dataIndex: 'id',
      width: 80,
      sorter: true,
      sortOrder: orderOf(sort, 'id'),
      sortDirections: ['descend', 'ascend', 'descend'],
    },
    {
      key: 'content',
      title: t('task.content'),
      width: 380,
      render: (_, task) => (
        <Flex vertical gap={2}>
          <Link to="/tasks/$taskId" params={{ taskId: task.id }} className="task-content-cell">
            {task.content}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[task.documentNumber, task.periodLabel].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'lead', title: t('task.leadUnit'), width: 200, render: (_, task) => task.leadUnit?.name },
    {
      key: 'deadline',
      title: t('task.deadline'),
      width: 130,
      sorter: true,
      sortOrder: orderOf(sort, 'deadline'),
      sortDirections: ['ascend', 'descend', 'ascend'],
      render: (_, task) => (
        <Flex vertical>
          <span>{deadlineText(task, t)}</span>
          {task.originalDeadline && task.originalDeadline !== task.deadline && (
            <Typography.Text type="secondary" delete style={{ fontSize: 12 }}>
              {formatDate(task.originalDeadline)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'status',
      title: t('task.status'),
      width: 190,
      render: (_, task) => (
        <Flex vertical gap={2} align="flex-start">
          <StatusTag status={task.status} />
          <AtRiskBadge risk={risk.get(task.id)} />
          {task.daysOverdue ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('task.daysOverdue', { days: task.daysOverdue })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { key: 'state', title: t('task.state'), width: 150, render: (_, task) => <StateTag state={task.state} /> },
    {
      key: 'progress',
      title: t('task.progress'),
      width: 110,
      render: (_, task) =>
        task.progress == null ? null : (
          <Progress percent={task.progress} size="small" aria-label={`${t('task.progress')} ${task.progress}%`} />
        ),
    },
  ];
}

/** The task list's table; sorting is done by the server (deadline or number). */
export function TaskTable({ tasks, loading, sort, onSort, emptyText }: Props) {
  const { t } = useI18n();
  const risk = useRiskFlags(tasks.map((task) => task.id));
  return (
    <Table<TaskSummary>
      rowKey="id"
      size="middle"
      dataSource={tasks}
      columns={columns(t, sort, risk)}
      loading={loading}
      pagination={false}
      scroll={tasks.length ? { x: 1340 } : undefined}
      locale={{ emptyText }}
      onChange={(_, __, sorter) => {
        const s = Array.isArray(sorter) ? sorter[0] : sorter;
        const column = s?.columnKey === 'id' ? 'id' : 'deadline';
        onSort(s?.order === 'descend' ? (`-${column}` as TaskSort) : column);
      }}
    />
  );
}
