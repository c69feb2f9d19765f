import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, toQueryString } from './client';
import type { MyWork, TaskDetail, TaskFilters, TaskPage, UploadedFile } from './types';

export const TASK_PAGE_SIZE = 50;
/** The server's order when none is asked for: newest first. */
export const DEFAULT_TASK_SORT = '-id' as const;

/** The task list, paged by the server's keyset cursor ("load more"). */
export function useTaskList(filters: TaskFilters) {
  return useInfiniteQuery({
    queryKey: ['tasks', 'list', filters],
    queryFn: ({ pageParam }) =>
      api.get<TaskPage>('/api/tasks', { ...filters, limit: TASK_PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The address of the Excel export of the list with these filters (a plain GET download). */
export function taskExportUrl(filters: TaskFilters): string {
  return `/api/tasks/export.xlsx${toQueryString(filters)}`;
}

export function useTask(id: number) {
  return useQuery({
    queryKey: ['tasks', 'detail', id],
    queryFn: () => api.get<TaskDetail>(`/api/tasks/${id}`),
    retry: false,
  });
}

export function useMyWork() {
  return useQuery({ queryKey: ['my-work'], queryFn: () => api.get<MyWork>('/api/me/work') });
}

/**
 * Posts one action of the task's life (`receive`, `progress`, `extension-requests/7/approve` …)
 * with the version the user saw; the answer is the updated task, and every list is refreshed.
 */
export function useTaskAction(task: Pick<TaskDetail, 'id' | 'version'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body?: Record<string, unknown> }) =>
      api.post<TaskDetail>(`/api/tasks/${task.id}/${path}`, { ...body, version: task.version }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['tasks', 'detail', task.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['tasks', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['my-work'] });
      void queryClient.invalidateQueries({ queryKey: ['stats'] });
      if (updated.parentId) void queryClient.invalidateQueries({ queryKey: ['tasks', 'detail', updated.parentId] });
    },
  });
}

export function uploadFile(file: File): Promise<UploadedFile> {
  return api.upload<UploadedFile>('/api/files', file);
}

export const fileUrl = (fileId: number): string => `/api/files/${fileId}`;
