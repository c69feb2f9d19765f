import { useState } from 'react';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { App, Button, Card, DatePicker, Descriptions, Drawer, Flex, Form, Input, Skeleton, Table, Tabs } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCurrentUser } from '../../api/auth';
import { PageHeading } from '../../components/PageHeading';
import { QueryError } from '../../components/QueryError';
import { UnitSelect } from '../../components/UnitSelect';
import { applyServerIssues } from '../../components/serverIssues';
import { DATE_FORMAT, formatDate, toIsoDate } from '../../format';
import {
  useAnswerExplanation,
  useExplanationRequest,
  useExplanationRequests,
  useRequestExplanation,
  type ExplanationRequest,
} from './api';
import { CauseFields } from './CauseFields';
import { canAskExplanations } from './nav';
import { AnswerView, StatusTag } from './TaskDelayCard';
import { useExplanationText } from './text';

type Tab = 'pending' | 'overdue' | 'answered' | 'all';

/** /explanations: the requests asked or to answer; officers ask a unit; the unit answers in the drawer. */
export function ExplanationsPage() {
  const { tr } = useExplanationText();
  const user = useCurrentUser();
  const search = useSearch({ from: '/authenticated/explanations' });
  const navigate = useNavigate();
  const [tab, setTab] = useState<Tab>('pending');
  const open = (id: number | undefined) => void navigate({ to: '/explanations', search: id ? { id } : {} });
  return (
    <>
      <PageHeading title={tr('title')} />
      <Flex vertical gap={16}>
        {canAskExplanations(user) && <AskUnit onSent={open} />}
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as Tab)}
          items={(['pending', 'overdue', 'answered', 'all'] as const).map((k) => ({
            key: k,
            label: tr(`tab.${k}`),
            children: <Requests status={k === 'all' ? undefined : k} onOpen={open} />,
          }))}
        />
      </Flex>
      <Drawer
        open={Boolean(search.id)}
        onClose={() => open(undefined)}
        width={760}
        title={search.id ? tr('detail.title', { id: search.id }) : ''}
        destroyOnHidden
      >
        {search.id && <RequestDetail id={search.id} />}
      </Drawer>
    </>
  );
}

function Requests({ status, onOpen }: { status?: 'pending' | 'overdue' | 'answered'; onOpen: (id: number) => void }) {
  const { tr } = useExplanationText();
  const list = useExplanationRequests(status);
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Table<ExplanationRequest>
      rowKey="id"
      size="small"
      loading={list.isLoading}
      dataSource={list.data?.items ?? []}
      locale={{ emptyText: tr('none') }}
      data-testid="explanation-list"
      columns={[
        {
          title: tr('col.id'),
          dataIndex: 'id',
          width: 80,
          render: (id: number) => (
            <Button type="link" size="small" onClick={() => onOpen(id)} data-testid={`open-request-${id}`}>
              #{id}
            </Button>
          ),
        },
        { title: tr('col.unit'), render: (_, r) => r.unit.name },
        { title: tr('col.scope'), dataIndex: 'scope', render: (s: 'task' | 'overdue') => tr(`scope.${s}`) },
        { title: tr('col.tasks'), dataIndex: 'taskCount', width: 100, align: 'right' },
        { title: tr('col.requestedOn'), dataIndex: 'requestedOn', width: 120, render: formatDate },
        { title: tr('col.dueOn'), dataIndex: 'dueOn', width: 120, render: formatDate },
        {
          title: tr('col.status'),
          width: 150,
          render: (_, r) => <StatusTag status={r.status} overdue={r.overdue} />,
        },
        {
          title: tr('col.committedOn'),
          width: 150,
          render: (_, r) => formatDate(r.answer?.committedOn),
        },
      ]}
    />
  );
}

