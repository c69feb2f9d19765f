import { useNavigate, useSearch } from '@tanstack/react-router';
import { Button, Card, Flex, Grid, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { useCurrentUser } from '../../api/auth';
import { DEFAULT_TASK_SORT, taskExportUrl, useTaskList } from '../../api/tasks';
import type { TaskFilters } from '../../api/types';
import { PageHeading } from '../../components/PageHeading';
import { QueryError } from '../../components/QueryError';
import { TaskMiniList } from '../../components/TaskMiniList';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import { withoutEmpty } from '../../routes/taskSearch';
import { SavedFiltersBar } from './SavedFiltersBar';
import { TaskFiltersPanel } from './TaskFiltersPanel';
import { TaskTable } from './TaskTable';

export function TaskListPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const filters = useSearch({ from: '/authenticated/tasks' });
  const navigate = useNavigate({ from: '/tasks' });
  const list = useTaskList(filters);
  const tasks = list.data?.pages.flatMap((p) => p.items) ?? [];
  // On a phone a seven-column table is unreadable; the same tasks become a list.
  const narrow = Grid.useBreakpoint().md === false;

  const replaceFilters = (next: TaskFilters) => void navigate({ search: withoutEmpty(next), replace: true });
  const patchFilters = (patch: Partial<TaskFilters>) => replaceFilters({ ...filters, ...patch });

  return (
    <>
      <PageHeading
        title={t('tasks.title')}
        extra={
          <Button icon={<FileExcelOutlined />} href={taskExportUrl(filters)} download>
            {t('tasks.export')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <TaskFiltersPanel filters={filters} onChange={patchFilters} />
        <Flex wrap gap={8} justify="space-between" align="center">
          <SavedFiltersBar userId={user.id} current={filters} onApply={replaceFilters} />
          <Button onClick={() => replaceFilters({})} disabled={Object.keys(filters).length === 0}>
            {t('common.reset')}
          </Button>
        </Flex>
      </Card>
      {list.error && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {narrow ? (
        <Card size="small" loading={list.isLoading}>
          <TaskMiniList tasks={tasks} emptyText={t('tasks.empty')} />
        </Card>
      ) : (
        <TaskTable
          tasks={tasks}
          loading={list.isLoading}
          sort={filters.sort ?? DEFAULT_TASK_SORT}
          onSort={(sort) => patchFilters({ sort })}
          emptyText={t('tasks.empty')}
        />
      )}
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 16 }}>
        <Typography.Text type="secondary" aria-live="polite" data-testid="task-count">
          {t('common.shown', { count: formatNumber(tasks.length) })}
        </Typography.Text>
        {list.hasNextPage ? (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : (
          tasks.length > 0 && <Typography.Text type="secondary">{t('tasks.end')}</Typography.Text>
        )}
      </Flex>
    </>
  );
}
