import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

/** Shapes of /api/reorganisations (docs/api.md, "Reorganisations"). */
export type SuccessorKind = 'merge' | 'split' | 'transfer' | 'rename';

export interface ActSummary {
  id: number;
  numberSymbol: string;
  signedOn: string;
  effectiveOn: string;
  title: string;
  status: 'draft' | 'applied';
  appliedAt: string | null;
  version: number;
  endedUnits: number;
  startedUnits: number;
}

export interface SuccessorRowView {
  id?: number;
  oldUnitId: number;
  newUnitId: number;
  kind: SuccessorKind;
  fieldCodes: string[];
  isDefault: boolean;
  note?: string | null;
}

export interface Act extends Omit<ActSummary, 'endedUnits' | 'startedUnits'> {
  unitChanges: {
    unitId: number;
    code: string;
    name: string;
    change: 'start' | 'end' | 'rename';
    newName: string | null;
    newCode: string | null;
  }[];
  successors: SuccessorRowView[];
  choices: { taskId: number; unitId: number }[];
  result: unknown;
}

export interface ActPreview {
  applied: boolean;
  endedUnitIds: number[];
  problems: { unitId: number; problem: string }[];
  openTasks: number;
  moves: { fromUnitId: number; toUnitId: number; rule: string; tasks: number }[];
  assignerChanges: number;
  coordinationChanges: number;
  pendingExtensions: number;
  completionsToConfirm: number;
  unplaced: {
    taskId: number;
    content: string;
    fromUnitId: number;
    candidates: number[];
    reason: string;
    role: string;
  }[];
  users: { userId: number; username: string; fullName: string; fromUnitId: number; toUnitId: number | null }[];
  canApply: boolean;
}

export interface ActInput {
  numberSymbol: string;
  signedOn: string;
  effectiveOn: string;
  title: string;
  unitChanges: { unitId: number; change: 'start' | 'end' | 'rename'; newName?: string | null }[];
  successors: Omit<SuccessorRowView, 'id'>[];
  version?: number;
}

export function useActs() {
  return useQuery({ queryKey: ['reorganisations'], queryFn: () => api.get<ActSummary[]>('/api/reorganisations') });
}

export function useAct(id: number | undefined) {
  return useQuery({
    queryKey: ['reorganisations', id],
    queryFn: () => api.get<Act>(`/api/reorganisations/${id}`),
    enabled: id !== undefined,
  });
}

export function useActPreview(id: number | undefined) {
  return useQuery({
    queryKey: ['reorganisations', id, 'preview'],
    queryFn: () => api.get<ActPreview>(`/api/reorganisations/${id}/preview`),
    enabled: id !== undefined,
  });
}

export function useActMutations() {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['reorganisations'] });
    void queryClient.invalidateQueries({ queryKey: ['units'] });
  };
  return {
    create: useMutation({
      mutationFn: (body: ActInput) => api.post<Act>('/api/reorganisations', body),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: ActInput & { id: number }) => api.put<Act>(`/api/reorganisations/${id}`, body),
      onSuccess: refresh,
    }),
    choose: useMutation({
      mutationFn: ({ id, taskId, unitId }: { id: number; taskId: number; unitId: number | null }) =>
        api.put<Act>(`/api/reorganisations/${id}/choices`, { choices: [{ taskId, unitId }] }),
      onSuccess: refresh,
    }),
    apply: useMutation({
      mutationFn: ({ id, version }: { id: number; version: number }) =>
        api.post(`/api/reorganisations/${id}/apply`, { version }),
      onSuccess: refresh,
    }),
  };
}
