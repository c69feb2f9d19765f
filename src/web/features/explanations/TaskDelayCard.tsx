import { useState } from 'react';
import { Link } from '@tanstack/react-router';
import { App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, List, Modal, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { TaskDetail } from '../../api/types';
import { applyServerIssues } from '../../components/serverIssues';
import { DATE_FORMAT, formatDate, toIsoDate } from '../../format';
import { useRequestExplanation, useSetDelayCauses, useTaskDelay, type ExplanationRequest } from './api';
import { CauseFields, useCauseNames } from './CauseFields';
import { useExplanationText } from './text';

const LATE = ['in_progress_overdue', 'completed_late'];

/**
 * On the task screen: the causes of delay the lead unit gave and the explanation requests on
 * the task; the lead unit records causes, the assigning side asks for an explanation.
 */
export function TaskDelayCard({ task }: { task: TaskDetail }) {
  const { tr } = useExplanationText();
  const delay = useTaskDelay(task.id);
  const names = useCauseNames();
  const late = task.status !== null && LATE.includes(task.status);
  const canSet = late && task.allowedActions.includes('set_delay_causes');
  const canAsk = late && task.allowedActions.includes('request_explanation');
  const d = delay.data;
  if (!late && !d?.causes && !d?.requests.length) return null;
  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{tr('task.card')}</h2>}
      style={{ marginBottom: 16 }}
      data-testid="task-delay"
      extra={
        <Flex gap={8}>
          {canSet && <SetCauses task={task} initial={d?.causes ?? null} />}
          {canAsk && <AskOne taskId={task.id} />}
        </Flex>
      }
    >
      {d?.causes ? (
        <Flex vertical gap={4}>
          <Typography.Text data-testid="task-causes">{names(d.causes.causeCodes, d.causes.note)}</Typography.Text>
          <Typography.Text type="secondary">
            {tr('task.setOn', { date: formatDate(d.causes.setOn), by: d.causes.setBy ?? '' })}
          </Typography.Text>
        </Flex>
      ) : (
        <Typography.Text type="secondary">{tr('task.noCauses')}</Typography.Text>
      )}
      {d && d.requests.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{tr('task.requests')}</Typography.Text>}
          dataSource={d.requests}
          renderItem={(r) => (
            <List.Item
              actions={[
                <Link key="open" to="/explanations" search={{ id: r.id }}>
                  {tr('task.openRequest')}
                </Link>,
              ]}
            >
              #{r.id} · {formatDate(r.requestedOn)} → {formatDate(r.dueOn)}{' '}
              <StatusTag status={r.status} overdue={r.overdue} />
              {r.answer?.committedOn ? ` · ${tr('col.committedOn')}: ${formatDate(r.answer.committedOn)}` : ''}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function StatusTag({ status, overdue }: { status: 'pending' | 'answered'; overdue: boolean }) {
  const { tr } = useExplanationText();
  if (status === 'answered') return <Tag color="green">{tr('status.answered')}</Tag>;
  return overdue ? <Tag color="red">{tr('status.overdue')}</Tag> : <Tag color="orange">{tr('status.pending')}</Tag>;
}

function SetCauses({
  task,
  initial,
}: {
  task: TaskDetail;
  initial: { causeCodes: string[]; note: string | null } | null;
}) {
  const { tr } = useExplanationText();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ causeCodes?: string[]; note?: string }>();
  const save = useSetDelayCauses(task.id);
  const submit = (v: { causeCodes?: string[]; note?: string }) =>
    save.mutate(
      { version: task.version, causeCodes: v.causeCodes ?? [], note: v.note?.trim() || null },
      {
        onSuccess: () => {
          setOpen(false);
          void message.success(tr('task.saved'));
        },
        onError: (e) => {
          applyServerIssues(form, e);
          void message.error(e.message);
        },
      },
    );
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="set-causes">
        {tr('task.set')}
      </Button>
      <Modal
        open={open}
        title={tr('task.set')}
        okText={tr('task.save')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
        width={720}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ causeCodes: initial?.causeCodes ?? [], note: initial?.note ?? '' }}
        >
          <CauseFields />
        </Form>
      </Modal>
    </>
  );
}

function AskOne({ taskId }: { taskId: number }) {
  const { tr } = useExplanationText();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ dueOn?: Dayjs; note?: string }>();
  const ask = useRequestExplanation();
  const submit = (v: { dueOn?: Dayjs; note?: string }) =>
    ask.mutate(
      { taskId, dueOn: toIsoDate(v.dueOn) ?? '', note: v.note?.trim() || undefined },
      {
        onSuccess: (r) => {
          setOpen(false);
          void message.success(tr('ask.sent', { id: r.id }));
        },
        onError: (e) => {
          applyServerIssues(form, e);
          void message.error(e.message);
        },
      },
    );
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="ask-explanation">
        {tr('ask.oneTask')}
      </Button>
      <Modal
        open={open}
        title={tr('ask.oneTask')}
        okText={tr('ask.submit')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={ask.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="dueOn" label={tr('ask.dueOn')} rules={[{ required: true }]}>
            <DatePicker format={DATE_FORMAT} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="note" label={tr('ask.note')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The answer, as a description list (request screen and task screen). */
export function AnswerView({ answer }: { answer: NonNullable<ExplanationRequest['answer']> }) {
  const { tr } = useExplanationText();
  const names = useCauseNames();
  return (
    <Descriptions size="small" column={1} bordered data-testid="explanation-answer">
      <Descriptions.Item label={tr('answer.causes')}>{names(answer.causeCodes, answer.causeNote)}</Descriptions.Item>
      <Descriptions.Item label={tr('answer.measures')}>{answer.measures}</Descriptions.Item>
      <Descriptions.Item label={tr('answer.committedOn')}>{formatDate(answer.committedOn)}</Descriptions.Item>
      <Descriptions.Item label={tr('detail.answeredBy')}>
        {answer.by} · {formatDate(answer.on)}
      </Descriptions.Item>
    </Descriptions>
  );
}
