import type { CausesByUnit } from '../explanations/CausesTable';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, toQueryString } from '../../api/client';
import type { BilingualText } from '../../api/types';

/** Shapes of /api/reports (docs/api.md, "Reports"). */
export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';
export type ReviewGroupBy = 'lead_unit' | 'authority' | 'field' | 'leader';
export type RankMeasure = 'completionRate' | 'completionOfDueRate' | 'onTimeRate' | 'overdueRate';
export type Measure =
  | 'assigned'
  | 'due'
  | 'completed'
  | 'onTime'
  | 'late'
  | 'inProgress'
  | 'overdue'
  | 'completedOfDue'
  | 'extAsked'
  | 'extGranted';
export type TaskListFilter = Record<string, string | number | boolean>;

export interface ReviewParams {
  period: PeriodKind;
  year: number;
  index: number;
  asOf?: string;
  periodMode?: 'calendar' | 'official';
  basis?: 'assigned' | 'due';
  groupBy?: ReviewGroupBy;
  unitId?: number;
  fieldCode?: string;
  rankBy?: RankMeasure;
}

export interface Counts {
  assigned: number;
  due: number;
  completed: number;
  onTime: number;
  late: number;
  inProgress: number;
  overdue: number;
  completedOfDue: number;
  extAsked: number;
  extGranted: number;
  completionRate: number | null;
  completionOfDueRate: number | null;
  overdueRate: number | null;
  onTimeRate: number | null;
}

export interface DossierCounts {
  received: number;
  resolvedOnTime: number;
  resolvedLate: number;
  pendingOnTime: number;
  pendingOverdue: number;
}

export interface ReviewRow extends Counts {
  key: string;
  code: string | null;
  label: string;
  rank: number | null;
  dossiers?: DossierCounts | null;
  links?: Record<Measure, TaskListFilter | null>;
}

export interface OverdueItem {
  id: number;
  content: string;
  lead_name: string;
  deadline_as_of: string;
  original_deadline: string | null;
  days_overdue: number;
  urgings: number;
  forBriefing?: boolean;
}

export interface Review {
  title: BilingualText;
  period: {
    kind: PeriodKind;
    year: number;
    index: number;
    start: string;
    end: string;
    mode: string;
    label: BilingualText;
  };
  asOf: string;
  params: ReviewParams & { groupBy: ReviewGroupBy; asOf: string };
  method: Record<string, BilingualText | Record<string, BilingualText> | null | undefined>;
  rows: ReviewRow[];
  totals: Counts & { dossiers?: DossierCounts | null; links?: Record<Measure, TaskListFilter | null> };
  overdue: { total: number; briefingUrgings?: number; items: OverdueItem[] };
  causes?: CausesByUnit;
}

export interface TasksBehind {
  key: string;
  measure: Measure;
  asOf: string;
  total: number;
  ids: number[];
  items: { id: number; content: string; lead_name: string; deadline_as_of: string | null; state: string }[];
}

export interface SnapshotSummary {
  id: number;
  title: string;
  asOf: string;
  periodStart: string;
  periodEnd: string;
  issuedAt: string;
  issuedBy: string | null;
}

export interface Snapshot {
  id: number;
  title: string;
  asOf: string;
  issuedAt: string;
  issuedBy: { id: number; name: string } | null;
  review: Review;
}

export interface ChangeEntry {
  source: 'event' | 'audit';
  kind: string;
  at: string;
  onDate: string | null;
  actor: { id: number; name: string } | null;
  reason: string | null;
}

export interface SnapshotDiff {
  identical: boolean;
  asOf: string;
  issuedAt: string;
  rulesChanged: unknown;
  numbers: { key: string; label: string; measure: Measure; before: number; after: number }[];
  tasksChanged: number;
  tasks: {
    taskId: number;
    content: string | null;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    changes: ChangeEntry[];
  }[];
  otherChanges: { entity: string; entityId: string; action: string; at: string; actor: { name: string } | null }[];
}

export interface SelfInspection {
  unit: { id: number; code: string; name: string };
  by: 'division' | 'staff';
  asOf: string;
  rows: ReviewRow[];
  totals: Counts;
  method: Record<string, BilingualText>;
  overdue: { total: number; items: OverdueItem[] };
  rectifications: Rectification[];
}

