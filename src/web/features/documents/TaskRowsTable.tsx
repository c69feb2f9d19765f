import { Button, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Select, Table, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { DeadlineKind, Period } from '../../api/types';
import { useLeaders } from '../../api/reference';
import { FieldSelect } from '../../components/FieldSelect';
import { UnitSelect } from '../../components/UnitSelect';
import { DATE_FORMAT, foldForSearch } from '../../format';
import { useI18n } from '../../i18n';
import { emptyTaskRow } from './documentForm';

const DEADLINE_KINDS: DeadlineKind[] = ['fixed', 'working_days', 'periodic', 'none'];
const PERIODS: Period[] = ['monthly', 'quarterly', 'half_yearly', 'yearly'];

/** The document's tasks as an editable table: one row per task, added and removed in place. */
export function TaskRowsTable() {
  const { t } = useI18n();
  const required = { required: true, message: t('common.required') };
  return (
    <Form.List
      name="tasks"
      rules={[
        {
          validator: async (_, rows?: unknown[]) =>
            rows?.length ? undefined : Promise.reject(new Error(t('document.atLeastOneTask'))),
        },
      ]}
    >
      {(rows, { add, remove }, { errors }) => (
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={rows}
            scroll={{ x: 1470 }}
            data-testid="task-rows"
            columns={[
              { title: '#', key: 'n', width: 44, render: (_, row, i) => i + 1 },
              {
                title: t('task.content'),
                key: 'content',
                width: 360,
                render: (_, row, i) => (
                  <Form.Item
                    name={[row.name, 'content']}
                    rules={[{ ...required, whitespace: true }]}
                    style={{ margin: 0 }}
                  >
                    <Input.TextArea
                      autoSize={{ minRows: 2, maxRows: 6 }}
                      aria-label={`${t('task.content')} — ${t('document.taskRow', { n: i + 1 })}`}
                      maxLength={5000}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('task.leadUnit'),
                key: 'lead',
                width: 220,
                render: (_, row, i) => (
                  <Form.Item name={[row.name, 'leadUnitId']} rules={[required]} style={{ margin: 0 }}>
                    <UnitSelect aria-label={`${t('task.leadUnit')} — ${t('document.taskRow', { n: i + 1 })}`} />
                  </Form.Item>
                ),
              },
              {
                title: t('task.coordinatingUnits'),
                key: 'coordinating',
                width: 220,
                render: (_, row, i) => (
                  <Form.Item name={[row.name, 'coordinatingUnitIds']} style={{ margin: 0 }}>
                    <UnitSelect
                      multiple
                      aria-label={`${t('task.coordinatingUnits')} — ${t('document.taskRow', { n: i + 1 })}`}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('task.field'),
                key: 'field',
                width: 170,
                render: (_, row, i) => (
                  <Form.Item name={[row.name, 'fieldCode']} style={{ margin: 0 }}>
                    <FieldSelect aria-label={`${t('task.field')} — ${t('document.taskRow', { n: i + 1 })}`} />
                  </Form.Item>
                ),
              },
              {
                title: `${t('task.paragraph')} · ${t('task.expectedProduct')}`,
                key: 'details',
                width: 220,
                render: (_, row, i) => <DetailsCell name={row.name} rowLabel={t('document.taskRow', { n: i + 1 })} />,
              },
              {
                title: t('document.deadlineValue'),
                key: 'deadline',
                width: 230,
                render: (_, row, i) => <DeadlineCell name={row.name} rowLabel={t('document.taskRow', { n: i + 1 })} />,
              },
              {
                title: '',
                key: 'remove',
                width: 52,
                render: (_, row, i) => (
                  <Tooltip title={t('document.removeTask', { n: i + 1 })}>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('document.removeTask', { n: i + 1 })}
                      onClick={() => remove(row.name)}
                      disabled={rows.length === 1}
                    />
                  </Tooltip>
                ),
              },
            ]}
          />
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add(emptyTaskRow())}
            style={{ marginTop: 8 }}
            data-testid="add-task-row"
          >
            {t('document.addTask')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** The deadline kind, then the one value that kind needs. */
function DeadlineCell({ name, rowLabel }: { name: number; rowLabel: string }) {
  const { t } = useI18n();
  const kind = Form.useWatch(['tasks', name, 'deadlineKind']) as DeadlineKind | undefined;
  const required = { required: true, message: t('common.required') };
  return (
    <Flex vertical gap={4}>
      <Form.Item name={[name, 'deadlineKind']} style={{ margin: 0 }}>
        <Select
          aria-label={`${t('task.deadlineKind')} — ${rowLabel}`}
          options={DEADLINE_KINDS.map((k) => ({ value: k, label: t(`deadlineKind.${k}`) }))}
        />
      </Form.Item>
      {kind === 'fixed' && (
        <Form.Item name={[name, 'deadlineDate']} rules={[required]} style={{ margin: 0 }}>
          <DatePicker
            format={DATE_FORMAT}
            style={{ width: '100%' }}
            aria-label={`${t('task.deadline')} — ${rowLabel}`}
          />
        </Form.Item>
      )}
      {kind === 'working_days' && (
        <Form.Item name={[name, 'deadlineDays']} rules={[required]} style={{ margin: 0 }}>
          <InputNumber
            min={1}
            max={365}
            style={{ width: '100%' }}
            suffix={t('document.days')}
            aria-label={`${t('document.days')} — ${rowLabel}`}
          />
        </Form.Item>
      )}
      {kind === 'periodic' && (
        <>
          <Form.Item name={[name, 'period']} rules={[required]} style={{ margin: 0 }} initialValue="monthly">
            <Select
              aria-label={`${t('deadlineKind.periodic')} — ${rowLabel}`}
              options={PERIODS.map((p) => ({ value: p, label: t(`period.${p}`) }))}
            />
          </Form.Item>
          <Form.Item name={[name, 'periodUntil']} rules={[required]} style={{ margin: 0 }}>
            <DatePicker
              format={DATE_FORMAT}
              placeholder={t('document.until')}
              style={{ width: '100%' }}
              aria-label={`${t('document.until')} — ${rowLabel}`}
            />
          </Form.Item>
          <Form.Item name={[name, 'dueDay']} style={{ margin: 0 }}>
            <InputNumber
              min={1}
              max={31}
              precision={0}
              style={{ width: '100%' }}
              placeholder={t('document.dueDayShort')}
              aria-label={`${t('document.dueDay')} — ${rowLabel}`}
            />
          </Form.Item>
        </>
      )}
    </Flex>
  );
}

/**
 * Where the task stands in the document, what it must produce, the leader directing it and
 * whether it is a key task: optional. Leaders who direct the row's field are offered first.
 */
function DetailsCell({ name, rowLabel }: { name: number; rowLabel: string }) {
  const { t } = useI18n();
  const leaders = useLeaders();
  const field = Form.useWatch(['tasks', name, 'fieldCode']) as string | undefined;
  const directs = (codes: string[]) => codes.length === 0 || (field !== undefined && codes.includes(field));
  const options = [...(leaders.data ?? [])]
    .sort((a, b) => Number(directs(b.fieldCodes)) - Number(directs(a.fieldCodes)))
    .map((l) => ({ value: l.id, label: `${l.fullName} — ${l.title ?? l.unit.name}` }));
  return (
    <Flex vertical gap={4}>
      <Form.Item name={[name, 'leaderUserId']} style={{ margin: 0 }}>
        <Select
          allowClear
          showSearch={{
            filterOption: (input, option) => foldForSearch(String(option?.label ?? '')).includes(foldForSearch(input)),
          }}
          loading={leaders.isLoading}
          options={options}
          placeholder={t('task.leader')}
          aria-label={`${t('task.leader')} — ${rowLabel}`}
        />
      </Form.Item>
      <Form.Item name={[name, 'paragraph']} style={{ margin: 0 }}>
        <Input placeholder={t('task.paragraph')} maxLength={100} aria-label={`${t('task.paragraph')} — ${rowLabel}`} />
      </Form.Item>
      <Form.Item name={[name, 'expectedProduct']} style={{ margin: 0 }}>
        <Input
          placeholder={t('task.expectedProduct')}
          maxLength={500}
          aria-label={`${t('task.expectedProduct')} — ${rowLabel}`}
        />
      </Form.Item>
      <Form.Item name={[name, 'isKey']} valuePropName="checked" style={{ margin: 0 }}>
        <Checkbox aria-label={`${t('task.isKey')} — ${rowLabel}`}>{t('task.isKey')}</Checkbox>
      </Form.Item>
    </Flex>
  );
}
