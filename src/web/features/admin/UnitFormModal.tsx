import { Alert, App, Form, Input, Modal, Select, Switch, Typography } from 'antd';
import { useAdminMutations } from '../../api/reference';
import { UNIT_KINDS, type Unit, type UnitKind } from '../../api/types';
import { UnitSelect } from '../../components/UnitSelect';
import { applyServerIssues } from '../../components/serverIssues';
import { useI18n } from '../../i18n';

export type UnitModalMode =
  { kind: 'create'; parentId?: number } | { kind: 'edit'; unit: Unit } | { kind: 'merge'; unit: Unit };

interface UnitFormValues {
  code?: string;
  name?: string;
  kind?: UnitKind;
  parentId?: number | null;
  active?: boolean;
  successorId?: number;
}

/** Create, edit, or merge a unit (a merge moves its open tasks to the successor). */
export function UnitFormModal({ mode, onClose }: { mode: UnitModalMode; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitFormValues>();
  const { createUnit, updateUnit, mergeUnit } = useAdminMutations();
  const mutation = mode.kind === 'create' ? createUnit : mode.kind === 'edit' ? updateUnit : mergeUnit;
  const title =
    mode.kind === 'create' ? t('admin.addUnit') : mode.kind === 'edit' ? t('admin.editUnit') : t('admin.mergeUnit');
  const done = {
    onSuccess: () => (void message.success(t('common.saved')), onClose()),
    onError: (e: Error) => applyServerIssues(form, e),
  };

  const onFinish = (v: UnitFormValues) => {
    if (mode.kind === 'create')
      createUnit.mutate({ code: v.code, name: v.name, kind: v.kind, parentId: v.parentId ?? null }, done);
    else if (mode.kind === 'edit')
      updateUnit.mutate(
        {
          id: mode.unit.id,
          code: v.code,
          name: v.name,
          kind: v.kind,
          parentId: v.parentId ?? null,
          active: v.active,
          version: mode.unit.version,
        },
        done,
      );
    else mergeUnit.mutate({ id: mode.unit.id, successorId: v.successorId!, version: mode.unit.version }, done);
  };
  const initial: UnitFormValues =
    mode.kind === 'create'
      ? { kind: 'division', parentId: mode.parentId }
      : {
          code: mode.unit.code,
          name: mode.unit.name,
          kind: mode.unit.kind,
          parentId: mode.unit.parentId,
          active: mode.unit.active !== false,
        };
  const required = { required: true, whitespace: true, message: t('common.required') };

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      okButtonProps={{ danger: mode.kind === 'merge' }}
    >
      {mutation.error && <Alert type="error" showIcon title={mutation.error.message} style={{ marginBottom: 16 }} />}
      <Form<UnitFormValues> form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
        {mode.kind === 'merge' ? (
          <>
            <Typography.Paragraph>
              <strong>{mode.unit.name}</strong> → …
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('admin.mergeHint')}</Typography.Paragraph>
            <Form.Item
              name="successorId"
              label={t('admin.successor')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <UnitSelect excludeIds={[mode.unit.id]} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="code" label={t('admin.unitCode')} rules={[required]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="name" label={t('admin.unitName')} rules={[required]}>
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item
              name="kind"
              label={t('admin.unitKind')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Select options={UNIT_KINDS.map((k) => ({ value: k, label: t(`admin.unitKind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="parentId" label={t('admin.parentUnit')}>
              <UnitSelect excludeIds={mode.kind === 'edit' ? [mode.unit.id] : undefined} />
            </Form.Item>
            {mode.kind === 'edit' && (
              <Form.Item name="active" label={t('admin.active')} valuePropName="checked">
                <Switch />
              </Form.Item>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}
