import { Link } from '@tanstack/react-router';
import { Descriptions, Progress, Table, Tag, Typography } from 'antd';
import type { ExtensionRequest, TaskDetail, TaskSummary } from '../../api/types';
import { CompactTaskTable } from '../../components/CompactTaskTable';
import { StateTag, StatusTag } from '../../components/StatusTag';
import { useFieldName } from '../../components/FieldSelect';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { deadlineText } from '../tasks/TaskTable';
import { AtRiskBadge, useRiskFlags } from '../urging/AtRiskBadge';

/** Content, document, units, deadline and state of a task. */
export function TaskGeneral({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  const fieldName = useFieldName();
  const risk = useRiskFlags([task.id]);
  const document = task.document;
  return (
    <Descriptions column={{ xs: 1, sm: 1, md: 2 }} bordered size="small" styles={{ label: { width: 170 } }}>
      <Descriptions.Item label={t('task.content')} span={{ xs: 1, sm: 1, md: 2 }}>
        <span className="task-content-cell">{task.content}</span>
        {task.isKey && (
          <Tag color="magenta" style={{ marginInlineStart: 8 }}>
            {t('task.isKey')}
          </Tag>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('task.status')}>
        <StatusTag status={task.status} />
        <AtRiskBadge risk={risk.get(task.id)} />
        {task.daysOverdue ? (
          <Typography.Text type="danger">{t('task.daysOverdue', { days: task.daysOverdue })}</Typography.Text>
        ) : null}
      </Descriptions.Item>
      <Descriptions.Item label={t('task.state')}>
        <StateTag state={task.state} />
      </Descriptions.Item>
      <Descriptions.Item label={t('task.deadline')}>
        {deadlineText(task, t)}
        {task.periodLabel ? ` (${task.periodLabel})` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('task.originalDeadline')}>
        {formatDate(task.originalDeadline) || t('common.none')}
      </Descriptions.Item>
      <Descriptions.Item label={t('task.progress')}>
        <Progress percent={task.progress ?? 0} size="small" style={{ maxWidth: 240 }} aria-label={t('task.progress')} />
      </Descriptions.Item>
      <Descriptions.Item label={t('task.assignedOn')}>{formatDate(task.assignedOn)}</Descriptions.Item>
      <Descriptions.Item label={t('task.document')} span={{ xs: 1, sm: 1, md: 2 }}>
        {task.documentId ? (
          <Link to="/documents/$documentId" params={{ documentId: task.documentId }}>
            {document?.numberSymbol ?? task.documentNumber}
          </Link>
        ) : (
          t('common.none')
        )}
        {document?.summary ? ` — ${document.summary}` : ''}
        {task.paragraph ? ` (${t('task.paragraph')}: ${task.paragraph})` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('task.assigner')}>{task.assignerUnit?.name ?? t('common.none')}</Descriptions.Item>
      <Descriptions.Item label={t('task.leadUnit')}>{task.leadUnit?.name}</Descriptions.Item>
      <Descriptions.Item label={t('task.coordinatingUnits')} span={{ xs: 1, sm: 1, md: 2 }}>
        {task.coordinatingUnits?.length ? task.coordinatingUnits.map((u) => u.name).join('; ') : t('common.none')}
      </Descriptions.Item>
      <Descriptions.Item label={t('task.field')}>{fieldName(task.fieldCode) || t('common.none')}</Descriptions.Item>
      <Descriptions.Item label={t('task.leader')}>{task.leader?.fullName ?? t('common.none')}</Descriptions.Item>
      {task.assignee && <Descriptions.Item label={t('task.assignee')}>{task.assignee.fullName}</Descriptions.Item>}
      {task.expectedProduct && (
        <Descriptions.Item label={t('task.expectedProduct')}>{task.expectedProduct}</Descriptions.Item>
      )}
      {task.parentId && (
        <Descriptions.Item label={t('task.parent')}>
          <Link to="/tasks/$taskId" params={{ taskId: task.parentId }}>
            #{task.parentId}
          </Link>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

export function DeadlineHistory({ history }: { history: TaskDetail['deadlineHistory'] }) {
  const { t } = useI18n();
  return (
    <Table
      size="small"
      rowKey={(row) => `${row.effectiveOn}-${row.deadline}`}
      pagination={false}
      dataSource={history ?? []}
      columns={[
        { title: t('detail.effectiveOn'), dataIndex: 'effectiveOn', render: formatDate },
        {
          title: t('task.deadline'),
          dataIndex: 'deadline',
          render: (d: string | null) => formatDate(d) || t('task.noDeadline'),
        },
      ]}
    />
  );
}

export function ExtensionRequests({ requests }: { requests: ExtensionRequest[] }) {
  const { t } = useI18n();
  const colour = { pending: 'orange', approved: 'green', refused: 'red', withdrawn: 'default' } as const;
  return (
    <Table<ExtensionRequest>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={requests}
      locale={{ emptyText: t('common.none') }}
      columns={[
        { title: t('detail.requestedOn'), dataIndex: 'requestedOn', render: formatDate, width: 110 },
        { title: t('form.newDeadline'), dataIndex: 'requestedDeadline', render: formatDate, width: 120 },
        { title: t('form.reason'), dataIndex: 'reason' },
        {
          title: t('task.state'),
          key: 'state',
          width: 150,
          render: (_, r) => (
            <>
              <Tag color={colour[r.status]}>{t(`detail.extension.${r.status}`)}</Tag>
              {r.decidedOn && <div style={{ fontSize: 12 }}>{formatDate(r.decidedOn)}</div>}
              {r.decisionReason && <div style={{ fontSize: 12 }}>{r.decisionReason}</div>}
            </>
          ),
        },
      ]}
    />
  );
}

export function Subtasks({ subtasks }: { subtasks: TaskSummary[] }) {
  const { t } = useI18n();
  const risk = useRiskFlags(subtasks.map((task) => task.id));
  return (
    <CompactTaskTable
      tasks={subtasks}
      emptyText={t('detail.noSubtasks')}
      badge={(task) => <AtRiskBadge risk={risk.get(task.id)} />}
    />
  );
}
