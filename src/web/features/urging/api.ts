import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { BilingualText } from '../../api/types';

/** Shapes and hooks of /api/urging-letters and /api/tasks/at-risk. */
export interface LetterSummary {
  id: number;
  status: 'draft' | 'issued';
  numberSymbol: string;
  letterDate: string;
  recipients: string;
  targetUnit: string | null;
  taskCount: number;
  createdAt: string;
  issuedAt: string | null;
}

export interface LetterTask {
  taskId: number;
  documentNumber: string | null;
  content: string;
  leadUnit: { id: number; name: string };
  deadline: string;
  daysOverdue: number;
  state: string;
  urgeCount: number;
}

export interface Letter {
  id: number;
  status: 'draft' | 'issued';
  version: number;
  targetUnit: { id: number; name: string } | null;
  issuerUnit: { id: number; name: string };
  numberSymbol: string;
  place: string;
  letterDate: string;
  subject: string;
  recipients: string;
  opening: string;
  closing: string;
  signerTitle: string;
  signerName: string;
  copiesTo: string;
  createdAt: string;
  issuedAt: string | null;
  tasks: LetterTask[];
}

export type LetterEdit = Pick<
  Letter,
  | 'version'
  | 'numberSymbol'
  | 'place'
  | 'letterDate'
  | 'subject'
  | 'recipients'
  | 'opening'
  | 'closing'
  | 'signerTitle'
  | 'signerName'
  | 'copiesTo'
> & { taskIds?: number[]; signerId?: number | null };

export interface RiskItem {
  taskId: number;
  content: string;
  deadline: string;
  daysLeft: number;
  progress: number;
  lastProgressOn: string | null;
  leadUnit: { id: number; name: string };
  score: number;
  level: 'low' | 'medium' | 'high';
  atRisk: boolean;
  reasons: (BilingualText & { factor: string; points: number })[];
}

export function useLetters() {
  return useQuery({
    queryKey: ['urging', 'list'],
    queryFn: () => api.get<{ items: LetterSummary[] }>('/api/urging-letters'),
  });
}

export function useLetter(id: number) {
  return useQuery({
    queryKey: ['urging', 'letter', id],
    queryFn: () => api.get<Letter>(`/api/urging-letters/${id}`),
    retry: false,
  });
}

export function useDraftLetter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { unitId?: number | null }) => api.post<Letter>('/api/urging-letters', body),
    onSuccess: (letter) => {
      queryClient.setQueryData(['urging', 'letter', letter.id], letter);
      void queryClient.invalidateQueries({ queryKey: ['urging', 'list'] });
    },
  });
}

export function useEditLetter(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LetterEdit) => api.put<Letter>(`/api/urging-letters/${id}`, body),
    onSuccess: (letter) => queryClient.setQueryData(['urging', 'letter', id], letter),
  });
}

export function useIssueLetter(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api.post<Letter>(`/api/urging-letters/${id}/issue`, { version }),
    onSuccess: (letter) => {
      queryClient.setQueryData(['urging', 'letter', id], letter);
      void queryClient.invalidateQueries({ queryKey: ['urging', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

/** Tasks at risk; with `ids`, the flags of exactly those tasks (for badges in a list). */
export function useAtRisk(params: { ids?: number[]; unitId?: number } = {}, enabled = true) {
  const ids = params.ids?.length ? params.ids.join(',') : undefined;
  return useQuery({
    queryKey: ['at-risk', ids ?? null, params.unitId ?? null],
    queryFn: () =>
      api.get<{ asOf: string; threshold: number; items: RiskItem[] }>('/api/tasks/at-risk', {
        ids,
        unitId: params.unitId,
      }),
    enabled: enabled && (params.ids === undefined || params.ids.length > 0),
    staleTime: 60_000,
  });
}
