import { Link, useParams } from '@tanstack/react-router';
import { Button, Card, Col, Flex, Result, Row, Skeleton } from 'antd';
import { isApiError } from '../../api/client';
import { useTask } from '../../api/tasks';
import { PageHeading } from '../../components/PageHeading';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n';
import { TaskDelayCard } from '../explanations/TaskDelayCard';
import { TaskActions } from './TaskActions';
import { TaskCorrectionButton } from './TaskCorrection';
import { DeadlineHistory, ExtensionRequests, Subtasks, TaskGeneral } from './TaskFacts';
import { TaskTimeline } from './TaskTimeline';

export function TaskDetailPage() {
  const { t } = useI18n();
  const { taskId } = useParams({ from: '/authenticated/tasks/$taskId' });
  const query = useTask(taskId);
  const title = t('detail.title', { id: taskId });

  if (query.isLoading) return <Skeleton active />;
  if (isApiError(query.error, 403) || isApiError(query.error, 404)) {
    return (
      <>
        <PageHeading title={title} />
        <Result
          status={query.error.status === 403 ? '403' : '404'}
          title={query.error.status === 403 ? t('detail.forbidden') : query.error.message}
          subTitle={query.error.status === 403 ? query.error.message : undefined}
          extra={
            <Link to="/tasks">
              <Button type="primary">{t('tasks.title')}</Button>
            </Link>
          }
          data-testid="task-unavailable"
        />
      </>
    );
  }
  if (query.error || !query.data) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const task = query.data;

  return (
    <>
      <PageHeading title={title} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card
            size="small"
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('detail.actions')}</h2>}
            style={{ marginBottom: 16 }}
            data-testid="task-actions"
          >
            <Flex wrap gap={8} vertical>
              <TaskActions task={task} />
              <div>
                <TaskCorrectionButton task={task} />
              </div>
            </Flex>
          </Card>
          <TaskDelayCard task={task} />
          <Card
            size="small"
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('detail.general')}</h2>}
            style={{ marginBottom: 16 }}
          >
            <TaskGeneral task={task} />
          </Card>
          <Card
            size="small"
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('detail.subtasks')}</h2>}
            style={{ marginBottom: 16 }}
          >
            <Subtasks subtasks={task.subtasks ?? []} />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('detail.deadlineHistory')}</h2>}>
                <DeadlineHistory history={task.deadlineHistory} />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('detail.extensions')}</h2>}>
                <ExtensionRequests requests={task.extensionRequests ?? []} />
              </Card>
            </Col>
          </Row>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('detail.timeline')}</h2>}>
            <TaskTimeline events={task.timeline ?? []} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
