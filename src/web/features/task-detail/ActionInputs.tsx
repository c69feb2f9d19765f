import { Checkbox, DatePicker, Flex, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useUsers } from '../../api/reference';
import type { TaskDetail } from '../../api/types';
import { UnitSelect } from '../../components/UnitSelect';
import { DATE_FORMAT, formatDate, toDayjs, todayIso } from '../../format';
import { useI18n } from '../../i18n';
import type { ActionInput, ActionSpec } from './actionSpecs';
import { FileUploadField } from './FileUploadField';

/** The inputs an action asks for, as antd form items (inside ActionModal's form). */
export function ActionInputs({ spec, task }: { spec: ActionSpec; task: TaskDetail }) {
  return (
    <>
      {spec.inputs.map((input) => (
        <InputItem key={input} input={input} task={task} />
      ))}
    </>
  );
}

function InputItem({ input, task }: { input: ActionInput; task: TaskDetail }) {
  const { t } = useI18n();
  const required = { required: true, whitespace: true, message: t('common.required') };
  switch (input) {
    case 'note':
      return (
        <Form.Item name="note" label={t('form.note')} rules={[required]}>
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
      );
    case 'noteOptional':
      return (
        <Form.Item name="note" label={t('form.reasonOptional')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      );
    case 'percent':
      return (
        <Form.Item name="percent" label={t('form.percent')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={0} max={100} step={5} style={{ width: 140 }} suffix="%" />
        </Form.Item>
      );
    case 'files':
      return (
        <Form.Item name="fileIds" label={t('form.files')}>
          <FileUploadField />
        </Form.Item>
      );
    case 'newDeadline':
      return (
        <Form.Item
          name="newDeadline"
          label={t('form.newDeadline')}
          rules={[
            { required: true, message: t('common.required') },
            {
              validator: (_, value: Dayjs | undefined) =>
                !value || !task.deadline || value.isAfter(toDayjs(task.deadline), 'day')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('form.newDeadlineAfter'))),
            },
          ]}
          extra={task.deadline ? `${t('task.deadline')}: ${formatDate(task.deadline)}` : undefined}
        >
          <DatePicker format={DATE_FORMAT} style={{ width: 200 }} />
        </Form.Item>
      );
    case 'reason':
      return (
        <Form.Item name="reason" label={t('form.reason')} rules={[required]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      );
    case 'reasonOptional':
      return (
        <Form.Item name="reason" label={t('form.reasonOptional')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      );
    case 'unitDocument':
      return (
        <Flex gap={12} wrap>
          <Form.Item
            name="unitDocNumber"
            label={t('form.unitDocNumber')}
            dependencies={['unitDocDate']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  !value?.trim() === !getFieldValue('unitDocDate')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('form.unitDocBoth'))),
              }),
            ]}
          >
            <Input maxLength={100} placeholder="45/BC-UBND" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="unitDocDate" label={t('form.unitDocDate')} extra={t('form.unitDocHint')}>
            <DatePicker format={DATE_FORMAT} style={{ width: 200 }} aria-label={t('form.unitDocDate')} />
          </Form.Item>
        </Flex>
      );
    case 'acceptDated':
      return (
        <Form.Item name="acceptDated" valuePropName="checked">
          <Checkbox>{t('form.acceptDated')}</Checkbox>
        </Form.Item>
      );
    case 'resultDocument':
      return (
        <Form.Item name="resultDocument" label={t('form.resultDocument')}>
          <Input maxLength={200} placeholder={t('document.numberSymbolHint')} />
        </Form.Item>
      );
    case 'text':
      return (
        <Form.Item name="text" label={t('form.text')} rules={[required]}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
      );
    case 'leadUnitId':
      return (
        <Form.Item
          name="leadUnitId"
          label={t('form.newLeadUnit')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <UnitSelect excludeIds={[task.leadUnit.id]} />
        </Form.Item>
      );
    case 'handDown':
      return <HandDownInputs task={task} />;
  }
}

/** Hand-down: to one of the lead unit's divisions or to one of its staff, by a date no later than the parent's. */
function HandDownInputs({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  const target = Form.useWatch('target') as 'unit' | 'user' | undefined;
  const users = useUsers({ unitId: task.leadUnit.id }, target === 'user');
  const parentDeadline = toDayjs(task.deadline);
  const required = { required: true, message: t('common.required') };
  return (
    <>
      <Form.Item
        name="content"
        label={t('task.content')}
        rules={[{ ...required, whitespace: true }]}
        initialValue={task.content}
      >
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item name="target" label={t('form.subtaskUnitOrUser')}>
        <Radio.Group
          options={[
            { value: 'unit', label: t('form.targetUnit') },
            { value: 'user', label: t('form.targetUser') },
          ]}
        />
      </Form.Item>
      {target === 'user' ? (
        <Form.Item name="assigneeUserId" label={t('form.subtaskUser')} rules={[required]}>
          <Select
            loading={users.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.fullName} (${u.unit.name})` }))}
          />
        </Form.Item>
      ) : (
        <Form.Item name="subtaskUnitId" label={t('form.subtaskUnit')} rules={[required]}>
          <UnitSelect withinUnitId={task.leadUnit.id} />
        </Form.Item>
      )}
      <Form.Item
        name="deadline"
        label={t('task.deadline')}
        rules={[
          required,
          {
            validator: (_, value: Dayjs | undefined) =>
              !value || !parentDeadline || !value.isAfter(parentDeadline, 'day')
                ? Promise.resolve()
                : Promise.reject(new Error(t('form.deadlineAfterParent', { date: formatDate(task.deadline) }))),
          },
        ]}
      >
        <DatePicker
          format={DATE_FORMAT}
          style={{ width: 200 }}
          disabledDate={(d) =>
            d.isBefore(toDayjs(todayIso()), 'day') || (!!parentDeadline && d.isAfter(parentDeadline, 'day'))
          }
        />
      </Form.Item>
    </>
  );
}
