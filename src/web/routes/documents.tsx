import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { authenticatedRoute } from './authenticated';

export const documentListRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/documents',
  component: lazyRouteComponent(() => import('../features/documents/DocumentListPage'), 'DocumentListPage'),
});

export const newDocumentRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/documents/new',
  component: lazyRouteComponent(() => import('../features/documents/DocumentEntryPage'), 'DocumentEntryPage'),
});

export const documentDetailRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/documents/$documentId',
  params: {
    parse: (raw: { documentId: string }) => ({ documentId: Number(raw.documentId) }),
    stringify: (params: { documentId: number }) => ({ documentId: String(params.documentId) }),
  },
  component: lazyRouteComponent(() => import('../features/documents/DocumentDetailPage'), 'DocumentDetailPage'),
});
