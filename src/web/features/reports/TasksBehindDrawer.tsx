import { Link } from '@tanstack/react-router';
import { Button, Drawer, List, Skeleton, Typography } from 'antd';
import { QueryError } from '../../components/QueryError';
import { formatDate } from '../../format';
import { useTasksBehind, type Measure, type TaskListFilter } from './api';
import { useReportText } from './i18n';

export type BehindSource = { kind: 'review' | 'self'; params: object } | { kind: 'snapshot'; id: number };

export interface BehindTarget {
  key: string;
  measure: Measure;
  label: string;
  listFilter?: TaskListFilter | null;
}

/** The exact tasks behind one number (the same query that counted them), each opening its record. */
export function TasksBehindDrawer({
  source,
  target,
  onClose,
}: {
  source: BehindSource;
  target: BehindTarget | null;
  onClose(): void;
}) {
  const rt = useReportText();
  const behind = useTasksBehind(target ? source : null, target?.key ?? '', target?.measure ?? null);
  return (
    <Drawer open={!!target} onClose={onClose} title={target?.label ?? rt('behind')} size={560} destroyOnHidden>
      {behind.error && <QueryError error={behind.error} onRetry={() => void behind.refetch()} />}
      {behind.isLoading || !behind.data ? (
        <Skeleton active />
      ) : (
        <>
          <Typography.Paragraph type="secondary" data-testid="behind-count">
            {rt('behindCount', { n: behind.data.total })}
          </Typography.Paragraph>
          {target?.listFilter && (
            <Link to="/tasks" search={target.listFilter}>
              <Button style={{ marginBottom: 12 }}>{rt('openInList')}</Button>
            </Link>
          )}
          <List
            size="small"
            dataSource={behind.data.items}
            renderItem={(item) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Link to="/tasks/$taskId" params={{ taskId: item.id }}>
                      #{item.id} {item.content}
                    </Link>
                  }
                  description={`${item.lead_name}${item.deadline_as_of ? ` · ${formatDate(item.deadline_as_of)}` : ''}`}
                />
              </List.Item>
            )}
          />
        </>
      )}
    </Drawer>
  );
}
