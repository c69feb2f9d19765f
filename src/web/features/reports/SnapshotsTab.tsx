import { useState } from 'react';
import { Link } from '@tanstack/react-router';
import { Alert, Button, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { DiffOutlined, FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { QueryError } from '../../components/QueryError';
import { formatDate, formatDateTime } from '../../format';
import { snapshotExportUrl, useSnapshot, useSnapshotDiff, useSnapshots, type SnapshotSummary } from './api';
import { useReportText } from './i18n';
import { MethodNotes } from './MethodNotes';
import { ReviewTable } from './ReviewTable';
import { TasksBehindDrawer, type BehindTarget } from './TasksBehindDrawer';

/** Issued reports: the list, one report as frozen (numbers open the frozen task ids), and its comparison with a recomputation. */
export function SnapshotsTab({ snapshotId, onSelect }: { snapshotId?: number; onSelect(id: number): void }) {
  const rt = useReportText();
  const list = useSnapshots();
  return (
    <>
      {list.error && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<SnapshotSummary>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        rowClassName={(r) => (r.id === snapshotId ? 'ant-table-row-selected' : '')}
        columns={[
          { title: '#', dataIndex: 'id', width: 60 },
          { title: rt('issueTitle'), dataIndex: 'title' },
          { title: rt('asOf'), key: 'asOf', width: 120, render: (_, r) => formatDate(r.asOf) },
          { title: rt('issuedAt'), key: 'issuedAt', width: 150, render: (_, r) => formatDateTime(r.issuedAt) },
          { title: rt('issuedBy'), dataIndex: 'issuedBy', width: 180 },
          {
            title: '',
            key: 'view',
            width: 80,
            render: (_, r) => (
              <Button size="small" onClick={() => onSelect(r.id)}>
                {rt('view')}
              </Button>
            ),
          },
        ]}
      />
      {snapshotId && <SnapshotView id={snapshotId} />}
    </>
  );
}

function SnapshotView({ id }: { id: number }) {
  const rt = useReportText();
  const snap = useSnapshot(id);
  const [compare, setCompare] = useState(false);
  const [target, setTarget] = useState<BehindTarget | null>(null);
  if (snap.error) return <QueryError error={snap.error} onRetry={() => void snap.refetch()} />;
  if (!snap.data) return <Skeleton active />;
  const s = snap.data;
  return (
    <div style={{ marginTop: 16 }} data-testid="snapshot-view">
      <Flex wrap gap={8} justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          #{s.id} {s.title} · {rt('asOf')} {formatDate(s.asOf)}
        </Typography.Title>
        <Flex wrap gap={8}>
          <Button icon={<FileExcelOutlined />} href={snapshotExportUrl(s.id, 'xlsx')}>
            {rt('exportXlsx')}
          </Button>
          <Button icon={<FilePdfOutlined />} href={snapshotExportUrl(s.id, 'pdf')}>
            {rt('exportPdf')}
          </Button>
          <Button icon={<DiffOutlined />} type={compare ? 'primary' : 'default'} onClick={() => setCompare(true)}>
            {rt('compare')}
          </Button>
        </Flex>
      </Flex>
      <Typography.Paragraph type="secondary">
        {rt('issuedBy')}: {s.issuedBy?.name ?? '—'} · {formatDateTime(s.issuedAt)}
      </Typography.Paragraph>
      {compare && <DiffView id={s.id} />}
      <ReviewTable
        rows={s.review.rows}
        totals={s.review.totals}
        groupTitle={rt(`groupBy.${s.review.params.groupBy}`)}
        onOpen={setTarget}
        exactOnly
        showDossiers={!!s.review.totals.dossiers}
      />
      <MethodNotes method={s.review.method} />
      <TasksBehindDrawer source={{ kind: 'snapshot', id: s.id }} target={target} onClose={() => setTarget(null)} />
    </div>
  );
}

/** What a recomputation for the same cut-off says now, and which records were changed after issue, by whom. */
function DiffView({ id }: { id: number }) {
  const rt = useReportText();
  const diff = useSnapshotDiff(id, true);
  if (diff.error) return <QueryError error={diff.error} onRetry={() => void diff.refetch()} />;
  if (!diff.data) return <Skeleton active />;
  const d = diff.data;
  if (d.identical)
    return (
      <Alert
        type="success"
        showIcon
        title={rt('identical')}
        style={{ marginBottom: 12 }}
        data-testid="diff-identical"
      />
    );
  return (
    <div style={{ marginBottom: 16 }} data-testid="diff-view">
      <Alert type="warning" showIcon title={rt('differs', { n: d.tasksChanged })} style={{ marginBottom: 8 }} />
      {d.rulesChanged ? <Alert type="info" title={rt('rulesChanged')} style={{ marginBottom: 8 }} /> : null}
      <Table
        size="small"
        rowKey={(r) => `${r.key}-${r.measure}`}
        dataSource={d.numbers}
        pagination={false}
        columns={[
          { title: rt('unit'), dataIndex: 'label' },
          { title: '', dataIndex: 'measure', width: 140 },
          { title: rt('before'), dataIndex: 'before', width: 100, align: 'right' },
          { title: rt('after'), dataIndex: 'after', width: 100, align: 'right' },
        ]}
      />
      <Table
        size="small"
        rowKey="taskId"
        style={{ marginTop: 8 }}
        dataSource={d.tasks}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          {
            title: rt('content'),
            key: 'task',
            render: (_, t) => (
              <Link to="/tasks/$taskId" params={{ taskId: t.taskId }}>
                #{t.taskId} {t.content}
              </Link>
            ),
          },
          {
            title: rt('before'),
            key: 'before',
            width: 160,
            render: (_, t) => (t.before ? String(t.before.status) : '—'),
          },
          { title: rt('after'), key: 'after', width: 160, render: (_, t) => (t.after ? String(t.after.status) : '—') },
          {
            title: rt('changes'),
            key: 'changes',
            render: (_, t) =>
              t.changes.map((c, i) => (
                <div key={i}>
                  <Tag>{c.kind}</Tag> {formatDateTime(c.at)} · {c.actor?.name ?? '—'}
                </div>
              )),
          },
        ]}
      />
      {d.otherChanges.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 8 }}>
          {rt('otherChanges')}:{' '}
          {d.otherChanges
            .map((c) => `${c.action} ${c.entityId} (${c.actor?.name ?? '—'}, ${formatDateTime(c.at)})`)
            .join('; ')}
        </Typography.Paragraph>
      )}
    </div>
  );
}
