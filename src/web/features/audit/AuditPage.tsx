import { useState } from 'react';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, Input, Result, Select, Table, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import { useCurrentUser } from '../../api/auth';
import { PageHeading } from '../../components/PageHeading';
import { QueryError } from '../../components/QueryError';
import { canReadAudit, canVerifyAudit } from '../../components/roles';
import { formatDateTime, toDayjs, toIsoDate } from '../../format';
import { useI18n } from '../../i18n';

interface AuditRow {
  id: number;
  at: string;
  action: string;
  entity: string;
  entityId: string;
  data: Record<string, unknown>;
  seq: number | null;
  actor: { id: number; fullName: string } | null;
}

interface ChainCheck {
  ok: boolean;
  rows: number;
  firstBrokenId: number | null;
  pending: number;
}

interface Filters {
  entity?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
}

const PAGE = 100;

/** The audit log for administrators, auditors and inspectors: browse, filter, verify the chain. */
export function AuditPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const [filters, setFilters] = useState<Filters>({});
  const allowed = canReadAudit(user);
  const actions = useQuery({
    queryKey: ['audit-actions'],
    queryFn: () => api.get<string[]>('/api/audit/actions'),
    enabled: allowed,
  });
  const log = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => api.get<AuditRow[]>('/api/audit', { ...filters, limit: PAGE, before: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.length === PAGE ? last[last.length - 1]!.id : undefined),
    enabled: allowed,
  });
  const verify = useMutation({ mutationFn: () => api.get<ChainCheck>('/api/audit/verify') });
  if (!allowed) {
    return (
      <>
        <PageHeading title={t('audit.title')} />
        <Result status="403" title={t('detail.noActions')} />
      </>
    );
  }
  const rows = log.data?.pages.flat() ?? [];
  const check = verify.data;
  return (
    <>
      <PageHeading
        title={t('audit.title')}
        extra={
          canVerifyAudit(user) && (
            <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
              {t('audit.verify')}
            </Button>
          )
        }
      />
      {verify.error && <QueryError error={verify.error} onRetry={() => verify.mutate()} />}
      {check && (
        <Alert
          role="status"
          style={{ marginBottom: 12 }}
          type={check.ok ? 'success' : 'error'}
          showIcon
          message={
            check.ok
              ? t('audit.verifyOk', { rows: check.rows })
              : t('audit.verifyBroken', { id: check.firstBrokenId ?? '?', rows: check.rows })
          }
          description={check.pending ? t('audit.pending', { n: check.pending }) : undefined}
        />
      )}
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t('audit.entity')}
          placeholder={t('audit.entity')}
          allowClear
          onSearch={(v) => setFilters((f) => ({ ...f, entity: v.trim() || undefined }))}
          style={{ width: 180 }}
        />
        <Input.Search
          aria-label={t('audit.entityId')}
          placeholder={t('audit.entityId')}
          allowClear
          onSearch={(v) => setFilters((f) => ({ ...f, entityId: v.trim() || undefined }))}
          style={{ width: 160 }}
        />
        <Select
          aria-label={t('audit.action')}
          placeholder={t('audit.action')}
          allowClear
          showSearch
          style={{ width: 260 }}
          value={filters.action}
          options={(actions.data ?? []).map((a) => ({ value: a, label: a }))}
          onChange={(action?: string) => setFilters((f) => ({ ...f, action }))}
        />
        <DatePicker.RangePicker
          aria-label={t('audit.period')}
          format="DD/MM/YYYY"
          allowEmpty={[true, true]}
          value={[toDayjs(filters.from) ?? null, toDayjs(filters.to) ?? null]}
          onChange={(range) => setFilters((f) => ({ ...f, from: toIsoDate(range?.[0]), to: toIsoDate(range?.[1]) }))}
        />
      </Flex>
      {log.error && <QueryError error={log.error} onRetry={() => void log.refetch()} />}
      <Table<AuditRow>
        rowKey="id"
        size="small"
        loading={log.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', width: 160, render: (v: string) => formatDateTime(v) },
          {
            title: t('audit.actor'),
            dataIndex: 'actor',
            width: 180,
            render: (a: AuditRow['actor']) => a?.fullName ?? t('audit.system'),
          },
          { title: t('audit.action'), dataIndex: 'action', width: 200 },
          {
            title: t('audit.entity'),
            key: 'entity',
            width: 160,
            render: (_: unknown, r) => `${r.entity} #${r.entityId}`,
          },
          {
            title: t('audit.data'),
            dataIndex: 'data',
            render: (d: AuditRow['data']) => (
              <Typography.Text code style={{ fontSize: 12, wordBreak: 'break-all' }}>
                {JSON.stringify(d)}
              </Typography.Text>
            ),
          },
          {
            title: t('audit.seq'),
            dataIndex: 'seq',
            width: 110,
            render: (s: number | null) =>
              s ?? <Typography.Text type="secondary">{t('audit.pendingSeq')}</Typography.Text>,
          },
        ]}
      />
      {log.hasNextPage && (
        <Button style={{ marginTop: 12 }} loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
          {t('audit.more')}
        </Button>
      )}
    </>
  );
}
