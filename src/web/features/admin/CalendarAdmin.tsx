import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Table,
  Tag,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useAdminMutations, useCalendar } from '../../api/reference';
import type { CalendarDay, CalendarDayKind } from '../../api/types';
import { QueryError } from '../../components/QueryError';
import { DATE_FORMAT, formatDate, todayIso, toIsoDate } from '../../format';
import { useI18n } from '../../i18n';
import { HolidaySchedules } from './HolidaySchedules';

interface DayFormValues {
  date?: Dayjs;
  kind: CalendarDayKind;
  name?: string;
}

/** Public holidays and make-up working days of a year; working-day deadlines are computed from them. */
export function CalendarAdmin() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [year, setYear] = useState(() => Number(todayIso().slice(0, 4)));
  const calendar = useCalendar(year);
  const { putCalendarDay, deleteCalendarDay } = useAdminMutations();
  const [form] = Form.useForm<DayFormValues>();

  const onAdd = (v: DayFormValues) =>
    putCalendarDay.mutate(
      { date: toIsoDate(v.date)!, kind: v.kind, name: v.name?.trim() ?? '' },
      { onSuccess: () => (void message.success(t('common.saved')), form.resetFields()) },
    );

  return (
    <Flex vertical gap={16}>
      <HolidaySchedules />
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('admin.addDay')}</h2>}>
        {putCalendarDay.error && (
          <Alert type="error" showIcon title={putCalendarDay.error.message} style={{ marginBottom: 12 }} />
        )}
        <Form<DayFormValues>
          form={form}
          layout="inline"
          onFinish={onAdd}
          initialValues={{ kind: 'holiday' }}
          style={{ rowGap: 8 }}
        >
          <Form.Item name="date" label={t('admin.date')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker format={DATE_FORMAT} />
          </Form.Item>
          <Form.Item name="kind" label={t('admin.dayKind')}>
            <Select
              style={{ width: 200 }}
              options={(['holiday', 'makeup_workday'] as const).map((k) => ({
                value: k,
                label: t(`admin.dayKind.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('admin.dayName')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input style={{ width: 240 }} maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={putCalendarDay.isPending}>
            {t('common.add')}
          </Button>
        </Form>
      </Card>
      <Flex align="center" gap={8}>
        <label htmlFor="calendar-year">{t('admin.year')}</label>
        <InputNumber id="calendar-year" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
      </Flex>
      {calendar.error && <QueryError error={calendar.error} onRetry={() => void calendar.refetch()} />}
      <Table<CalendarDay>
        rowKey="date"
        size="small"
        loading={calendar.isLoading}
        dataSource={calendar.data ?? []}
        pagination={false}
        scroll={calendar.data?.length ? { x: 600 } : undefined}
        columns={[
          { title: t('admin.date'), dataIndex: 'date', width: 120, render: formatDate },
          { title: t('admin.weekday'), key: 'weekday', width: 120, render: (_, d) => dayjs(d.date).format('dddd') },
          {
            title: t('admin.dayKind'),
            dataIndex: 'kind',
            width: 180,
            render: (kind: CalendarDayKind) => (
              <Tag color={kind === 'holiday' ? 'red' : 'blue'}>{t(`admin.dayKind.${kind}`)}</Tag>
            ),
          },
          { title: t('admin.dayName'), dataIndex: 'name' },
          {
            title: '',
            key: 'delete',
            width: 60,
            render: (_, d) => (
              <Popconfirm
                title={`${t('common.delete')} ${formatDate(d.date)}?`}
                onConfirm={() => deleteCalendarDay.mutate(d.date)}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
              >
                <Button icon={<DeleteOutlined />} aria-label={`${t('common.delete')} ${formatDate(d.date)}`} />
              </Popconfirm>
            ),
          },
        ]}
      />
    </Flex>
  );
}
