import { useEffect, useState } from 'react';
import { Link, useParams } from '@tanstack/react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Popconfirm,
  Row,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { PageHeading } from '../../components/PageHeading';
import { useSigners } from '../../api/signers';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n';
import { useMonitoringText } from '../notifications/text';
import { useEditLetter, useIssueLetter, useLetter, type Letter, type LetterTask } from './api';

type FormValues = Omit<Letter, 'letterDate'> & { letterDate: dayjs.Dayjs };
const TEXT_FIELDS = [
  'numberSymbol',
  'place',
  'subject',
  'recipients',
  'opening',
  'closing',
  'signerTitle',
  'signerName',
  'copiesTo',
] as const;

/** /urging/:id — the draft in the official layout's fields, editable until issued; DOCX/PDF. */
export function LetterPage() {
  const { letterId } = useParams({ from: '/authenticated/urging/$letterId' });
  const { tr } = useMonitoringText();
  const { message } = App.useApp();
  const q = useLetter(letterId);
  const edit = useEditLetter(letterId);
  const issue = useIssueLetter(letterId);
  const [form] = Form.useForm<FormValues>();
  const [kept, setKept] = useState<number[]>([]);
  const [signerId, setSignerId] = useState<number | null>(null);
  const signers = useSigners('urging_letter');
  const { t } = useI18n();
  const letter = q.data;
  const draft = letter?.status === 'draft';

  useEffect(() => {
    if (!letter) return;
    form.setFieldsValue({ ...letter, letterDate: dayjs(letter.letterDate) });
    setKept(letter.tasks.map((t) => t.taskId));
  }, [letter, form]);

  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!letter) return null;

  const body = (v: FormValues) =>
    ({
      ...Object.fromEntries(TEXT_FIELDS.map((k) => [k, v[k]])),
      letterDate: v.letterDate.format('YYYY-MM-DD'),
      version: letter.version,
      taskIds: kept,
      signerId,
    }) as Parameters<typeof edit.mutate>[0];
  const onSave = (v: FormValues) =>
    edit.mutate(body(v), {
      onSuccess: () => void message.success(tr('l.saved')),
      onError: (e) => void message.error(e.message),
    });
  const onIssue = async () => {
    const v = await form.validateFields();
    edit.mutate(body(v), {
      onSuccess: (saved) =>
        issue.mutate(saved.version, {
          onSuccess: () => void message.success(tr('l.issued')),
          onError: (e) => void message.error(e.message),
        }),
      onError: (e) => void message.error(e.message),
    });
  };
  const area = (rows: number) => <Input.TextArea autoSize={{ minRows: rows, maxRows: 14 }} disabled={!draft} />;

  return (
    <>
      <PageHeading
        title={`${tr('l.title')} ${letter.numberSymbol.trim() || `#${letter.id}`}`}
        extra={
          <>
            <Tag color={draft ? 'default' : 'green'} data-testid="letter-status">
              {tr(`u.status.${letter.status}`)}
            </Tag>
            <Button
              icon={<DownloadOutlined />}
              href={`/api/urging-letters/${letter.id}/docx`}
              data-testid="letter-docx"
            >
              {tr('l.docx')}
            </Button>
            <Button icon={<DownloadOutlined />} href={`/api/urging-letters/${letter.id}/pdf`} data-testid="letter-pdf">
              {tr('l.pdf')}
            </Button>
          </>
        }
      />
      {letter.issuedAt && (
        <Typography.Paragraph type="secondary">
          {tr('l.issuedOn', { at: dayjs(letter.issuedAt).format('HH:mm DD/MM/YYYY') })}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={onSave} disabled={!draft}>
        <Card size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="numberSymbol" label={tr('u.number')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="place" label={tr('l.place')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="letterDate" label={tr('u.date')} rules={[{ required: true }]}>
                <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="subject" label={tr('l.subject')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="recipients" label={tr('u.recipients')} rules={[{ required: true }]}>
            {area(1)}
          </Form.Item>
          <Form.Item name="opening" label={tr('l.opening')} rules={[{ required: true }]}>
            {area(4)}
          </Form.Item>
        </Card>
        <Card size="small" title={tr('l.tasks')} style={{ marginBottom: 16 }}>
          <Table<LetterTask>
            rowKey="taskId"
            size="small"
            pagination={false}
            dataSource={letter.tasks}
            data-testid="letter-tasks"
            rowSelection={draft ? { selectedRowKeys: kept, onChange: (keys) => setKept(keys as number[]) } : undefined}
            columns={[
              { title: tr('l.doc'), dataIndex: 'documentNumber', width: 130 },
              {
                title: tr('l.content'),
                dataIndex: 'content',
                render: (c: string, r) => (
                  <Link to="/tasks/$taskId" params={{ taskId: r.taskId }}>
                    #{r.taskId} {c}
                  </Link>
                ),
              },
              { title: tr('l.lead'), dataIndex: ['leadUnit', 'name'], width: 180 },
              {
                title: tr('l.deadline'),
                dataIndex: 'deadline',
                width: 110,
                render: (d: string) => dayjs(d).format('DD/MM/YYYY'),
              },
              { title: tr('l.overdue'), dataIndex: 'daysOverdue', width: 110, align: 'right' },
              { title: tr('l.urged'), dataIndex: 'urgeCount', width: 110, align: 'right' },
            ]}
          />
        </Card>
        <Card size="small" style={{ marginBottom: 16 }}>
          <Form.Item name="closing" label={tr('l.closing')} rules={[{ required: true }]}>
            {area(2)}
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="copiesTo" label={tr('l.copiesTo')} rules={[{ required: true }]}>
                {area(3)}
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('signer.choose')}>
                {signers.data && signers.data.length === 0 ? (
                  <Alert type="warning" showIcon title={t('signer.none')} />
                ) : (
                  <Select
                    aria-label={t('signer.choose')}
                    loading={signers.isLoading}
                    disabled={!draft}
                    value={signerId ?? undefined}
                    placeholder={t('signer.choose')}
                    options={(signers.data ?? []).map((s) => ({
                      value: s.id,
                      label: `${s.lines.join(' – ')}: ${s.fullName}`,
                    }))}
                    onChange={(id: number) => {
                      const s = signers.data?.find((x) => x.id === id);
                      setSignerId(id);
                      if (s) form.setFieldsValue({ signerTitle: s.lines.join('\n'), signerName: s.fullName });
                    }}
                  />
                )}
              </Form.Item>
              <Form.Item name="signerTitle" label={tr('l.signerTitle')} rules={[{ required: true }]}>
                {area(2)}
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="signerName" label={tr('l.signerName')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        {draft && (
          <Flex gap={8}>
            <Button htmlType="submit" loading={edit.isPending}>
              {tr('l.save')}
            </Button>
            <Popconfirm
              title={tr('l.issueConfirm')}
              onConfirm={() => void onIssue()}
              okText={tr('l.issue')}
              cancelText={tr('cancel')}
            >
              <Button type="primary" loading={issue.isPending} disabled={kept.length === 0} data-testid="issue-letter">
                {tr('l.issue')}
              </Button>
            </Popconfirm>
          </Flex>
        )}
      </Form>
    </>
  );
}
