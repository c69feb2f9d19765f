import { useState } from 'react';
import { App, Button, Checkbox, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTaskAction } from '../../api/tasks';
import type { TaskDetail } from '../../api/types';
import { UnitSelect } from '../../components/UnitSelect';
import { toIsoDate } from '../../format';
import { useI18n } from '../../i18n';

interface Values {
  content: string;
  expectedProduct?: string;
  coordinatingUnitIds: number[];
  deadline?: Dayjs;
  backdated: boolean;
  reason: string;
}

/**
 * The assigning side corrects a task's record: content, product, coordinating units, and the
 * deadline as an adjustment (from today, or back-dated when it was entered wrong), with a reason.
 */
export function TaskCorrectionButton({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const action = useTaskAction(task);
  if (!task.allowedActions.includes('correct_record')) return null;
  const coordinating = (task.coordinatingUnits ?? []).map((u) => u.id);
  const submit = (v: Values) => {
    const body: Record<string, unknown> = { reason: v.reason };
    if (v.content !== task.content) body.content = v.content;
    if ((v.expectedProduct ?? '') !== (task.expectedProduct ?? '')) body.expectedProduct = v.expectedProduct || null;
    if ([...v.coordinatingUnitIds].sort().join() !== [...coordinating].sort().join())
      body.coordinatingUnitIds = v.coordinatingUnitIds;
    const date = toIsoDate(v.deadline);
    if (date && date !== task.deadline) body.deadline = { date, backdated: v.backdated };
    action.mutate(
      { path: 'corrections', body },
      {
        onSuccess: () => {
          void message.success(t('correction.saved'));
          setOpen(false);
        },
        onError: (e) => void message.error(e.message, 8),
      },
    );
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-action="correct_record">
        {t('correction.task')}
      </Button>
      <Modal
        open={open}
        title={t('correction.task')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('correction.save')}
        confirmLoading={action.isPending}
        destroyOnHidden
      >
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            content: task.content,
            expectedProduct: task.expectedProduct ?? '',
            coordinatingUnitIds: coordinating,
            deadline: task.deadline ? dayjs(task.deadline) : undefined,
            backdated: false,
          }}
        >
          <Form.Item name="content" label={t('task.content')} rules={[{ required: true, min: 3 }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Form.Item name="expectedProduct" label={t('task.expectedProduct')}>
            <Input />
          </Form.Item>
          <Form.Item name="coordinatingUnitIds" label={t('task.coordinatingUnits')}>
            <UnitSelect multiple />
          </Form.Item>
          <Form.Item name="deadline" label={t('correction.deadline')} extra={t('correction.deadlineHint')}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
          <Form.Item name="backdated" valuePropName="checked">
            <Checkbox>{t('correction.backdated')}</Checkbox>
          </Form.Item>
          <Form.Item name="reason" label={t('correction.reason')} rules={[{ required: true, min: 3 }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
