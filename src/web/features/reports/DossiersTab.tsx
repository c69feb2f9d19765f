import { useState } from 'react';
import { Alert, Button, Card, Flex, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { isApiError } from '../../api/client';
import { useCurrentUser } from '../../api/auth';
import { hasRole } from '../../components/roles';
import { UnitSelect } from '../../components/UnitSelect';
import { formatDate, formatNumber } from '../../format';
import { pickLanguage, useI18n } from '../../i18n';
import { useDossierImport, useDossierStats, type DossierImportResult } from './api';
import { useReportText } from './i18n';

/** Dossier statistics from the one-stop-shop system: upload, dry run with row errors, all-or-nothing apply; the figures imported. */
export function DossiersTab() {
  const rt = useReportText();
  const user = useCurrentUser();
  const [unitId, setUnitId] = useState<number>();
  const stats = useDossierStats({ unitId });
  const canImport = hasRole(user, 'officer', 'admin', 'unit_head', 'clerk');
  return (
    <>
      {canImport && <ImportCard />}
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 16 }}>
        {rt('dossierList')}
      </Typography.Title>
      <div style={{ width: 320, marginBottom: 8 }}>
        <UnitSelect aria-label={rt('unit')} value={unitId} onChange={(id?: number) => setUnitId(id)} />
      </div>
      <Table
        size="small"
        rowKey="id"
        loading={stats.isLoading}
        dataSource={stats.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 1000 }}
        columns={[
          { title: rt('unit'), dataIndex: 'unit_name' },
          { title: rt('fieldCode'), dataIndex: 'field_code', width: 150 },
          { title: rt('periodStart'), key: 's', width: 110, render: (_, r) => formatDate(String(r.period_start)) },
          { title: rt('periodEnd'), key: 'e', width: 110, render: (_, r) => formatDate(String(r.period_end)) },
          ...(['received', 'resolved_on_time', 'resolved_late', 'pending_on_time', 'pending_overdue'] as const).map((k) => ({
            title: rt(({ received: 'col.received', resolved_on_time: 'resolvedOnTime', resolved_late: 'col.resolvedLate', pending_on_time: 'pendingOnTime', pending_overdue: 'col.pendingOverdue' } as const)[k]),
            key: k,
            width: 110,
            align: 'right' as const,
            render: (_: unknown, r: Record<string, string | number>) => formatNumber(Number(r[k])),
          })),
        ]}
      />
    </>
  );
}

function ImportCard() {
  const rt = useReportText();
  const { language } = useI18n();
  const run = useDossierImport();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<DossierImportResult | null>(null);
  const start = (dryRun: boolean) => file && (setResult(null), run.mutate({ file, dryRun }, { onSuccess: setResult }));
  const failed = run.error && isApiError(run.error) ? run.error : null;
  const errors = result?.errors.map((e) => ({ key: `${e.line}-${e.field}`, line: e.line, field: e.field, message: pickLanguage(language, e.message) })) ?? failed?.issues.map((i) => ({ key: i.field, line: Number((i.field.split('.')[0] ?? '').replace('line ', '')), field: i.field.split('.')[1] ?? '', message: i.message })) ?? [];
  return (
    <Card size="small" title={rt('dossierImport')}>
      <Typography.Paragraph type="secondary">{rt('dossierHint')}</Typography.Paragraph>
      <Flex wrap gap={8} align="center">
        <Upload accept=".csv,.xlsx" maxCount={1} beforeUpload={(f) => (setFile(f), setResult(null), false)} onRemove={() => setFile(null)}>
          <Button icon={<UploadOutlined />}>{rt('chooseFile')}</Button>
        </Upload>
        <Button disabled={!file} loading={run.isPending && run.variables?.dryRun} onClick={() => start(true)} data-testid="dossier-dry-run">
          {rt('dryRun')}
        </Button>
        <Button type="primary" disabled={!file || !result?.dryRun || result.errors.length > 0} loading={run.isPending && !run.variables?.dryRun} onClick={() => start(false)} data-testid="dossier-apply">
          {rt('apply')}
        </Button>
      </Flex>
      {result?.dryRun && result.errors.length === 0 && <Alert style={{ marginTop: 8 }} type="success" showIcon title={rt('dryRunOk', { valid: result.valid, total: result.total })} />}
      {result && !result.dryRun && <Alert style={{ marginTop: 8 }} type="success" showIcon title={rt('applied', { n: result.valid, inserted: result.inserted ?? 0, replaced: result.replaced ?? 0 })} />}
      {failed && <Alert style={{ marginTop: 8 }} type="error" showIcon title={failed.message} />}
      {errors.length > 0 && (
        <Table
          style={{ marginTop: 8 }}
          size="small"
          rowKey="key"
          dataSource={errors}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: rt('line'), dataIndex: 'line', width: 80 },
            { title: rt('field'), dataIndex: 'field', width: 160 },
            { title: rt('message'), dataIndex: 'message' },
          ]}
        />
      )}
    </Card>
  );
}
