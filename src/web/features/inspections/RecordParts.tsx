import { Link } from '@tanstack/react-router';
import { App, Button, Card, DatePicker, Flex, Form, Input, Modal, Radio, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { isApiError } from '../../api/client';
import { FieldSelect } from '../../components/FieldSelect';
import { formatDate, todayIso } from '../../format';
import { useInspectionMutations, type InspectionRecord, type Recommendation } from './api';
import { useInspectionText } from './text';

const FOLLOW_COLORS: Record<Recommendation['followUp'], string | undefined> = {
  completed: 'green',
  overdue: 'red',
  in_progress: 'blue',
  ended: undefined,
  not_yet_a_task: undefined,
};

/** Issuing the conclusion: number, date, and who assigns the follow-up tasks. */
export function ConcludeModal({ record: r, onClose }: { record: InspectionRecord; onClose: () => void }) {
  const { tr } = useInspectionText();
  const { message } = App.useApp();
  const m = useInspectionMutations();
  const [form] = Form.useForm<{ conclusionNumber: string; concludedOn: Dayjs; assigner: 'home_affairs' | 'city' }>();
  const submit = (v: { conclusionNumber: string; concludedOn: Dayjs; assigner: 'home_affairs' | 'city' }) =>
    m.conclude.mutate(
      {
        id: r.id,
        version: r.version,
        conclusionNumber: v.conclusionNumber,
        concludedOn: v.concludedOn.format('YYYY-MM-DD'),
        assigner: v.assigner,
      },
      {
        onSuccess: () => {
          message.success(tr('record.concluded'));
          onClose();
        },
        onError: (err) => message.error(isApiError(err) ? err.message : String(err)),
      },
    );
  return (
    <Modal
      open
      title={tr('record.conclude')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={tr('record.conclude')}
      confirmLoading={m.conclude.isPending}
      okButtonProps={{ 'data-testid': 'conclude-ok' } as never}
    >
      <Typography.Paragraph type="secondary">{tr('record.concludeHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ concludedOn: dayjs(todayIso()), assigner: 'home_affairs' }}
        onFinish={submit}
      >
        <Form.Item
          name="conclusionNumber"
          label={tr('record.conclusionNumber')}
          rules={[{ required: true, min: 3, max: 100 }]}
        >
          <Input placeholder="125/KL-SNV" />
        </Form.Item>
        <Form.Item name="concludedOn" label={tr('record.concludedOn')} rules={[{ required: true }]}>
          <DatePicker format="DD/MM/YYYY" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="assigner" label={tr('record.assigner')}>
          <Radio.Group
            options={[
              { value: 'home_affairs', label: tr('record.assigner.home_affairs') },
              { value: 'city', label: tr('record.assigner.city') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** After the conclusion: each recommendation with the task it became and how it stands. */
export function RecommendationsTable({ record: r, canAdd }: { record: InspectionRecord; canAdd: boolean }) {
  const { tr } = useInspectionText();
  const { message } = App.useApp();
  const m = useInspectionMutations();
  const [form] = Form.useForm<{ content: string; deadline: Dayjs; fieldCode?: string }>();
  const add = (v: { content: string; deadline: Dayjs; fieldCode?: string }) =>
    m.addRecommendation.mutate(
      { id: r.id, content: v.content, deadline: v.deadline.format('YYYY-MM-DD'), fieldCode: v.fieldCode ?? null },
      {
        onSuccess: () => form.resetFields(),
        onError: (err) => message.error(isApiError(err) ? err.message : String(err)),
      },
    );
  return (
    <Card size="small" title={tr('record.recommendations')} style={{ marginTop: 16 }}>
      <Table<Recommendation>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={r.recommendations}
        columns={[
          { title: tr('record.recommendation'), dataIndex: 'content' },
          { title: tr('record.deadline'), dataIndex: 'deadline', width: 120, render: formatDate },
          {
            title: tr('feedback.status'),
            key: 'task',
            width: 220,
            render: (_, x) => (
              <Flex gap={4} wrap>
                {x.taskId && (
                  <Link to="/tasks/$taskId" params={{ taskId: x.taskId }}>
                    {tr('record.task', { id: x.taskId })}
                  </Link>
                )}
                <Tag color={FOLLOW_COLORS[x.followUp]}>{tr(`follow.${x.followUp}`)}</Tag>
              </Flex>
            ),
          },
        ]}
      />
      {canAdd && (
        <Form form={form} layout="inline" onFinish={add} style={{ marginTop: 12, rowGap: 8 }}>
          <Form.Item name="content" rules={[{ required: true, min: 3 }]} style={{ flex: '1 1 320px' }}>
            <Input placeholder={tr('record.addAfter')} aria-label={tr('record.addAfter')} />
          </Form.Item>
          <Form.Item name="deadline" rules={[{ required: true }]}>
            <DatePicker format="DD/MM/YYYY" aria-label={tr('record.deadline')} />
          </Form.Item>
          <Form.Item name="fieldCode">
            <FieldSelect aria-label={tr('record.field')} />
          </Form.Item>
          <Button htmlType="submit" loading={m.addRecommendation.isPending}>
            {tr('record.add')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
