import type { QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { rootRoute } from './root';
import { loginRoute } from './login';
import { authenticatedRoute } from './authenticated';
import { myWorkRoute } from './my-work';
import { taskListRoute, taskDetailRoute } from './tasks';
import { documentListRoute, newDocumentRoute, documentDetailRoute } from './documents';
import { dashboardRoute } from './dashboard';
import { adminRoute } from './admin';
import { auditRoute } from './audit';
import { reportsRoute } from './reports';
import { inspectionRoutes } from './inspections';
import { monitoringRoutes } from './monitoring';

const routeTree = rootRoute.addChildren([
  loginRoute,
  authenticatedRoute.addChildren([
    myWorkRoute,
    taskListRoute,
    taskDetailRoute,
    documentListRoute,
    newDocumentRoute,
    documentDetailRoute,
    dashboardRoute,
    adminRoute,
    auditRoute,
    reportsRoute,
    ...inspectionRoutes,
    ...monitoringRoutes,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent', scrollRestoration: true });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
