import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useUsers } from '../../api/reference';
import { applyServerIssues } from '../../components/serverIssues';
import { DATE_FORMAT, formatDate, toIsoDate } from '../../format';
import { useSaveRectification, type Rectification } from './api';
import { useReportText } from './i18n';

const STATUSES = ['open', 'in_progress', 'done'] as const;

/** Rectification records (chấn chỉnh): who, why, the measure, its follow-up; the status is changed in place. */
export function Rectifications({ unitId, records }: { unitId: number; records: Rectification[] }) {
  const rt = useReportText();
  const save = useSaveRectification();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const setStatus = (r: Rectification, status: Rectification['status']) =>
    save.mutate({ id: r.id, body: { version: r.version, status } }, { onError: (e) => void message.error(e.message) });
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 16 }}>
        {rt('rectifications')}
      </Typography.Title>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} style={{ marginBottom: 8 }}>
        {rt('addRectification')}
      </Button>
      <Table<Rectification>
        size="small"
        rowKey="id"
        dataSource={records}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 1000 }}
        columns={[
          { title: rt('person'), key: 'person', width: 180, render: (_, r) => r.person.name },
          { title: rt('cause'), dataIndex: 'cause' },
          { title: rt('measure'), dataIndex: 'measure' },
          { title: rt('followUp'), dataIndex: 'followUp' },
          { title: rt('dueOn'), key: 'dueOn', width: 110, render: (_, r) => formatDate(r.dueOn) },
          {
            title: rt('status'),
            key: 'status',
            width: 170,
            render: (_, r) => (
              <Select
                aria-label={rt('status')}
                size="small"
                style={{ width: 150 }}
                value={r.status}
                onChange={(s) => setStatus(r, s)}
                options={STATUSES.map((s) => ({ value: s, label: rt(`status.${s}`) }))}
              />
            ),
          },
        ]}
      />
      <RectificationForm unitId={unitId} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

function RectificationForm({ unitId, open, onClose }: { unitId: number; open: boolean; onClose(): void }) {
  const rt = useReportText();
  const [form] = Form.useForm();
  const users = useUsers({ unitId }, open);
  const save = useSaveRectification();
  const submit = (v: Record<string, unknown>) =>
    save.mutate(
      { body: { ...v, unitId, dueOn: v.dueOn ? toIsoDate(v.dueOn as never) : null } },
      { onSuccess: () => (form.resetFields(), onClose()), onError: (e) => applyServerIssues(form, e) },
    );
  return (
    <Modal
      open={open}
      title={rt('addRectification')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={rt('save')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="personUserId" label={rt('personUser')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={(users.data ?? []).map((u) => ({ value: u.id, label: u.fullName }))}
          />
        </Form.Item>
        <Form.Item name="personName" label={rt('personName')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="taskId" label={rt('taskId')}>
          <InputNumber min={1} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="cause" label={rt('cause')} rules={[{ required: true, min: 3 }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="measure" label={rt('measure')} rules={[{ required: true, min: 3 }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="followUp" label={rt('followUp')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="dueOn" label={rt('dueOn')}>
          <DatePicker format={DATE_FORMAT} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
