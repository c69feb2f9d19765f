import { useState } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { App, Button, Card, Flex, Radio, Table, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { PageHeading } from '../../components/PageHeading';
import { QueryError } from '../../components/QueryError';
import { UnitSelect } from '../../components/UnitSelect';
import { useMonitoringText } from '../notifications/text';
import { useDraftLetter, useLetters, type LetterSummary } from './api';
import { AtRiskTable } from './AtRiskTable';

/** /urging: draft a letter for one unit or all, the letters so far, and the tasks at risk. */
export function UrgingPage() {
  const { tr } = useMonitoringText();
  return (
    <>
      <PageHeading title={tr('u.title')} />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'letters', label: tr('u.tab.letters'), children: <Letters /> },
          { key: 'risk', label: tr('u.tab.risk'), children: <AtRiskTable /> },
        ]}
      />
    </>
  );
}

function Letters() {
  const { tr } = useMonitoringText();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const letters = useLetters();
  const draft = useDraftLetter();
  const [scope, setScope] = useState<'all' | 'unit'>('unit');
  const [unitId, setUnitId] = useState<number | undefined>();

  const onDraft = () =>
    draft.mutate(
      { unitId: scope === 'unit' ? unitId : null },
      {
        onSuccess: (l) => void navigate({ to: '/urging/$letterId', params: { letterId: l.id } }),
        onError: (e) => void message.error(e.message),
      },
    );

  return (
    <Flex vertical gap={16}>
      <Card size="small" title={tr('u.draftFor')}>
        <Flex wrap gap={12} align="center">
          <Radio.Group
            value={scope}
            onChange={(e) => setScope(e.target.value as 'all' | 'unit')}
            options={[
              { value: 'unit', label: tr('u.oneUnit') },
              { value: 'all', label: tr('u.allUnits') },
            ]}
          />
          {scope === 'unit' && (
            <UnitSelect
              kinds={['department', 'district', 'division', 'ward', 'commune']}
              value={unitId ?? null}
              onChange={setUnitId}
              aria-label={tr('u.oneUnit')}
              style={{ minWidth: 280 }}
            />
          )}
          <Button
            type="primary"
            onClick={onDraft}
            loading={draft.isPending}
            disabled={scope === 'unit' && !unitId}
            data-testid="draft-letter"
          >
            {tr('u.draft')}
          </Button>
        </Flex>
      </Card>
      {letters.error ? (
        <QueryError error={letters.error} onRetry={() => void letters.refetch()} />
      ) : (
        <Table<LetterSummary>
          rowKey="id"
          size="small"
          loading={letters.isLoading}
          dataSource={letters.data?.items ?? []}
          locale={{ emptyText: tr('u.none') }}
          columns={[
            {
              title: tr('u.number'),
              dataIndex: 'numberSymbol',
              render: (n: string, r) => (
                <Link to="/urging/$letterId" params={{ letterId: r.id }}>
                  {n.trim() || `#${r.id}`}
                </Link>
              ),
            },
            {
              title: tr('u.date'),
              dataIndex: 'letterDate',
              width: 110,
              render: (d: string) => dayjs(d).format('DD/MM/YYYY'),
            },
            { title: tr('u.recipients'), dataIndex: 'recipients', ellipsis: true },
            { title: tr('u.tasks'), dataIndex: 'taskCount', width: 100, align: 'right' },
            {
              title: tr('u.status'),
              dataIndex: 'status',
              width: 130,
              render: (s: 'draft' | 'issued') => (
                <Tag color={s === 'issued' ? 'green' : 'default'}>{tr(`u.status.${s}`)}</Tag>
              ),
            },
          ]}
        />
      )}
    </Flex>
  );
}
