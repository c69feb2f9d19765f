import { useNavigate, useSearch } from '@tanstack/react-router';
import { Tabs } from 'antd';
import { PageHeading } from '../../components/PageHeading';
import type { ReportsSearch } from '../../routes/reports';
import { DossiersTab } from './DossiersTab';
import { useReportText } from './i18n';
import { ReviewTab } from './ReviewTab';
import { SelfInspectionTab } from './SelfInspectionTab';
import { SnapshotsTab } from './SnapshotsTab';

/** Review (kiểm điểm), issued reports, self-inspection and dossier statistics (DESIGN.md §7). */
export function ReportsPage() {
  const rt = useReportText();
  const search = useSearch({ from: '/authenticated/reports' });
  const navigate = useNavigate({ from: '/reports' });
  const onChange = (patch: Partial<ReportsSearch>) =>
    void navigate({ search: (s) => ({ ...s, ...patch }), replace: true });
  const tab = search.tab ?? 'review';
  return (
    <>
      <PageHeading title={rt('title')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => onChange({ tab: key as ReportsSearch['tab'] })}
        destroyOnHidden
        items={[
          { key: 'review', label: rt('tab.review'), children: <ReviewTab search={search} onChange={onChange} /> },
          {
            key: 'snapshots',
            label: rt('tab.snapshots'),
            children: (
              <SnapshotsTab snapshotId={search.snapshotId} onSelect={(snapshotId) => onChange({ snapshotId })} />
            ),
          },
          { key: 'self', label: rt('tab.self'), children: <SelfInspectionTab search={search} onChange={onChange} /> },
          { key: 'dossiers', label: rt('tab.dossiers'), children: <DossiersTab /> },
        ]}
      />
    </>
  );
}
