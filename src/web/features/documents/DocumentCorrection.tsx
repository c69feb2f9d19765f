import { useState } from 'react';
import { App, Button, Card, Form, Input, List, Modal, Typography } from 'antd';
import { useCorrectDocument, useDocumentHistory } from '../../api/documents';
import type { DocumentDetail } from '../../api/types';
import { formatDateTime } from '../../format';
import { useI18n, type MessageKey } from '../../i18n';

const HISTORY_KINDS: Record<string, MessageKey> = {
  received: 'history.received',
  updated_by_sender: 'history.updated_by_sender',
  corrected: 'history.corrected',
  revoked: 'history.revoked',
  replaced: 'history.replaced',
  tasks_added: 'history.tasks_added',
};

interface Values {
  numberSymbol: string;
  signer?: string;
  summary: string;
  reason: string;
}

/** Corrects a registered document's record, with a reason; the change is kept in its history. */
export function DocumentCorrectionButton({ doc }: { doc: DocumentDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const correct = useCorrectDocument(doc.id);
  const submit = (v: Values) => {
    const changed: Record<string, unknown> = { version: doc.version, reason: v.reason };
    if (v.numberSymbol !== doc.numberSymbol) changed.numberSymbol = v.numberSymbol;
    if ((v.signer ?? '') !== (doc.signer ?? '')) changed.signer = v.signer || null;
    if (v.summary !== doc.summary) changed.summary = v.summary;
    correct.mutate(changed, {
      onSuccess: () => {
        void message.success(t('correction.saved'));
        setOpen(false);
      },
      onError: (e) => void message.error(e.message, 8),
    });
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="document-correct">
        {t('correction.document')}
      </Button>
      <Modal
        open={open}
        title={t('correction.document')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('correction.save')}
        confirmLoading={correct.isPending}
        destroyOnHidden
      >
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ numberSymbol: doc.numberSymbol, signer: doc.signer ?? '', summary: doc.summary ?? '' }}
        >
          <Form.Item name="numberSymbol" label={t('document.numberSymbol')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="signer" label={t('document.signer')}>
            <Input />
          </Form.Item>
          <Form.Item name="summary" label={t('document.summary')} rules={[{ required: true, min: 3 }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Form.Item name="reason" label={t('correction.reason')} rules={[{ required: true, min: 3 }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The record's history: received, updated by the sender, corrected (before → after), revoked, tasks added. */
export function DocumentHistory({ documentId }: { documentId: number }) {
  const { t } = useI18n();
  const history = useDocumentHistory(documentId);
  const show = (v: unknown) =>
    v === null || v === undefined || v === '' ? '∅' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('correction.history')}</h2>}
      style={{ marginTop: 16 }}
    >
      <List
        size="small"
        loading={history.isLoading}
        dataSource={history.data ?? []}
        locale={{ emptyText: t('correction.noHistory') }}
        renderItem={(e) => (
          <List.Item data-testid="document-history-item">
            <div>
              <Typography.Text strong>{HISTORY_KINDS[e.kind] ? t(HISTORY_KINDS[e.kind]!) : e.kind}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {formatDateTime(e.at)} · {e.actor ?? ''}
              </Typography.Text>
              {e.reason && (
                <div>
                  {t('correction.reason')}: {e.reason}
                </div>
              )}
              {e.before &&
                Object.keys(e.after ?? {}).map((k) => (
                  <div key={k} style={{ fontSize: 12 }}>
                    {k}: {show(e.before?.[k])} → {show(e.after?.[k])}
                  </div>
                ))}
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
