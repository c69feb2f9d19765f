import { useEffect } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, Select, Switch, Table } from 'antd';
import {
  DOCUMENT_KINDS,
  useOrganisation,
  useSignerMutations,
  useSigners,
  type Authority,
  type Organisation,
  type Signer,
  type SignerInput,
} from '../../api/signers';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n';

const AUTHORITIES: Authority[] = ['', 'TM.', 'KT.', 'TL.', 'TUQ.', 'Q.'];

/** The organisation on every document and the signers of each kind of document (NĐ 30/2020/NĐ-CP). */
export function DocumentsAdmin() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const org = useOrganisation();
  const signers = useSigners(undefined, true);
  const { saveSigner, saveOrganisation } = useSignerMutations();
  const [orgForm] = Form.useForm<Organisation>();
  const [form] = Form.useForm<SignerInput>();
  useEffect(() => {
    if (org.data) orgForm.setFieldsValue(org.data);
  }, [org.data, orgForm]);
  const kindLabel = (k: string) => t(`admin.docKind.${k}` as never);
  const toggle = (s: Signer, change: Partial<SignerInput>) =>
    saveSigner.mutate({ ...s, ...change }, { onSuccess: () => void message.success(t('common.saved')) });

  return (
    <Flex vertical gap={16}>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('admin.organisation')}</h2>}>
        {org.isError && <QueryError error={org.error} onRetry={() => void org.refetch()} />}
        {saveOrganisation.error && <Alert type="error" showIcon title={saveOrganisation.error.message} />}
        <Form<Organisation>
          form={orgForm}
          layout="vertical"
          disabled={!org.data}
          onFinish={(v) =>
            saveOrganisation.mutate(
              { ...v, parentName: v.parentName || null },
              { onSuccess: () => void message.success(t('common.saved')) },
            )
          }
        >
          <Form.Item name="name" label={t('admin.orgName')} rules={[{ required: true, message: t('common.required') }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item
            name="shortName"
            label={t('admin.orgShortName')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="parentName" label={t('admin.orgParent')}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item
            name="place"
            label={t('admin.orgPlace')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saveOrganisation.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>

      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('admin.addSigner')}</h2>}>
        {saveSigner.error && (
          <Alert type="error" showIcon title={saveSigner.error.message} style={{ marginBottom: 12 }} />
        )}
        <Form<SignerInput>
          form={form}
          layout="inline"
          style={{ rowGap: 8 }}
          initialValues={{ documentKind: 'urging_letter', authority: '', isDefault: false, active: true }}
          onFinish={(v) =>
            saveSigner.mutate(
              { ...v, onBehalfOf: v.onBehalfOf || null },
              { onSuccess: () => (void message.success(t('common.saved')), form.resetFields()) },
            )
          }
        >
          <Form.Item name="documentKind" label={t('admin.docKind')}>
            <Select style={{ width: 220 }} options={DOCUMENT_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} />
          </Form.Item>
          <Form.Item name="authority" label={t('admin.authority')}>
            <Select
              style={{ width: 170 }}
              options={AUTHORITIES.map((a) => ({ value: a, label: a || t('admin.authority.none') }))}
            />
          </Form.Item>
          <Form.Item name="onBehalfOf" label={t('admin.onBehalfOf')}>
            <Input placeholder={t('admin.onBehalfOfHint')} maxLength={200} />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('admin.signerTitle')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input placeholder={t('admin.signerTitleHint')} maxLength={200} />
          </Form.Item>
          <Form.Item
            name="fullName"
            label={t('admin.signerName')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="isDefault" valuePropName="checked">
            <Checkbox>{t('admin.signerDefault')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saveSigner.isPending}>
            {t('admin.addSigner')}
          </Button>
        </Form>
      </Card>

      {signers.isError ? (
        <QueryError error={signers.error} onRetry={() => void signers.refetch()} />
      ) : (
        <Table<Signer>
          rowKey="id"
          size="small"
          loading={signers.isLoading}
          dataSource={signers.data ?? []}
          pagination={false}
          locale={{ emptyText: t('admin.noSigners') }}
          columns={[
            { title: t('admin.docKind'), dataIndex: 'documentKind', render: (k: string) => kindLabel(k) },
            {
              title: t('admin.signatureBlock'),
              render: (_, s) => (
                <div style={{ textAlign: 'center', fontWeight: 600 }}>
                  {s.lines.map((l) => (
                    <div key={l}>{l}</div>
                  ))}
                  <div style={{ marginTop: 8 }}>{s.fullName}</div>
                </div>
              ),
            },
            {
              title: t('admin.signerDefault'),
              render: (_, s) => (
                <Switch
                  checked={s.isDefault}
                  aria-label={`${t('admin.signerDefault')}: ${s.fullName}`}
                  onChange={(v) => toggle(s, { isDefault: v })}
                />
              ),
            },
            {
              title: t('admin.signerActive'),
              render: (_, s) => (
                <Switch
                  checked={s.active}
                  aria-label={`${t('admin.signerActive')}: ${s.fullName}`}
                  onChange={(v) => toggle(s, { active: v })}
                />
              ),
            },
          ]}
        />
      )}
    </Flex>
  );
}
