import { createRoute } from '@tanstack/react-router';
import { TaskListPage } from '../features/tasks/TaskListPage';
import { TaskDetailPage } from '../features/task-detail/TaskDetailPage';
import { authenticatedRoute } from './authenticated';
import { parseTaskFilters } from './taskSearch';

export const taskListRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/tasks',
  validateSearch: parseTaskFilters,
  component: TaskListPage,
});

export const taskDetailRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/tasks/$taskId',
  params: {
    parse: (raw: { taskId: string }) => ({ taskId: Number(raw.taskId) }),
    stringify: (params: { taskId: number }) => ({ taskId: String(params.taskId) }),
  },
  component: TaskDetailPage,
});
