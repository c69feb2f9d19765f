import { useEffect } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useCreateDocument } from '../../api/documents';
import { useUnits } from '../../api/reference';
import { PageHeading } from '../../components/PageHeading';
import { applyServerIssues } from '../../components/serverIssues';
import { UnitSelect } from '../../components/UnitSelect';
import { DATE_FORMAT, todayIso } from '../../format';
import { useI18n } from '../../i18n';
import { emptyTaskRow, formPathOfIssue, toDocumentInput, type DocumentFormValues } from './documentForm';
import { documentKindOptions } from './documentKinds';
import { TaskRowsTable } from './TaskRowsTable';

const AUTHORITY_KINDS = ['authority'] as const;

/** Register a directive document and all the tasks it gives, in one screen and one transaction. */
export function DocumentEntryPage() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<DocumentFormValues>();
  const create = useCreateDocument();
  const navigate = useNavigate();
  const { data: units } = useUnits();

  useEffect(() => {
    const cityCommittee = units?.find((u) => u.code === 'UBND');
    if (cityCommittee && !form.getFieldValue('issuerUnitId')) form.setFieldValue('issuerUnitId', cityCommittee.id);
  }, [units, form]);

  const onFinish = (values: DocumentFormValues) =>
    create.mutate(toDocumentInput(values), {
      onSuccess: (doc) => {
        void message.success(
          t('document.saved', { number: doc.numberSymbol, count: doc.tasks?.length ?? values.tasks.length }),
        );
        void navigate({ to: '/documents/$documentId', params: { documentId: doc.id } });
      },
      onError: (error) => applyServerIssues(form, error, formPathOfIssue),
    });

  return (
    <>
      <PageHeading title={t('document.newTitle')} />
      <Form<DocumentFormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ kind: 'Công văn', issuedOn: dayjs(todayIso()), tasks: [emptyTaskRow()] }}
        scrollToFirstError
        disabled={create.isPending}
      >
        <Card size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="numberSymbol"
                label={t('document.numberSymbol')}
                rules={[{ required: true, whitespace: true, message: t('common.required') }]}
              >
                <Input placeholder={t('document.numberSymbolHint')} maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={8}>
              <Form.Item
                name="kind"
                label={t('document.kind')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Select options={documentKindOptions(language)} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={8}>
              <Form.Item
                name="issuedOn"
                label={t('document.issuedOn')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="issuerUnitId"
                label={t('document.issuer')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <UnitSelect kinds={AUTHORITY_KINDS} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="signer" label={t('document.signer')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="summary"
                label={t('document.summary')}
                rules={[{ required: true, whitespace: true, min: 3, message: t('common.required') }]}
              >
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card
          size="small"
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('document.tasks')}</h2>}
          style={{ marginBottom: 16 }}
        >
          <TaskRowsTable />
        </Card>
        {create.error && (
          <Alert
            type="error"
            showIcon
            title={create.error.message}
            style={{ marginBottom: 16 }}
            role="alert"
            data-testid="form-error"
          />
        )}
        <Button type="primary" htmlType="submit" size="large" loading={create.isPending}>
          {t('document.save')}
        </Button>
      </Form>
    </>
  );
}
