import { useEffect, useState } from 'react';
import { Link, useParams } from '@tanstack/react-router';
import { App, Button, Card, DatePicker, Flex, Form, Input, Popconfirm, Skeleton, Space, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { isApiError } from '../../api/client';
import { FieldSelect } from '../../components/FieldSelect';
import { PageHeading } from '../../components/PageHeading';
import { QueryError } from '../../components/QueryError';
import { formatDate } from '../../format';
import { useInspectionMutations, useRecord, type InspectionRecord } from './api';
import { ConcludeModal, RecommendationsTable } from './RecordParts';
import { useInspectionText } from './text';

interface RecordFormValues {
  inspectedOn?: Dayjs | null;
  findings: string;
  conclusion: string;
  responsibilities: { personName: string; position?: string; fault: string; measure?: string }[];
  recommendations: { content: string; deadline: Dayjs; fieldCode?: string | null }[];
}

/** One inspection record: findings, conclusion, responsibility, recommendations; issue and publish. */
export function RecordPage() {
  const { recordId } = useParams({ from: '/authenticated/inspections/records/$recordId' });
  const { tr } = useInspectionText();
  const record = useRecord(recordId);
  const [concluding, setConcluding] = useState(false);
  if (record.error) return <QueryError error={record.error} onRetry={() => void record.refetch()} />;
  if (!record.data) return <Skeleton active />;
  const r = record.data;
  const can = (a: string) => r.allowedActions.includes(a);
  return (
    <>
      <PageHeading
        title={tr('record.title', { unit: r.unit.name })}
        extra={
          <>
            <Tag color={r.status === 'concluded' ? 'blue' : undefined}>
              {r.status === 'concluded' ? tr('record.concludedTag') : tr('record.draft')}
            </Tag>
            <Tag color={r.published ? 'green' : undefined}>
              {r.published ? tr('record.published') : tr('record.notPublished')}
            </Tag>
            {can('conclude') && (
              <Button type="primary" onClick={() => setConcluding(true)} data-testid="conclude">
                {tr('record.conclude')}
              </Button>
            )}
            <PublishButton record={r} />
            {r.published && (
              <a href={`/portal/conclusions/${r.id}`} target="_blank" rel="noreferrer">
                {tr('record.openPortal')}
              </a>
            )}
          </>
        }
      />
      <p>
        <Link to="/inspections/plans/$planId" params={{ planId: r.plan.id }}>
          {r.plan.title}
        </Link>
        {r.conclusionNumber &&
          ` · ${tr('record.conclusionNumber')} ${r.conclusionNumber}, ${formatDate(r.concludedOn)} · ${r.assignerUnit?.name ?? ''}`}
      </p>
      <RecordForm record={r} editable={can('edit')} />
      {r.status === 'concluded' && <RecommendationsTable record={r} canAdd={can('add_recommendation')} />}
      {concluding && <ConcludeModal record={r} onClose={() => setConcluding(false)} />}
    </>
  );
}

function PublishButton({ record: r }: { record: InspectionRecord }) {
  const { tr } = useInspectionText();
  const { message } = App.useApp();
  const m = useInspectionMutations();
  const publish = r.allowedActions.includes('publish');
  if (!publish && !r.allowedActions.includes('unpublish')) return null;
  const run = () =>
    m.publish.mutate(
      { id: r.id, version: r.version, publish },
      { onError: (err) => message.error(isApiError(err) ? err.message : String(err)) },
    );
  return (
    <Popconfirm title={publish ? tr('record.publishConfirm') : tr('record.unpublish')} onConfirm={run}>
      <Button danger={!publish} loading={m.publish.isPending} data-testid={publish ? 'publish' : 'unpublish'}>
        {publish ? tr('record.publish') : tr('record.unpublish')}
      </Button>
    </Popconfirm>
  );
}

function RecordForm({ record: r, editable }: { record: InspectionRecord; editable: boolean }) {
  const { tr } = useInspectionText();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordFormValues>();
  const m = useInspectionMutations();
  const initial = recordFormValues(r);
  // The form's initial values apply at mount only: after each save, show what the server kept.
  useEffect(() => form.setFieldsValue(recordFormValues(r)), [r.version]);
  const save = (v: RecordFormValues) =>
    m.saveRecord.mutate(
      {
        id: r.id,
        version: r.version,
        inspectedOn: v.inspectedOn ? v.inspectedOn.format('YYYY-MM-DD') : null,
        findings: v.findings ?? '',
        conclusion: v.conclusion ?? '',
        responsibilities: v.responsibilities ?? [],
        recommendations:
          r.status === 'draft'
            ? (v.recommendations ?? []).map((x) => ({
                content: x.content,
                deadline: x.deadline.format('YYYY-MM-DD'),
                fieldCode: x.fieldCode ?? null,
              }))
            : [],
      },
      {
        onSuccess: () => message.success(tr('record.saved')),
        onError: (err) => message.error(isApiError(err) ? err.message : String(err)),
      },
    );
  return (
    <Form<RecordFormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      disabled={!editable}
      onFinish={save}
      style={{ maxWidth: 960 }}
    >
      <Form.Item name="inspectedOn" label={tr('record.inspectedOn')}>
        <DatePicker format="DD/MM/YYYY" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="findings" label={tr('record.findings')} rules={[{ max: 50000 }]}>
        <Input.TextArea rows={6} />
      </Form.Item>
      <Form.Item name="conclusion" label={tr('record.conclusion')} rules={[{ max: 50000 }]}>
        <Input.TextArea rows={5} />
      </Form.Item>
      <Card size="small" title={tr('record.responsibilities')} style={{ marginBottom: 16 }}>
        <Form.List name="responsibilities">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} wrap gap={8} align="start">
                  <Form.Item
                    name={[f.name, 'personName']}
                    rules={[{ required: true, min: 2 }]}
                    style={{ flex: '1 1 160px' }}
                  >
                    <Input placeholder={tr('record.person')} aria-label={tr('record.person')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'position']} style={{ flex: '1 1 160px' }}>
                    <Input placeholder={tr('record.position')} aria-label={tr('record.position')} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'fault']}
                    rules={[{ required: true, min: 3 }]}
                    style={{ flex: '2 1 240px' }}
                  >
                    <Input placeholder={tr('record.fault')} aria-label={tr('record.fault')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'measure']} style={{ flex: '1 1 160px' }}>
                    <Input placeholder={tr('record.measure')} aria-label={tr('record.measure')} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label="−" onClick={() => remove(f.name)} />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})}>
                {tr('record.add')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>
      {r.status === 'draft' && (
        <Card size="small" title={tr('record.recommendations')} style={{ marginBottom: 16 }}>
          <Form.List name="recommendations">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Flex key={f.key} wrap gap={8} align="start">
                    <Form.Item
                      name={[f.name, 'content']}
                      rules={[{ required: true, min: 3 }]}
                      style={{ flex: '3 1 320px' }}
                    >
                      <Input.TextArea
                        rows={2}
                        placeholder={tr('record.recommendation')}
                        aria-label={tr('record.recommendation')}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'deadline']} rules={[{ required: true }]}>
                      <DatePicker
                        format="DD/MM/YYYY"
                        placeholder={tr('record.deadline')}
                        aria-label={tr('record.deadline')}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'fieldCode']} style={{ flex: '1 1 180px' }}>
                      <FieldSelect aria-label={tr('record.field')} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label="−" onClick={() => remove(f.name)} />
                  </Flex>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="add-recommendation">
                  {tr('record.add')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
      )}
      {editable && (
        <Space>
          <Button type="primary" htmlType="submit" loading={m.saveRecord.isPending} data-testid="save-record">
            {tr('record.save')}
          </Button>
        </Space>
      )}
    </Form>
  );
}

function recordFormValues(r: InspectionRecord): RecordFormValues {
  return {
    inspectedOn: r.inspectedOn ? dayjs(r.inspectedOn) : null,
    findings: r.findings,
    conclusion: r.conclusion,
    responsibilities: r.responsibilities.map((x) => ({
      personName: x.personName,
      position: x.position ?? undefined,
      fault: x.fault,
      measure: x.measure ?? undefined,
    })),
    recommendations: r.recommendations
      .filter((x) => !x.taskId)
      .map((x) => ({ content: x.content, deadline: dayjs(x.deadline), fieldCode: x.fieldCode })),
  };
}
