import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** Shapes and hooks of /api/delay-causes, /api/tasks/:id/delay and /api/explanation-requests. */
export interface DelayCause {
  code: string;
  kind: 'objective' | 'subjective';
  nameVi: string;
  nameEn: string;
  active: boolean;
  sort: number;
}

export interface ExplanationRequest {
  id: number;
  unit: { id: number; name: string };
  scope: 'task' | 'overdue';
  requestedBy: { id: number; fullName: string };
  requestedOn: string;
  dueOn: string;
  note: string | null;
  status: 'pending' | 'answered';
  overdue: boolean;
  taskCount: number;
  answer: {
    by: string | null;
    on: string | null;
    causeCodes: string[];
    causeNote: string | null;
    measures: string | null;
    committedOn: string | null;
  } | null;
  canAnswer: boolean;
  tasks?: {
    id: number;
    content: string;
    state: string;
    deadline: string | null;
    completedOn: string | null;
    leadUnitName: string;
    documentNumber: string | null;
  }[];
}

export interface TaskDelay {
  causes: { causeCodes: string[]; note: string | null; setOn: string; setBy: string | null } | null;
  requests: ExplanationRequest[];
}

export const useDelayCauses = () =>
  useQuery({
    queryKey: ['delay-causes'],
    queryFn: () => api.get<{ items: DelayCause[] }>('/api/delay-causes'),
    staleTime: 5 * 60_000,
  });

export const useTaskDelay = (taskId: number) =>
  useQuery({ queryKey: ['task-delay', taskId], queryFn: () => api.get<TaskDelay>(`/api/tasks/${taskId}/delay`) });

export function useSetDelayCauses(taskId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; causeCodes: string[]; note?: string | null }) =>
      api.put<TaskDelay>(`/api/tasks/${taskId}/delay-causes`, body),
    onSuccess: (delay) => {
      queryClient.setQueryData(['task-delay', taskId], delay);
      void queryClient.invalidateQueries({ queryKey: ['tasks', 'detail', taskId] });
    },
  });
}

export const useExplanationRequests = (status?: 'pending' | 'answered' | 'overdue') =>
  useQuery({
    queryKey: ['explanations', 'list', status ?? 'all'],
    queryFn: () => api.get<{ items: ExplanationRequest[] }>('/api/explanation-requests', status ? { status } : {}),
  });

export const useExplanationRequest = (id: number | undefined) =>
  useQuery({
    queryKey: ['explanations', 'one', id],
    queryFn: () => api.get<ExplanationRequest>(`/api/explanation-requests/${id}`),
    enabled: Boolean(id),
    retry: false,
  });

function useRefresh() {
  const queryClient = useQueryClient();
  return (r: ExplanationRequest) => {
    queryClient.setQueryData(['explanations', 'one', r.id], r);
    void queryClient.invalidateQueries({ queryKey: ['explanations', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['task-delay'] });
    void queryClient.invalidateQueries({ queryKey: ['tasks', 'detail'] });
  };
}

export function useRequestExplanation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { taskId?: number; unitId?: number; dueOn: string; note?: string }) =>
      api.post<ExplanationRequest>('/api/explanation-requests', body),
    onSuccess: refresh,
  });
}

export function useAnswerExplanation(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { causeCodes: string[]; causeNote?: string; measures: string; committedOn: string }) =>
      api.post<ExplanationRequest>(`/api/explanation-requests/${id}/answer`, body),
    onSuccess: refresh,
  });
}
