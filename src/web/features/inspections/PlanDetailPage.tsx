import { useState } from 'react';
import { Link, useParams } from '@tanstack/react-router';
import { Button, Descriptions, Skeleton, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { PageHeading } from '../../components/PageHeading';
import { QueryError } from '../../components/QueryError';
import { formatDate } from '../../format';
import { usePlan, type PlanDetail } from './api';
import { PlanForm } from './PlanFormPage';
import { useInspectionText } from './text';

export function PlanDetailPage() {
  const { planId } = useParams({ from: '/authenticated/inspections/plans/$planId' });
  const { tr } = useInspectionText();
  const plan = usePlan(planId);
  const [editing, setEditing] = useState(false);
  if (plan.error) return <QueryError error={plan.error} onRetry={() => void plan.refetch()} />;
  if (!plan.data) return <Skeleton active />;
  const p = plan.data;
  return (
    <>
      <PageHeading
        title={p.title}
        extra={p.canEdit && <Button onClick={() => setEditing(!editing)}>{tr('plan.edit')}</Button>}
      />
      {editing ? (
        <PlanForm initial={formValues(p)} plan={p} onSaved={() => setEditing(false)} />
      ) : (
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={tr('plan.kind')}>
            {p.kind === 'monthly' ? `${tr('plan.monthly')} ${p.month ?? ''}` : tr('plan.ad_hoc')}
          </Descriptions.Item>
          <Descriptions.Item label={tr('plan.period')}>
            {formatDate(p.periodFrom)} – {formatDate(p.periodTo)}
          </Descriptions.Item>
          <Descriptions.Item label={tr('plan.schedule')}>
            {formatDate(p.startsOn)} – {formatDate(p.endsOn)}
          </Descriptions.Item>
          <Descriptions.Item label={tr('plan.leader')}>{p.leader?.fullName}</Descriptions.Item>
          <Descriptions.Item label={tr('plan.members')} span={2}>
            {p.members.map((m) => m.fullName).join(', ') || '—'}
          </Descriptions.Item>
          {p.targeting && (
            <Descriptions.Item label={tr('tab.targets')} span={2}>
              {tr('plan.fromTargeting', {
                month: p.targeting.month,
                weights: Object.entries(p.targeting.weights)
                  .map(([k, v]) => `${k}:${v}`)
                  .join(', '),
              })}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      <h2 style={{ fontSize: 18 }}>{tr('plan.records')}</h2>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={p.records}
        columns={[
          {
            title: tr('unit'),
            key: 'unit',
            render: (_, r) => (
              <Link to="/inspections/records/$recordId" params={{ recordId: r.id }}>
                {r.unit.name}
              </Link>
            ),
          },
          { title: tr('plan.schedule'), dataIndex: 'scheduledOn', width: 130, render: formatDate },
          { title: tr('record.inspectedOn'), dataIndex: 'inspectedOn', width: 130, render: formatDate },
          {
            title: tr('feedback.status'),
            key: 'status',
            width: 220,
            render: (_, r) => (
              <>
                <Tag color={r.status === 'concluded' ? 'blue' : undefined}>
                  {r.status === 'concluded' ? tr('record.concludedTag') : tr('record.draft')}
                </Tag>
                {r.published && <Tag color="green">{tr('record.published')}</Tag>}
              </>
            ),
          },
        ]}
      />
    </>
  );
}

function formValues(p: PlanDetail) {
  return {
    title: p.title,
    period: [dayjs(p.periodFrom), dayjs(p.periodTo)] as [dayjs.Dayjs, dayjs.Dayjs],
    schedule: [dayjs(p.startsOn), dayjs(p.endsOn)] as [dayjs.Dayjs, dayjs.Dayjs],
    leaderUserId: p.leader?.id,
    memberUserIds: p.members.map((m) => m.id),
    unitIds: p.records.map((r) => r.unit.id),
    visits: Object.fromEntries(p.records.map((r) => [String(r.unit.id), r.scheduledOn ? dayjs(r.scheduledOn) : null])),
  };
}
