import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, InputNumber, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarYear, Recomputation, ReplaceResult, ScheduleDay } from '../../../shared/api/holidays';
import { api } from '../../api/client';
import { formatDate, todayIso } from '../../format';
import { useI18n } from '../../i18n';

/**
 * The holiday table year by year (decided by the Government or provisional by the rule), the
 * import of a decided schedule with a dry run, and the deadlines that a change would move: the
 * officer applies or keeps each, nothing moves silently.
 */
export function HolidaySchedules() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const years = useQuery({
    queryKey: ['calendar-years'],
    queryFn: () => api.get<CalendarYear[]>('/api/calendar/years'),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['calendar-years'] });
    void queryClient.invalidateQueries({ queryKey: ['calendar'] });
    void queryClient.invalidateQueries({ queryKey: ['recomputations'] });
  };
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('hol.years')}</h2>}>
        <Table<CalendarYear>
          rowKey="year"
          size="small"
          loading={years.isLoading}
          dataSource={[...(years.data ?? [])].sort((a, b) => b.year - a.year)}
          pagination={false}
          scroll={{ y: 320 }}
          data-testid="calendar-years"
          columns={[
            { title: t('hol.year'), dataIndex: 'year', width: 80 },
            {
              title: t('hol.status'),
              dataIndex: 'status',
              width: 140,
              render: (s: CalendarYear['status']) => (
                <Tag color={s === 'decided' ? 'green' : 'orange'}>{t(`hol.status.${s}`)}</Tag>
              ),
            },
            { title: t('hol.source'), dataIndex: 'source', ellipsis: true },
            { title: t('hol.days'), dataIndex: 'days', width: 90, align: 'right' },
            {
              title: '',
              width: 120,
              render: (_, y) => <a href={`/api/calendar/years/${y.year}/csv`}>CSV</a>,
            },
          ]}
        />
      </Card>
      <ImportSchedule onDone={refresh} />
      <Recomputations onDone={refresh} />
    </Flex>
  );
}

function dayLine(d: ScheduleDay, t: ReturnType<typeof useI18n>['t']) {
  return `${formatDate(d.date)} — ${t(`admin.dayKind.${d.kind}`)}: ${d.name}`;
}

function ImportSchedule({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [year, setYear] = useState(Number(todayIso().slice(0, 4)) + 1);
  const [source, setSource] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ReplaceResult | null>(null);
  const run = useMutation({
    mutationFn: (dryRun: boolean) =>
      api.upload<ReplaceResult>(
        `/api/calendar/years/${year}/import?dryRun=${dryRun}&source=${encodeURIComponent(source.trim())}`,
        file!,
      ),
    onSuccess: (r) => {
      setResult(r);
      if (!r.dryRun) onDone();
    },
  });
  const ready = Boolean(file) && source.trim().length >= 3;
  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('hol.import')}</h2>}
      data-testid="holiday-import"
    >
      <Typography.Paragraph type="secondary">{t('hol.importHint')}</Typography.Paragraph>
      <Flex wrap gap={8} align="center">
        <InputNumber aria-label={t('hol.year')} value={year} min={1900} max={2199} onChange={(v) => v && setYear(v)} />
        <Input
          aria-label={t('hol.source')}
          placeholder={t('hol.sourceHint')}
          value={source}
          onChange={(e) => setSource(e.target.value)}
          style={{ width: 360 }}
        />
        <Upload
          accept=".csv,.xlsx"
          maxCount={1}
          beforeUpload={(f) => (setFile(f), setResult(null), false)}
          onRemove={() => (setFile(null), setResult(null))}
        >
          <Button icon={<UploadOutlined />}>{t('hol.chooseFile')}</Button>
        </Upload>
        <Button
          disabled={!ready}
          loading={run.isPending && run.variables}
          onClick={() => run.mutate(true)}
          data-testid="holiday-dry-run"
        >
          {t('hol.dryRun')}
        </Button>
        <Button
          type="primary"
          disabled={!ready || !result?.dryRun}
          loading={run.isPending && !run.variables}
          onClick={() => run.mutate(false)}
          data-testid="holiday-apply"
        >
          {t('hol.apply')}
        </Button>
      </Flex>
      {run.error && <Alert type="error" showIcon title={run.error.message} style={{ marginTop: 12 }} role="alert" />}
      {result && (
        <div style={{ marginTop: 12 }} data-testid="holiday-result">
          <Alert
            type={result.dryRun ? 'info' : 'success'}
            showIcon
            title={t(result.dryRun ? 'hol.checked' : 'hol.imported', {
              year: result.year,
              added: result.added.length,
              removed: result.removed.length,
              changed: result.changed.length,
              tasks: result.recomputations.length,
            })}
          />
          <ul>
            {result.added.map((d) => (
              <li key={`a${d.date}`}>+ {dayLine(d, t)}</li>
            ))}
            {result.removed.map((d) => (
              <li key={`r${d.date}`}>− {dayLine(d, t)}</li>
            ))}
            {result.changed.map((c) => (
              <li key={`c${c.after.date}`}>~ {dayLine(c.after, t)}</li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}

function Recomputations({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const list = useQuery({
    queryKey: ['recomputations'],
    queryFn: () => api.get<Recomputation[]>('/api/calendar/recomputations'),
  });
  const [keep, setKeep] = useState<Set<number>>(new Set());
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: (items: Recomputation[]) =>
      api.post<{ applied: number[]; kept: number[] }>('/api/calendar/recomputations', {
        decisions: items.map((r) => ({ taskId: r.taskId, version: r.version, apply: !keep.has(r.taskId) })),
        reason: reason.trim(),
      }),
    onSuccess: (r) => {
      void message.success(t('hol.decided', { applied: r.applied.length, kept: r.kept.length }));
      setKeep(new Set());
      onDone();
    },
    onError: (e) => void message.error(e.message),
  });
  const items = list.data ?? [];
  if (items.length === 0) return null;
  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('hol.recomputations')}</h2>}
      data-testid="recomputations"
    >
      <Typography.Paragraph type="secondary">{t('hol.recomputationsHint')}</Typography.Paragraph>
      <Table<Recomputation>
        rowKey="taskId"
        size="small"
        pagination={false}
        dataSource={items}
        rowSelection={{
          selectedRowKeys: items.filter((r) => !keep.has(r.taskId)).map((r) => r.taskId),
          onChange: (keys) => setKeep(new Set(items.filter((r) => !keys.includes(r.taskId)).map((r) => r.taskId))),
        }}
        columns={[
          { title: '#', dataIndex: 'taskId', width: 70 },
          { title: t('task.content'), dataIndex: 'content', ellipsis: true },
          { title: t('task.leadUnit'), dataIndex: 'leadUnitName', width: 200 },
          { title: t('hol.oldDeadline'), dataIndex: 'deadline', width: 120, render: formatDate },
          { title: t('hol.newDeadline'), dataIndex: 'computed', width: 120, render: formatDate },
        ]}
      />
      <Flex gap={8} style={{ marginTop: 12 }}>
        <Input
          aria-label={t('form.reason')}
          placeholder={t('form.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <Button
          type="primary"
          disabled={reason.trim().length < 3}
          loading={decide.isPending}
          onClick={() => decide.mutate(items)}
          data-testid="recompute-apply"
        >
          {t('hol.decide')}
        </Button>
      </Flex>
    </Card>
  );
}