function AskUnit({ onSent }: { onSent: (id: number) => void }) {
  const { tr } = useExplanationText();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ unitId?: number; dueOn?: Dayjs; note?: string }>();
  const ask = useRequestExplanation();
  const submit = (v: { unitId?: number; dueOn?: Dayjs; note?: string }) =>
    ask.mutate(
      { unitId: v.unitId, dueOn: toIsoDate(v.dueOn) ?? '', note: v.note?.trim() || undefined },
      {
        onSuccess: (r) => {
          form.resetFields();
          void message.success(tr('ask.sent', { id: r.id }));
          onSent(r.id);
        },
        onError: (e) => {
          applyServerIssues(form, e);
          void message.error(e.message);
        },
      },
    );
  return (
    <Card size="small" title={tr('ask.title')}>
      <Form form={form} layout="inline" onFinish={submit} style={{ rowGap: 8 }}>
        <Form.Item name="unitId" label={tr('ask.unit')} rules={[{ required: true }]}>
          <UnitSelect
            kinds={['department', 'district', 'division', 'commune']}
            aria-label={tr('ask.unit')}
            style={{ minWidth: 280 }}
          />
        </Form.Item>
        <Form.Item name="dueOn" label={tr('ask.dueOn')} rules={[{ required: true }]}>
          <DatePicker format={DATE_FORMAT} aria-label={tr('ask.dueOn')} />
        </Form.Item>
        <Form.Item name="note" label={tr('ask.note')}>
          <Input style={{ minWidth: 280 }} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={ask.isPending} data-testid="send-request">
          {tr('ask.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function RequestDetail({ id }: { id: number }) {
  const { tr } = useExplanationText();
  const q = useExplanationRequest(id);
  if (q.isLoading) return <Skeleton active />;
  if (q.error || !q.data) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  return (
    <Flex vertical gap={16} data-testid="explanation-request">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={tr('col.unit')}>{r.unit.name}</Descriptions.Item>
        <Descriptions.Item label={tr('detail.requestedBy')}>
          {r.requestedBy.fullName} · {formatDate(r.requestedOn)}
        </Descriptions.Item>
        <Descriptions.Item label={tr('col.dueOn')}>
          {formatDate(r.dueOn)} <StatusTag status={r.status} overdue={r.overdue} />
        </Descriptions.Item>
        {r.note && <Descriptions.Item label={tr('detail.note')}>{r.note}</Descriptions.Item>}
      </Descriptions>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        title={() => tr('detail.tasks')}
        dataSource={r.tasks ?? []}
        columns={[
          {
            title: '#',
            dataIndex: 'id',
            width: 70,
            render: (tid: number) => (
              <Link to="/tasks/$taskId" params={{ taskId: tid }}>
                #{tid}
              </Link>
            ),
          },
          { title: tr('ask.task'), dataIndex: 'content' },
          { title: tr('col.dueOn'), dataIndex: 'deadline', width: 110, render: formatDate },
        ]}
      />
      {r.answer ? (
        <>
          <h3 style={{ margin: 0, fontSize: 15 }}>{tr('detail.answer')}</h3>
          <AnswerView answer={r.answer} />
        </>
      ) : (
        r.canAnswer && <AnswerForm id={r.id} />
      )}
    </Flex>
  );
}

interface AnswerValues {
  causeCodes?: string[];
  causeNote?: string;
  measures?: string;
  committedOn?: Dayjs;
}

function AnswerForm({ id }: { id: number }) {
  const { tr } = useExplanationText();
  const { message } = App.useApp();
  const [form] = Form.useForm<AnswerValues>();
  const answer = useAnswerExplanation(id);
  const submit = (v: AnswerValues) =>
    answer.mutate(
      {
        causeCodes: v.causeCodes ?? [],
        causeNote: v.causeNote?.trim() || undefined,
        measures: v.measures?.trim() ?? '',
        committedOn: toIsoDate(v.committedOn) ?? '',
      },
      {
        onSuccess: () => void message.success(tr('answer.sent')),
        onError: (e) => {
          applyServerIssues(form, e);
          void message.error(e.message);
        },
      },
    );
  return (
    <Card size="small" title={tr('detail.answer')}>
      <Form form={form} layout="vertical" onFinish={submit} data-testid="answer-form">
        <CauseFields noteName="causeNote" />
        <Form.Item name="measures" label={tr('answer.measures')} rules={[{ required: true, min: 3 }]}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="committedOn" label={tr('answer.committedOn')} rules={[{ required: true }]}>
          <DatePicker format={DATE_FORMAT} aria-label={tr('answer.committedOn')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={answer.isPending} data-testid="send-answer">
          {tr('answer.submit')}
        </Button>
      </Form>
    </Card>
  );
}
