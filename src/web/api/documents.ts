import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { AttachedFile, BilingualText, DocumentDetail, DocumentInput, DocumentPage } from './types';

export function useDocumentList(filters: { q?: string; issuerUnitId?: number }) {
  return useInfiniteQuery({
    queryKey: ['documents', 'list', filters],
    queryFn: ({ pageParam }) => api.get<DocumentPage>('/api/documents', { ...filters, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useDocument(id: number) {
  return useQuery({
    queryKey: ['documents', 'detail', id],
    queryFn: () => api.get<DocumentDetail>(`/api/documents/${id}`),
    retry: false,
  });
}

export function useCreateDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DocumentInput) => api.post<DocumentDetail>('/api/documents', input),
    onSuccess: (created) => {
      queryClient.setQueryData(['documents', 'detail', created.id], created);
      void queryClient.invalidateQueries({ queryKey: ['documents', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['tasks', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['stats'] });
    },
  });
}

export function useUploadDocumentFile(documentId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => api.upload<AttachedFile>(`/api/documents/${documentId}/file`, file),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['documents', 'detail', documentId] }),
  });
}

/** What POST /api/documents/import answers: the documents of the file (with their ids once imported) and the rows refused. */
export interface DocumentImportResult {
  dryRun: boolean;
  total: number;
  documents: {
    numberSymbol: string;
    issuedOn: string;
    kind: string;
    issuerCode: string;
    lines: number[];
    tasks: number;
    id?: number;
  }[];
  errors: { line: number; field: string; message: BilingualText }[];
}

export const DOCUMENT_IMPORT_TEMPLATE_URL = '/api/documents/import/template.csv';

export function useDocumentImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) =>
      api.upload<DocumentImportResult>(`/api/documents/import?dryRun=${dryRun}`, file),
    onSuccess: (r) => {
      if (r.dryRun) return;
      void queryClient.invalidateQueries({ queryKey: ['documents', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['tasks', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['stats'] });
    },
  });
}
