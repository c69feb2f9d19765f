import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { authenticatedRoute } from './authenticated';
import { parseTaskFilters } from './taskSearch';

export const taskListRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/tasks',
  validateSearch: parseTaskFilters,
  component: lazyRouteComponent(() => import('../features/tasks/TaskListPage'), 'TaskListPage'),
});

export const taskDetailRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/tasks/$taskId',
  params: {
    parse: (raw: { taskId: string }) => ({ taskId: Number(raw.taskId) }),
    stringify: (params: { taskId: number }) => ({ taskId: String(params.taskId) }),
  },
  component: lazyRouteComponent(() => import('../features/task-detail/TaskDetailPage'), 'TaskDetailPage'),
});
