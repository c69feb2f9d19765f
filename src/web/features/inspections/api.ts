import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { BilingualText } from '../../api/types';

/** Shapes and hooks of /api/inspections and /api/feedback, as the server presents them. */
export type Criterion = 'backlog' | 'overdueRate' | 'lateDossiers' | 'sinceInspection';
export type Weights = Record<Criterion, number>;

export interface TargetUnit {
  unitId: number;
  code: string;
  name: string;
  rank: number;
  score: number;
  backlog: number;
  assigned: number;
  overdueRate: number;
  lateDossiers: number;
  monthsSinceInspection: number | null;
  lastInspectedOn: string | null;
  points: Record<Criterion, number>;
}

export interface Targets {
  month: string;
  cutoff: string;
  weights: Weights;
  maxima: Record<Criterion, number>;
  method: { vi: string[]; en: string[] };
  units: TargetUnit[];
}

export interface Person {
  id: number;
  fullName: string;
  title: string | null;
  unitName: string;
}

export interface PlanSummary {
  id: number;
  kind: 'monthly' | 'ad_hoc';
  title: string;
  month: string | null;
  periodFrom: string;
  periodTo: string;
  startsOn: string;
  endsOn: string;
  leader: Person | null;
  members: Person[];
  version: number;
  unitCount?: number;
  concludedCount?: number;
}

export interface PlanDetail extends PlanSummary {
  targeting: {
    month: string;
    cutoff: string;
    weights: Weights;
    units: { unitId: number; code: string; rank: number; score: number }[];
  } | null;
  records: {
    id: number;
    unit: { id: number; code: string; name: string };
    scheduledOn: string | null;
    inspectedOn: string | null;
    status: 'draft' | 'concluded';
    published: boolean;
    version: number;
  }[];
  canEdit: boolean;
}

export interface Recommendation {
  id: number;
  content: string;
  deadline: string;
  fieldCode: string | null;
  taskId: number | null;
  taskState: string | null;
  followUp: 'completed' | 'overdue' | 'in_progress' | 'ended' | 'not_yet_a_task';
}

export interface Responsibility {
  personName: string;
  position: string | null;
  fault: string;
  measure: string | null;
}

export interface InspectionRecord {
  id: number;
  plan: { id: number; title: string; kind: string; month: string | null; periodFrom: string; periodTo: string };
  unit: { id: number; code: string; name: string };
  scheduledOn: string | null;
  inspectedOn: string | null;
  status: 'draft' | 'concluded';
  findings: string;
  conclusion: string;
  conclusionNumber: string | null;
  concludedOn: string | null;
  assignerUnit: { id: number; code: string; name: string } | null;
  documentId: number | null;
  published: boolean;
  publishedAt: string | null;
  responsibilities: Responsibility[];
  recommendations: Recommendation[];
  allowedActions: string[];
  version: number;
}

export interface Feedback {
  id: number;
  receivedAt: string;
  name: string;
  phone: string | null;
  title: string;
  content: string;
  inspection: { id: number; conclusionNumber: string | null; unitName: string | null } | null;
  clientAddress: string | null;
  status: 'new' | 'answered' | 'hidden';
  answer: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  answerPublished: boolean;
  version: number;
}

export const weightsParam = (w: Weights) => (Object.keys(w) as Criterion[]).map((k) => `${k}:${w[k]}`).join(',');

export function useTargets(month: string, weights: Weights) {
  return useQuery({
    queryKey: ['inspections', 'targets', month, weights],
    queryFn: () => api.get<Targets>('/api/inspections/targets', { month, weights: weightsParam(weights) }),
    placeholderData: keepPreviousData,
  });
}

export const usePlans = () =>
  useQuery({
    queryKey: ['inspections', 'plans'],
    queryFn: () => api.get<{ items: PlanSummary[] }>('/api/inspections/plans'),
  });
export const usePlan = (id: number) =>
  useQuery({
    queryKey: ['inspections', 'plan', id],
    queryFn: () => api.get<PlanDetail>(`/api/inspections/plans/${id}`),
  });
export const usePeople = (enabled: boolean) =>
  useQuery({
    queryKey: ['inspections', 'people'],
    queryFn: () => api.get<Person[]>('/api/inspections/people', { limit: 200 }),
    enabled,
    staleTime: 5 * 60_000,
  });
export const useRecords = (query: { planId?: number; published?: string }) =>
  useQuery({
    queryKey: ['inspections', 'records', query],
    queryFn: () => api.get<{ items: InspectionRecord[] }>('/api/inspections', query),
  });
export const useRecord = (id: number) =>
  useQuery({
    queryKey: ['inspections', 'record', id],
    queryFn: () => api.get<InspectionRecord>(`/api/inspections/${id}`),
  });
export const useFeedbackQueue = (status?: string) =>
  useQuery({
    queryKey: ['feedback', status],
    queryFn: () =>
      api.get<{ items: Feedback[]; counts: Record<string, number> }>('/api/feedback', { status, limit: 100 }),
  });

/** Every write refreshes the inspection (or feedback) queries it may have changed. */
export function useInspectionMutations() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['inspections'] });
  const onRecord = (r: InspectionRecord) => {
    queryClient.setQueryData(['inspections', 'record', r.id], r);
    void refresh();
  };
  return {
    createPlan: useMutation({
      mutationFn: (body: unknown) => api.post<PlanDetail>('/api/inspections/plans', body),
      onSuccess: refresh,
    }),
    updatePlan: useMutation({
      mutationFn: ({ id, ...body }: { id: number } & Record<string, unknown>) =>
        api.put<PlanDetail>(`/api/inspections/plans/${id}`, body),
      onSuccess: refresh,
    }),
    saveRecord: useMutation({
      mutationFn: ({ id, ...body }: { id: number } & Record<string, unknown>) =>
        api.put<InspectionRecord>(`/api/inspections/${id}`, body),
      onSuccess: onRecord,
    }),
    conclude: useMutation({
      mutationFn: ({ id, ...body }: { id: number } & Record<string, unknown>) =>
        api.post<InspectionRecord>(`/api/inspections/${id}/conclude`, body),
      onSuccess: onRecord,
    }),
    addRecommendation: useMutation({
      mutationFn: ({ id, ...body }: { id: number } & Record<string, unknown>) =>
        api.post<InspectionRecord>(`/api/inspections/${id}/recommendations`, body),
      onSuccess: onRecord,
    }),
    publish: useMutation({
      mutationFn: ({ id, version, publish }: { id: number; version: number; publish: boolean }) =>
        api.post<InspectionRecord>(`/api/inspections/${id}/${publish ? 'publish' : 'unpublish'}`, { version }),
      onSuccess: onRecord,
    }),
  };
}

export function useFeedbackMutations() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['feedback'] });
  return {
    answer: useMutation({
      mutationFn: ({ id, version, answer }: { id: number; version: number; answer: string }) =>
        api.post<Feedback>(`/api/feedback/${id}/answer`, { version, answer }),
      onSuccess: refresh,
    }),
    act: useMutation({
      mutationFn: ({
        id,
        version,
        action,
      }: {
        id: number;
        version: number;
        action: 'publish' | 'unpublish' | 'hide';
      }) => api.post<Feedback>(`/api/feedback/${id}/${action}`, { version }),
      onSuccess: refresh,
    }),
  };
}

export const pickText = (language: 'vi' | 'en', text: BilingualText) => text[language];
