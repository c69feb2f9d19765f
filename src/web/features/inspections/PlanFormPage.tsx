import { useMemo } from 'react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { App, Button, Card, DatePicker, Form, Input, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCurrentUser } from '../../api/auth';
import { isApiError } from '../../api/client';
import { PageHeading } from '../../components/PageHeading';
import { UnitSelect } from '../../components/UnitSelect';
import { foldForSearch, todayIso } from '../../format';
import { useUnits } from '../../api/reference';
import { useInspectionMutations, usePeople, type PlanDetail } from './api';
import { useInspectionText } from './text';

interface PlanFormValues {
  kind: 'monthly' | 'ad_hoc';
  title: string;
  month?: Dayjs;
  period: [Dayjs, Dayjs];
  schedule: [Dayjs, Dayjs];
  leaderUserId: number;
  memberUserIds: number[];
  unitIds: number[];
  visits?: Record<string, Dayjs | null>;
}

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** The plan form, for a new plan (from the targeting list) or an existing one. */
export function PlanForm({
  initial,
  plan,
  targeting,
  onSaved,
}: {
  initial: Partial<PlanFormValues>;
  plan?: PlanDetail;
  targeting?: { month: string; weights?: string };
  onSaved: (p: PlanDetail) => void;
}) {
  const { tr } = useInspectionText();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanFormValues>();
  const people = usePeople(true);
  const { data: units = [] } = useUnits();
  const m = useInspectionMutations();
  const kind = Form.useWatch('kind', form);
  const unitIds = Form.useWatch('unitIds', form) ?? initial.unitIds ?? [];
  const peopleOptions = (people.data ?? []).map((p) => ({
    value: p.id,
    label: `${p.fullName} — ${p.unitName}`,
    searchText: foldForSearch(`${p.fullName} ${p.unitName}`),
  }));
  const filter = {
    filterOption: (input: string, o?: { searchText: string }) => !!o && o.searchText.includes(foldForSearch(input)),
  };

  const submit = async (v: PlanFormValues) => {
    const body = {
      title: v.title,
      periodFrom: iso(v.period[0]),
      periodTo: iso(v.period[1]),
      startsOn: iso(v.schedule[0]),
      endsOn: iso(v.schedule[1]),
      leaderUserId: v.leaderUserId,
      memberUserIds: v.memberUserIds ?? [],
      units: v.unitIds.map((unitId) => ({ unitId, scheduledOn: iso(v.visits?.[unitId]) })),
    };
    try {
      const saved = plan
        ? await m.updatePlan.mutateAsync({ id: plan.id, version: plan.version, ...body })
        : await m.createPlan.mutateAsync({
            ...body,
            kind: v.kind,
            month: v.kind === 'monthly' ? v.month?.format('YYYY-MM') : null,
            targeting: targeting ?? null,
          });
      message.success(tr('plan.saved'));
      onSaved(saved);
    } catch (err) {
      message.error(isApiError(err) ? err.message : String(err));
    }
  };

  return (
    <Form<PlanFormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(v) => void submit(v)}
      style={{ maxWidth: 880 }}
    >
      {targeting && (
        <Typography.Paragraph type="secondary">
          {tr('plan.fromTargeting', { month: targeting.month, weights: targeting.weights ?? '' })}
        </Typography.Paragraph>
      )}
      {!plan && (
        <Form.Item name="kind" label={tr('plan.kind')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'monthly', label: tr('plan.monthly') },
              { value: 'ad_hoc', label: tr('plan.ad_hoc') },
            ]}
          />
        </Form.Item>
      )}
      <Form.Item name="title" label={tr('plan.title')} rules={[{ required: true, min: 3, max: 500 }]}>
        <Input />
      </Form.Item>
      {!plan && kind === 'monthly' && (
        <Form.Item name="month" label={tr('plan.month')} rules={[{ required: true }]}>
          <DatePicker picker="month" format="MM/YYYY" />
        </Form.Item>
      )}
      <Space wrap size="large">
        <Form.Item name="period" label={tr('plan.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item name="schedule" label={tr('plan.schedule')} rules={[{ required: true }]}>
          <DatePicker.RangePicker format="DD/MM/YYYY" />
        </Form.Item>
      </Space>
      <Form.Item name="leaderUserId" label={tr('plan.leader')} rules={[{ required: true }]}>
        <Select showSearch={filter} options={peopleOptions} loading={people.isLoading} />
      </Form.Item>
      <Form.Item name="memberUserIds" label={tr('plan.members')}>
        <Select mode="multiple" showSearch={filter} options={peopleOptions} loading={people.isLoading} />
      </Form.Item>
      <Form.Item name="unitIds" label={tr('plan.units')} rules={[{ required: true, type: 'array', min: 1 }]}>
        <UnitSelect multiple kinds={['department', 'district', 'division', 'ward', 'commune']} />
      </Form.Item>
      {unitIds.length > 0 && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Space wrap size="large">
            {unitIds.map((id) => (
              <Form.Item
                key={id}
                name={['visits', String(id)]}
                label={tr('plan.visitOn', { unit: units.find((u) => u.id === id)?.name ?? `#${id}` })}
                style={{ marginBottom: 8 }}
              >
                <DatePicker format="DD/MM/YYYY" />
              </Form.Item>
            ))}
          </Space>
        </Card>
      )}
      <Button type="primary" htmlType="submit" loading={m.createPlan.isPending || m.updatePlan.isPending}>
        {tr('plan.save')}
      </Button>
    </Form>
  );
}

export function NewPlanPage() {
  const { tr } = useInspectionText();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const search = useSearch({ from: '/authenticated/inspections/plans/new' });
  const initial = useMemo<Partial<PlanFormValues>>(() => {
    // The plan is for the running month; the ranking it came from used the figures of search.month.
    const monthStart = dayjs(`${todayIso().slice(0, 7)}-01`);
    return {
      kind: 'monthly',
      month: monthStart,
      title: `Kiểm tra công vụ tháng ${monthStart.format('MM/YYYY')}`,
      period: [monthStart.subtract(6, 'month'), monthStart.subtract(1, 'day')],
      schedule: [dayjs(todayIso()), dayjs(todayIso()).add(14, 'day')],
      leaderUserId: user.id,
      memberUserIds: [],
      unitIds: (search.units ?? '')
        .split(',')
        .map(Number)
        .filter((n) => Number.isInteger(n) && n > 0),
    };
  }, [search.units, user.id]);
  return (
    <>
      <PageHeading title={tr('newPlan')} />
      <PlanForm
        initial={initial}
        targeting={search.month ? { month: search.month, weights: search.weights } : undefined}
        onSaved={(p) => void navigate({ to: '/inspections/plans/$planId', params: { planId: p.id } })}
      />
    </>
  );
}
