import { Link } from '@tanstack/react-router';
import { Badge, Card, Col, Row, Skeleton } from 'antd';
import dayjs from 'dayjs';
import { useCurrentUser } from '../../api/auth';
import { useMyWork } from '../../api/tasks';
import type { MyWork, TaskFilters } from '../../api/types';
import { PageHeading } from '../../components/PageHeading';
import { QueryError } from '../../components/QueryError';
import { TaskMiniList } from '../../components/TaskMiniList';
import { formatNumber, ISO_DATE, todayIso } from '../../format';
import { useI18n, type MessageKey } from '../../i18n';
import { AtRiskBadge, useRiskFlags } from '../urging/AtRiskBadge';

interface Bucket {
  key: Exclude<keyof MyWork, 'today'>;
  title: MessageKey;
  colour: string;
  /** The task list filter that shows the whole bucket, where one exists. */
  filters?: TaskFilters;
}

function buckets(today: string): Bucket[] {
  const endOfWeek = dayjs(today).add(6, 'day').format(ISO_DATE);
  return [
    { key: 'toReceive', title: 'myWork.toReceive', colour: '#0b57b7', filters: { state: 'assigned' } },
    {
      key: 'dueThisWeek',
      title: 'myWork.dueThisWeek',
      colour: '#d46b08',
      filters: { deadlineFrom: today, deadlineTo: endOfWeek, status: 'in_progress_on_time' },
    },
    { key: 'overdue', title: 'myWork.overdue', colour: '#cf1322', filters: { status: 'in_progress_overdue' } },
    { key: 'extensionsToDecide', title: 'myWork.extensionsToDecide', colour: '#531dab' },
    {
      key: 'completionsToConfirm',
      title: 'myWork.completionsToConfirm',
      colour: '#389e0d',
      filters: { state: 'completion_reported' },
    },
  ];
}

export function MyWorkPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const work = useMyWork();
  const shown = buckets(todayIso()).flatMap((b) => work.data?.[b.key]?.items ?? []);
  const risk = useRiskFlags([...new Set(shown.map((task) => task.id))]);
  return (
    <>
      <PageHeading title={t('myWork.title')} />
      <p style={{ marginTop: -8 }}>{t('myWork.greeting', { name: user.fullName })}</p>
      {work.error && <QueryError error={work.error} onRetry={() => void work.refetch()} />}
      <Row gutter={[16, 16]}>
        {buckets(todayIso()).map((bucket) => {
          const data = work.data?.[bucket.key];
          return (
            <Col key={bucket.key} xs={24} md={12} xl={8}>
              <Card
                title={
                  <h2 style={{ fontSize: 16, margin: 0 }}>
                    {t(bucket.title)}{' '}
                    <Badge
                      count={data ? formatNumber(data.count) : 0}
                      showZero
                      color={bucket.colour}
                      data-testid={`work-count-${bucket.key}`}
                      overflowCount={Number.MAX_SAFE_INTEGER}
                    />
                  </h2>
                }
                extra={
                  bucket.filters && data && data.count > 0 ? (
                    <Link to="/tasks" search={bucket.filters}>
                      {t('common.viewAll')}
                    </Link>
                  ) : null
                }
                styles={{ body: { paddingTop: 4, paddingBottom: 4 } }}
                data-testid={`work-${bucket.key}`}
              >
                {work.isLoading ? (
                  <Skeleton active paragraph={{ rows: 2 }} />
                ) : (
                  <TaskMiniList
                    tasks={data?.items ?? []}
                    emptyText={t('myWork.empty')}
                    badge={(task) => <AtRiskBadge risk={risk.get(task.id)} />}
                  />
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
    </>
  );
}
