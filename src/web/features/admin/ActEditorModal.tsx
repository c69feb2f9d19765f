import { useEffect } from 'react';
import { Alert, Button, Checkbox, DatePicker, Flex, Form, Input, Modal, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useAct, useActMutations, type SuccessorKind } from '../../api/reorganisations';
import { FieldSelect } from '../../components/FieldSelect';
import { UnitSelect } from '../../components/UnitSelect';
import { DATE_FORMAT, toDayjs, toIsoDate } from '../../format';
import { useI18n } from '../../i18n';

interface EditorValues {
  numberSymbol: string;
  signedOn?: Dayjs;
  effectiveOn?: Dayjs;
  title: string;
  endedUnitIds: number[];
  successors: {
    oldUnitId?: number;
    newUnitId?: number;
    kind: SuccessorKind;
    fieldCodes?: string[];
    isDefault?: boolean;
  }[];
}

const KINDS: SuccessorKind[] = ['merge', 'split', 'transfer', 'rename'];

/** Prepares or edits a draft act: its legal basis, the units it ends and its successor map. */
export function ActEditorModal({ id, onClose }: { id?: number; onClose: (savedId?: number) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<EditorValues>();
  const act = useAct(id);
  const { create, update } = useActMutations();
  const saving = id ? update : create;
  useEffect(() => {
    if (!act.data) return;
    const a = act.data;
    form.setFieldsValue({
      numberSymbol: a.numberSymbol,
      signedOn: toDayjs(a.signedOn),
      effectiveOn: toDayjs(a.effectiveOn),
      title: a.title,
      endedUnitIds: a.unitChanges.filter((c) => c.change === 'end').map((c) => c.unitId),
      successors: a.successors.map((s) => ({ ...s })),
    });
  }, [act.data, form]);

  const onSave = (v: EditorValues) => {
    const kept = act.data?.unitChanges.filter((c) => c.change !== 'end') ?? [];
    const body = {
      numberSymbol: v.numberSymbol,
      signedOn: toIsoDate(v.signedOn)!,
      effectiveOn: toIsoDate(v.effectiveOn)!,
      title: v.title,
      unitChanges: [
        ...kept.map((c) => ({ unitId: c.unitId, change: c.change, newName: c.newName })),
        ...v.endedUnitIds.map((unitId) => ({ unitId, change: 'end' as const })),
      ],
      successors: (v.successors ?? []).map((s) => ({
        oldUnitId: s.oldUnitId!,
        newUnitId: s.newUnitId!,
        kind: s.kind,
        fieldCodes: s.fieldCodes ?? [],
        isDefault: s.isDefault ?? false,
      })),
    };
    const done = { onSuccess: (a: { id: number }) => onClose(a.id) };
    if (id) update.mutate({ id, version: act.data?.version, ...body }, done);
    else create.mutate(body, done);
  };

  return (
    <Modal
      open
      width={900}
      title={id ? t('reorg.edit') : t('reorg.new')}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={saving.isPending}
      destroyOnHidden
    >
      {saving.error && <Alert type="error" showIcon title={saving.error.message} style={{ marginBottom: 12 }} />}
      <Form<EditorValues>
        form={form}
        layout="vertical"
        onFinish={onSave}
        initialValues={{ endedUnitIds: [], successors: [] }}
      >
        <Flex gap={12} wrap>
          <Form.Item
            name="numberSymbol"
            label={t('reorg.number')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input maxLength={100} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item
            name="signedOn"
            label={t('reorg.signedOn')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DatePicker format={DATE_FORMAT} />
          </Form.Item>
          <Form.Item
            name="effectiveOn"
            label={t('reorg.effectiveOn')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DatePicker format={DATE_FORMAT} />
          </Form.Item>
        </Flex>
        <Form.Item name="title" label={t('reorg.title')} rules={[{ required: true, message: t('common.required') }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="endedUnitIds" label={t('reorg.endedUnits')}>
          <UnitSelect multiple aria-label={t('reorg.endedUnits')} />
        </Form.Item>
        <Form.List name="successors">
          {(rows, { add, remove }) => (
            <Flex vertical gap={4}>
              <strong>{t('reorg.successorMap')}</strong>
              {rows.map((row) => (
                <Flex key={row.key} gap={8} align="start" wrap>
                  <Form.Item name={[row.name, 'oldUnitId']} rules={[{ required: true, message: t('common.required') }]}>
                    <UnitSelect
                      aria-label={t('reorg.oldUnit')}
                      placeholder={t('reorg.oldUnit')}
                      style={{ width: 220 }}
                    />
                  </Form.Item>
                  <Form.Item name={[row.name, 'kind']} initialValue="merge">
                    <Select
                      aria-label={t('reorg.kind')}
                      style={{ width: 140 }}
                      options={KINDS.map((k) => ({ value: k, label: t(`reorg.kind.${k}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[row.name, 'newUnitId']} rules={[{ required: true, message: t('common.required') }]}>
                    <UnitSelect
                      includeInactive
                      aria-label={t('reorg.newUnit')}
                      placeholder={t('reorg.newUnit')}
                      style={{ width: 220 }}
                    />
                  </Form.Item>
                  <Form.Item name={[row.name, 'fieldCodes']}>
                    <FieldSelect multiple aria-label={t('reorg.fields')} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[row.name, 'isDefault']} valuePropName="checked">
                    <Checkbox>{t('reorg.default')}</Checkbox>
                  </Form.Item>
                  <Button aria-label={t('common.delete')} icon={<DeleteOutlined />} onClick={() => remove(row.name)} />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'merge' })} style={{ alignSelf: 'start' }}>
                {t('reorg.addSuccessor')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
