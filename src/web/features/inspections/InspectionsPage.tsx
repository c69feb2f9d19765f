import { useState } from 'react';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { Button, DatePicker, Flex, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useCurrentUser } from '../../api/auth';
import { PageHeading } from '../../components/PageHeading';
import { QueryError } from '../../components/QueryError';
import { formatDate, todayIso } from '../../format';
import type { InspectionsTab } from '../../routes/inspections';
import { usePlans, useRecords, type InspectionRecord, type PlanSummary } from './api';
import { FeedbackQueue } from './FeedbackQueue';
import { canManageInspections, canModerateFeedback, canReadInspections } from './nav';
import { TargetingPanel } from './TargetingPanel';
import { useInspectionText } from './text';

/** Inspection home: targeting, plans, records, the monthly briefing and the feedback queue, by role. */
export function InspectionsPage() {
  const { tr } = useInspectionText();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const search = useSearch({ from: '/authenticated/inspections' });
  const manage = canManageInspections(user);
  const read = canReadInspections(user);
  const tabs = [
    ...(read ? [{ key: 'targets', label: tr('tab.targets'), children: <TargetingPanel canPlan={manage} /> }] : []),
    ...(read ? [{ key: 'plans', label: tr('tab.plans'), children: <PlansPanel canCreate={manage} /> }] : []),
    { key: 'records', label: tr('tab.records'), children: <RecordsPanel /> },
    ...(read ? [{ key: 'briefing', label: tr('tab.briefing'), children: <BriefingPanel /> }] : []),
    ...(canModerateFeedback(user) ? [{ key: 'feedback', label: tr('tab.feedback'), children: <FeedbackQueue /> }] : []),
  ];
  const active = tabs.some((t) => t.key === search.tab) ? search.tab! : (tabs[0]!.key as InspectionsTab);
  return (
    <>
      <PageHeading title={tr('title')} />
      <Tabs
        activeKey={active}
        onChange={(tab) => void navigate({ to: '/inspections', search: { tab: tab as InspectionsTab } })}
        items={tabs}
        destroyOnHidden
      />
    </>
  );
}

function PlansPanel({ canCreate }: { canCreate: boolean }) {
  const { tr } = useInspectionText();
  const plans = usePlans();
  return (
    <>
      {canCreate && (
        <Link to="/inspections/plans/new" search={{}}>
          <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }}>
            {tr('newPlan')}
          </Button>
        </Link>
      )}
      {plans.error && <QueryError error={plans.error} onRetry={() => void plans.refetch()} />}
      <Table<PlanSummary>
        rowKey="id"
        size="small"
        loading={plans.isLoading}
        dataSource={plans.data?.items ?? []}
        scroll={{ x: 720 }}
        columns={[
          {
            title: tr('plan.title'),
            key: 'title',
            render: (_, p) => (
              <Link to="/inspections/plans/$planId" params={{ planId: p.id }}>
                {p.title}
              </Link>
            ),
          },
          {
            title: tr('plan.kind'),
            key: 'kind',
            width: 120,
            render: (_, p) => (p.kind === 'monthly' ? `${tr('plan.monthly')} ${p.month}` : tr('plan.ad_hoc')),
          },
          {
            title: tr('plan.schedule'),
            key: 'schedule',
            width: 200,
            render: (_, p) => `${formatDate(p.startsOn)} – ${formatDate(p.endsOn)}`,
          },
          { title: tr('plan.leader'), key: 'leader', width: 180, render: (_, p) => p.leader?.fullName },
          {
            title: tr('plan.units'),
            key: 'units',
            width: 100,
            align: 'right',
            render: (_, p) => `${p.concludedCount ?? 0}/${p.unitCount ?? 0}`,
          },
        ]}
      />
    </>
  );
}

function RecordsPanel() {
  const { tr } = useInspectionText();
  const records = useRecords({});
  return (
    <>
      {records.error && <QueryError error={records.error} onRetry={() => void records.refetch()} />}
      <Table<InspectionRecord>
        rowKey="id"
        size="small"
        loading={records.isLoading}
        dataSource={records.data?.items ?? []}
        scroll={{ x: 760 }}
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
          { title: tr('tab.plans'), key: 'plan', render: (_, r) => r.plan.title },
          {
            title: tr('record.conclusionNumber'),
            key: 'number',
            width: 150,
            render: (_, r) => (r.conclusionNumber ? `${r.conclusionNumber} (${formatDate(r.concludedOn)})` : ''),
          },
          {
            title: tr('feedback.status'),
            key: 'status',
            width: 200,
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

function BriefingPanel() {
  const { tr } = useInspectionText();
  const [month, setMonth] = useState(todayIso().slice(0, 7));
  const link = (format: 'docx' | 'pdf') => `/api/inspections/briefing?month=${month}&format=${format}`;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640 }}>
      <Typography.Paragraph>{tr('briefing.intro')}</Typography.Paragraph>
      <Flex gap={12} wrap align="center">
        <label htmlFor="briefing-month">{tr('month')}</label>
        <DatePicker
          id="briefing-month"
          picker="month"
          format="MM/YYYY"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
        />
        <Button icon={<DownloadOutlined />} href={link('docx')} data-testid="briefing-docx">
          {tr('briefing.docx')}
        </Button>
        <Button icon={<DownloadOutlined />} href={link('pdf')} data-testid="briefing-pdf">
          {tr('briefing.pdf')}
        </Button>
      </Flex>
    </Flex>
  );
}
