import { useState } from 'react';
import { Table, Typography } from 'antd';
import { useCurrentUser } from '../../api/auth';
import { FileImportCard } from '../../components/FileImportCard';
import { hasRole } from '../../components/roles';
import { UnitSelect } from '../../components/UnitSelect';
import { formatDate, formatNumber } from '../../format';
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
          ...(['received', 'resolved_on_time', 'resolved_late', 'pending_on_time', 'pending_overdue'] as const).map(
            (k) => ({
              title: rt(
                (
                  {
                    received: 'col.received',
                    resolved_on_time: 'resolvedOnTime',
                    resolved_late: 'col.resolvedLate',
                    pending_on_time: 'pendingOnTime',
                    pending_overdue: 'col.pendingOverdue',
                  } as const
                )[k],
              ),
              key: k,
              width: 110,
              align: 'right' as const,
              render: (_: unknown, r: Record<string, string | number>) => formatNumber(Number(r[k])),
            }),
          ),
        ]}
      />
    </>
  );
}

function ImportCard() {
  const rt = useReportText();
  const run = useDossierImport();
  return (
    <FileImportCard<DossierImportResult>
      title={rt('dossierImport')}
      hint={rt('dossierHint')}
      labels={{
        chooseFile: rt('chooseFile'),
        dryRun: rt('dryRun'),
        apply: rt('apply'),
        line: rt('line'),
        field: rt('field'),
        message: rt('message'),
      }}
      run={run}
      done={(r) =>
        r.dryRun
          ? rt('dryRunOk', { valid: r.valid, total: r.total })
          : rt('applied', { n: r.valid, inserted: r.inserted ?? 0, replaced: r.replaced ?? 0 })
      }
      testId="dossier"
    />
  );
}