export interface Rectification {
  id: number;
  unit: { id: number; name: string };
  person: { userId: number | null; name: string };
  task: { id: number; content: string | null } | null;
  cause: string;
  measure: string;
  followUp: string | null;
  dueOn: string | null;
  status: 'open' | 'in_progress' | 'done';
  createdBy: string | null;
  version: number;
}

export interface DossierImportResult {
  dryRun: boolean;
  total: number;
  valid: number;
  errors: { line: number; field: string; message: BilingualText }[];
  preview: {
    line: number;
    unitCode: string;
    fieldCode: string;
    periodStart: string;
    periodEnd: string;
    received: number;
    resolvedOnTime: number;
    resolvedLate: number;
    pendingOnTime: number;
    pendingOverdue: number;
  }[];
  inserted?: number;
  replaced?: number;
}

export const exportUrl = (params: ReviewParams, format: 'xlsx' | 'pdf') =>
  `/api/reports/review/export${toQueryString({ ...params, format })}`;
export const snapshotExportUrl = (id: number, format: 'xlsx' | 'pdf') => `/api/reports/${id}/export?format=${format}`;

export function useReview(params: ReviewParams | null) {
  return useQuery({
    queryKey: ['reports', 'review', params],
    queryFn: () => api.get<Review>('/api/reports/review', params!),
    enabled: !!params,
    placeholderData: keepPreviousData,
  });
}

export function useTrend(q: { months: number; asOf?: string; unitId?: number; fieldCode?: string }) {
  return useQuery({
    queryKey: ['reports', 'trend', q],
    queryFn: () => api.get<{ points: { month: string; asOf: string; overdue: number }[] }>('/api/reports/trend', q),
  });
}

/** The exact tasks behind one number: of a live review, an issued report, or a self-inspection. */
export function useTasksBehind(
  source: { kind: 'review' | 'self'; params: object } | { kind: 'snapshot'; id: number } | null,
  key: string,
  measure: Measure | null,
) {
  return useQuery({
    queryKey: ['reports', 'behind', source, key, measure],
    enabled: !!source && !!measure,
    queryFn: () => {
      if (source!.kind === 'snapshot')
        return api.get<TasksBehind>(`/api/reports/${source!.id}/tasks`, { key, measure });
      const path = source!.kind === 'review' ? '/api/reports/review/tasks' : '/api/reports/self-inspection/tasks';
      return api.get<TasksBehind>(path, { ...source!.params, key, measure });
    },
  });
}

export function useSnapshots() {
  return useQuery({
    queryKey: ['reports', 'snapshots'],
    queryFn: () => api.get<{ items: SnapshotSummary[] }>('/api/reports'),
  });
}

export function useSnapshot(id: number | undefined) {
  return useQuery({
    queryKey: ['reports', 'snapshot', id],
    queryFn: () => api.get<Snapshot>(`/api/reports/${id}`),
    enabled: !!id,
  });
}

export function useSnapshotDiff(id: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['reports', 'diff', id],
    queryFn: () => api.get<SnapshotDiff>(`/api/reports/${id}/diff`),
    enabled: !!id && enabled,
  });
}

export function useIssueReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewParams & { title?: string }) => api.post<{ id: number }>('/api/reports', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['reports', 'snapshots'] }),
  });
}

export function useSelfInspection(params: (Omit<ReviewParams, 'groupBy'> & { by: 'division' | 'staff' }) | null) {
  return useQuery({
    queryKey: ['reports', 'self', params],
    queryFn: () => api.get<SelfInspection>('/api/reports/self-inspection', params!),
    enabled: !!params,
    placeholderData: keepPreviousData,
  });
}

export function useSaveRectification() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: { id?: number; body: Record<string, unknown> }) =>
      r.id
        ? api.patch<Rectification>(`/api/reports/rectifications/${r.id}`, r.body)
        : api.post<Rectification>('/api/reports/rectifications', r.body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['reports', 'self'] }),
  });
}

export function useDossierStats(q: { unitId?: number; from?: string; to?: string }) {
  return useQuery({
    queryKey: ['reports', 'dossiers', q],
    queryFn: () => api.get<{ items: Record<string, string | number>[] }>('/api/reports/dossiers', q),
  });
}

export function useDossierImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) =>
      api.upload<DossierImportResult>(`/api/reports/dossiers/import?dryRun=${dryRun}`, file),
    onSuccess: (r) => {
      if (!r.dryRun) void qc.invalidateQueries({ queryKey: ['reports'] });
    },
  });
}
