import { useEffect } from 'react';
import { App, Button, Card, Descriptions, Flex, Form, InputNumber, Select, Switch, TimePicker } from 'antd';
import dayjs from 'dayjs';
import { QueryError } from '../../components/QueryError';
import { useReminderRules, useReminderStatus, useRunReminders, useSaveReminderRules, type ReminderRules } from './api';
import { useMonitoringText } from './text';

type FormValues = Omit<ReminderRules, 'scanTime'> & { scanTime: dayjs.Dayjs };

/** The administrator's reminder and escalation rules, the mail queue and a "run now" button. */
export function ReminderRulesPanel() {
  const { tr } = useMonitoringText();
  const { message } = App.useApp();
  const rules = useReminderRules();
  const status = useReminderStatus();
  const save = useSaveReminderRules();
  const run = useRunReminders();
  const [form] = Form.useForm<FormValues>();

  useEffect(() => {
    if (rules.data) form.setFieldsValue({ ...rules.data, scanTime: dayjs(`2000-01-01T${rules.data.scanTime}`) });
  }, [rules.data, form]);

  if (rules.error) return <QueryError error={rules.error} onRetry={() => void rules.refetch()} />;
  const onFinish = (v: FormValues) =>
    save.mutate(
      { ...v, scanTime: v.scanTime.format('HH:mm') },
      { onSuccess: () => void message.success(tr('rules.saved')), onError: (e) => void message.error(e.message) },
    );
  const onRun = () =>
    run.mutate(undefined, {
      onSuccess: (r) =>
        void (r.ran
          ? message.success(tr('rules.ran', { reminders: r.scan?.reminders ?? 0, mails: r.scan?.mails ?? 0 }))
          : message.info(tr('rules.alreadyRan'))),
      onError: (e) => void message.error(e.message),
    });
  const last = status.data?.runs[0];

  return (
    <Flex vertical gap={16}>
      <Card>
        <Form
          form={form}
          layout="vertical"
          onFinish={onFinish}
          style={{ maxWidth: 560 }}
          data-testid="reminder-rules-form"
        >
          <Form.Item name="enabled" label={tr('rules.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="beforeWorkingDays" label={tr('rules.before')}>
            <Select mode="multiple" options={[1, 2, 3, 5, 7, 10, 15].map((n) => ({ value: n, label: String(n) }))} />
          </Form.Item>
          <Form.Item name="onDueDay" label={tr('rules.onDue')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="overdueEveryDays" label={tr('rules.every')} rules={[{ required: true }]}>
            <InputNumber min={0} max={60} />
          </Form.Item>
          <Form.Item name="escalateOfficeAfterDays" label={tr('rules.office')} rules={[{ required: true }]}>
            <InputNumber min={0} max={365} />
          </Form.Item>
          <Form.Item name="escalateLeaderAfterDays" label={tr('rules.leader')} rules={[{ required: true }]}>
            <InputNumber min={0} max={365} />
          </Form.Item>
          <Form.Item name="scanTime" label={tr('rules.time')} rules={[{ required: true }]}>
            <TimePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {tr('rules.save')}
            </Button>
            <Button onClick={onRun} loading={run.isPending} data-testid="run-reminders">
              {tr('rules.run')}
            </Button>
          </Flex>
        </Form>
      </Card>
      {status.data && (
        <Card title={tr('rules.status')} size="small">
          <Descriptions column={1} size="small">
            <Descriptions.Item>
              {tr('rules.mail', { state: tr(status.data.mailConfigured ? 'rules.mailOn' : 'rules.mailOff') })}
            </Descriptions.Item>
            <Descriptions.Item>
              {tr('rules.outbox', {
                pending: (status.data.outbox.pending ?? 0) + (status.data.outbox.sending ?? 0),
                sent: status.data.outbox.sent ?? 0,
              })}
            </Descriptions.Item>
            {last && (
              <Descriptions.Item>
                {tr('rules.lastRun', {
                  date: dayjs(last.date).format('DD/MM/YYYY'),
                  reminders: last.result?.reminders ?? 0,
                })}
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      )}
    </Flex>
  );
}
