import { App, Alert, Descriptions, Form, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTaskAction } from '../../api/tasks';
import type { TaskDetail } from '../../api/types';
import { formatDate, toIsoDate } from '../../format';
import { useI18n } from '../../i18n';
import { applyServerIssues } from '../../components/serverIssues';
import type { ActionSpec } from './actionSpecs';
import { ActionInputs } from './ActionInputs';

export interface ActionFormValues {
  note?: string;
  percent?: number;
  fileIds?: number[];
  newDeadline?: Dayjs;
  reason?: string;
  resultDocument?: string;
  text?: string;
  leadUnitId?: number;
  content?: string;
  target?: 'unit' | 'user';
  subtaskUnitId?: number;
  assigneeUserId?: number;
  deadline?: Dayjs;
  unitDocNumber?: string;
  unitDocDate?: Dayjs;
  acceptDated?: boolean;
}

/** The JSON body the server expects for an action, from the form's values. */
export function actionBody(spec: ActionSpec, v: ActionFormValues): Record<string, unknown> {
  if (spec.key === 'hand_down') {
    return {
      content: v.content,
      ...(v.target === 'user' ? { assigneeUserId: v.assigneeUserId } : { leadUnitId: v.subtaskUnitId }),
      deadline: toIsoDate(v.deadline) ?? null,
    };
  }
  const body: Record<string, unknown> = {};
  for (const input of spec.inputs) {
    if (input === 'note' || input === 'noteOptional') body.note = v.note?.trim() || undefined;
    if (input === 'percent') body.percent = v.percent;
    if (input === 'files') body.fileIds = v.fileIds?.length ? v.fileIds : undefined;
    if (input === 'newDeadline') body.newDeadline = toIsoDate(v.newDeadline);
    if (input === 'reason' || input === 'reasonOptional') body.reason = v.reason?.trim() || undefined;
    if (input === 'resultDocument') body.resultDocument = v.resultDocument?.trim() || undefined;
    if (input === 'text') body.text = v.text?.trim();
    if (input === 'leadUnitId') body.leadUnitId = v.leadUnitId;
    if (input === 'unitDocument' && v.unitDocNumber?.trim() && v.unitDocDate)
      body.document = { number: v.unitDocNumber.trim(), date: toIsoDate(v.unitDocDate) };
    if (input === 'acceptDated' && v.acceptDated) body.acceptDated = true;
  }
  return body;
}

interface Props {
  task: TaskDetail;
  spec: ActionSpec;
  onClose(): void;
}

/** One action of the task as a modal form; the server's answer replaces the task on screen. */
export function ActionModal({ task, spec, onClose }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionFormValues>();
  const action = useTaskAction(task);
  const pending = task.extensionRequests?.find((r) => r.status === 'pending');

  const onFinish = (values: ActionFormValues) =>
    action.mutate(
      { path: spec.path(task), body: actionBody(spec, values) },
      {
        onSuccess: () => {
          void message.success(`${t(spec.label)}: ${t('common.done').toLowerCase()}`);
          onClose();
        },
        onError: (error) =>
          applyServerIssues(form, error, (path) =>
            path[0] === 'deadline' && spec.key !== 'hand_down'
              ? ['newDeadline']
              : path[0] === 'document'
                ? [path[1] === 'number' ? 'unitDocNumber' : 'unitDocDate']
                : path,
          ),
      },
    );

  return (
    <Modal
      open
      title={`${t(spec.label)} — #${task.id}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(spec.label)}
      okButtonProps={{ danger: spec.danger, ...({ 'data-testid': 'action-submit' } as Record<string, string>) }}
      cancelText={t('common.cancel')}
      confirmLoading={action.isPending}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }}>
        {task.content}
      </Typography.Paragraph>
      {spec.question && <Typography.Paragraph strong>{t(spec.question)}</Typography.Paragraph>}
      {pending && (spec.key === 'approve_extension' || spec.key === 'refuse_extension') && (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('task.deadline')}>{formatDate(task.deadline)}</Descriptions.Item>
          <Descriptions.Item label={t('form.newDeadline')}>{formatDate(pending.requestedDeadline)}</Descriptions.Item>
          <Descriptions.Item label={t('form.reason')}>{pending.reason}</Descriptions.Item>
        </Descriptions>
      )}
      {action.error && (
        <Alert type="error" showIcon title={action.error.message} style={{ marginBottom: 16 }} role="alert" />
      )}
      <Form<ActionFormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ percent: task.progress ?? 0, target: 'unit' }}
      >
        <ActionInputs spec={spec} task={task} />
      </Form>
    </Modal>
  );
}
