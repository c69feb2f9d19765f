import { useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { Button, Card, Col, DatePicker, Flex, Row, Slider, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { QueryError } from '../../components/QueryError';
import { formatDate, formatNumber, todayIso } from '../../format';
import { useTargets, weightsParam, type Criterion, type TargetUnit, type Weights } from './api';
import { useInspectionText } from './text';

const CRITERIA: Criterion[] = ['backlog', 'overdueRate', 'lateDossiers', 'sinceInspection'];
export const DEFAULT_WEIGHTS: Weights = { backlog: 35, overdueRate: 25, lateDossiers: 30, sinceInspection: 10 };

/** The ranked list of units for this month, weights on sliders, the method beside it. */
export function TargetingPanel({ canPlan }: { canPlan: boolean }) {
  const { tr, language } = useInspectionText();
  const navigate = useNavigate();
  // The last complete month by default: dossier figures of the running month are not in yet.
  const [month, setMonth] = useState(dayjs(todayIso()).subtract(1, 'month').format('YYYY-MM'));
  const [weights, setWeights] = useState<Weights>(DEFAULT_WEIGHTS);
  const [draft, setDraft] = useState<Weights>(DEFAULT_WEIGHTS);
  const [selected, setSelected] = useState<number[]>([]);
  const targets = useTargets(month, weights);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

  const planSelected = () =>
    void navigate({
      to: '/inspections/plans/new',
      search: { units: selected.join(','), month, weights: weightsParam(weights) },
    });

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
          <label htmlFor="targets-month">{tr('month')}</label>
          <DatePicker
            id="targets-month"
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            format="MM/YYYY"
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          />
          {targets.data && (
            <Typography.Text type="secondary">
              {tr('cutoff', { date: formatDate(targets.data.cutoff) })}
            </Typography.Text>
          )}
          {canPlan && (
            <Button
              type="primary"
              disabled={selected.length === 0}
              onClick={planSelected}
              data-testid="plan-from-selected"
            >
              {tr('planFromSelected', { count: selected.length })}
            </Button>
          )}
        </Flex>
        {targets.error && <QueryError error={targets.error} onRetry={() => void targets.refetch()} />}
        <Table<TargetUnit>
          rowKey="unitId"
          size="small"
          loading={targets.isFetching}
          dataSource={targets.data?.units ?? []}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          scroll={{ x: 760 }}
          rowSelection={
            canPlan
              ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), columnTitle: '' }
              : undefined
          }
          columns={[
            { title: tr('rank'), dataIndex: 'rank', width: 64, align: 'right' },
            { title: tr('unit'), dataIndex: 'name' },
            { title: tr('score'), dataIndex: 'score', width: 80, align: 'right', render: (v: number) => v.toFixed(2) },
            {
              title: tr('backlog'),
              dataIndex: 'backlog',
              width: 90,
              align: 'right',
              render: (v: number, u) => `${formatNumber(v)} / ${formatNumber(u.assigned)}`,
            },
            { title: tr('overdueRate'), dataIndex: 'overdueRate', width: 100, align: 'right', render: pct },
            { title: tr('lateDossiers'), dataIndex: 'lateDossiers', width: 90, align: 'right', render: formatNumber },
            {
              title: tr('lastInspected'),
              dataIndex: 'lastInspectedOn',
              width: 130,
              render: (v: string | null) => (v ? formatDate(v) : tr('never')),
            },
          ]}
        />
      </Col>
      <Col xs={24} xl={8}>
        <Card title={tr('weights')} size="small" style={{ marginBottom: 16 }}>
          {CRITERIA.map((c) => (
            <div key={c}>
              <Typography.Text id={`w-${c}`}>
                {tr(`w.${c}`)}: {draft[c]}
              </Typography.Text>
              <Slider
                aria-labelledby={`w-${c}`}
                min={0}
                max={100}
                value={draft[c]}
                onChange={(v) => setDraft({ ...draft, [c]: v })}
                onChangeComplete={(v) => {
                  const next = { ...draft, [c]: v };
                  if (CRITERIA.some((k) => next[k] > 0)) setWeights(next);
                }}
              />
            </div>
          ))}
        </Card>
        <Card title={tr('method')} size="small" data-testid="targeting-method">
          {(targets.data?.method[language] ?? []).map((line) => (
            <Typography.Paragraph key={line} style={{ fontSize: 13 }}>
              {line}
            </Typography.Paragraph>
          ))}
        </Card>
      </Col>
    </Row>
  );
}
