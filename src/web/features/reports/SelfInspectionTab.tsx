import { useState } from 'react';
import { Alert, Flex, Form, Select, Skeleton, Typography } from 'antd';
import { useCurrentUser } from '../../api/auth';
import { QueryError } from '../../components/QueryError';
import { hasRole } from '../../components/roles';
import { pickLanguage, useI18n } from '../../i18n';
import type { ReportsSearch } from '../../routes/reports';
import { useSelfInspection } from './api';
import { useReportText } from './i18n';
import { OverdueList } from './OverdueList';
import { Rectifications } from './Rectifications';
import { ReviewFilters, reviewParams } from './ReviewFilters';
import { ReviewTable } from './ReviewTable';
import { TasksBehindDrawer, type BehindTarget } from './TasksBehindDrawer';

/** Self-inspection: the same review over the sub-tasks a unit handed to its divisions and staff, and its rectification records. */
export function SelfInspectionTab({
  search,
  onChange,
}: {
  search: ReportsSearch;
  onChange(patch: Partial<ReportsSearch>): void;
}) {
  const rt = useReportText();
  const { language } = useI18n();
  const user = useCurrentUser();
  const cityWide = hasRole(user, 'officer', 'admin', 'inspector', 'leader');
  const { groupBy: _groupBy, ...base } = reviewParams(search);
  const by = search.by ?? 'division';
  const params = cityWide && !search.unitId ? null : { ...base, by };
  const self = useSelfInspection(params);
  const [target, setTarget] = useState<BehindTarget | null>(null);
  return (
    <>
      <ReviewFilters search={search} onChange={onChange} compact />
      <Form layout="inline" component="div" style={{ marginBottom: 12 }}>
        <Form.Item label={rt('selfBy')}>
          <Select
            aria-label={rt('selfBy')}
            style={{ width: 160 }}
            value={by}
            onChange={(v) => onChange({ by: v })}
            options={(['division', 'staff'] as const).map((k) => ({ value: k, label: rt(`selfBy.${k}`) }))}
          />
        </Form.Item>
      </Form>
      {!params && <Alert type="info" showIcon title={rt('chooseUnit')} />}
      {self.error && <QueryError error={self.error} onRetry={() => void self.refetch()} />}
      {params && !self.data && !self.error && <Skeleton active />}
      {self.data && (
        <>
          <Flex justify="space-between" style={{ marginBottom: 8 }}>
            <Typography.Text strong>{self.data.unit.name}</Typography.Text>
          </Flex>
          <ReviewTable
            rows={self.data.rows}
            totals={self.data.totals}
            groupTitle={rt(`selfBy.${by}`)}
            onOpen={setTarget}
            exactOnly
          />
          <ul style={{ marginTop: 8 }}>
            {Object.values(self.data.method).map((m, i) => (
              <li key={i}>
                <Typography.Text type="secondary">{pickLanguage(language, m)}</Typography.Text>
              </li>
            ))}
          </ul>
          <OverdueList overdue={self.data.overdue} />
          <Rectifications unitId={self.data.unit.id} records={self.data.rectifications} />
          <TasksBehindDrawer
            source={{ kind: 'self', params: params! }}
            target={target}
            onClose={() => setTarget(null)}
          />
        </>
      )}
    </>
  );
}
