import { createRoute } from '@tanstack/react-router';
import { DocumentListPage } from '../features/documents/DocumentListPage';
import { DocumentEntryPage } from '../features/documents/DocumentEntryPage';
import { DocumentDetailPage } from '../features/documents/DocumentDetailPage';
import { authenticatedRoute } from './authenticated';

export const documentListRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/documents',
  component: DocumentListPage,
});

export const newDocumentRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/documents/new',
  component: DocumentEntryPage,
});

export const documentDetailRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/documents/$documentId',
  params: {
    parse: (raw: { documentId: string }) => ({ documentId: Number(raw.documentId) }),
    stringify: (params: { documentId: number }) => ({ documentId: String(params.documentId) }),
  },
  component: DocumentDetailPage,
});
