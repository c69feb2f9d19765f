import type { Answer } from '../../../shared/api/common.js';
import type { TaskSummary as TaskSummarySchema } from '../../../shared/api/tasks.js';
import type { DeadlineKind, TaskState } from '../../db/schema.js';
import type { StatusCategory } from '../../domain/task-status.js';

/** One place decides what the API shows of a task in lists. */
export interface SummaryRow {
  id: number;
  content: string;
  document_id: number | null;
  document_number: string | null;
  assigner_unit_id: number;
  assigner_code: string;
  assigner_name: string;
  lead_unit_id: number;
  lead_code: string;
  lead_name: string;
  field_code: string | null;
  is_key: boolean;
  deadline_kind: DeadlineKind;
  deadline: string | null;
  original_deadline: string | null;
  deadline_as_of: string | null;
  assigned_on: string;
  state: TaskState;
  progress: number;
  version: number;
  parent_id: number | null;
  period_label: string | null;
  extension_count: number;
  urge_count: number;
  last_progress_on: string | null;
  assignee_user_id: number | null;
  completed_on: string | null;
  status: StatusCategory | null;
  coordinating_units: { id: number; code: string; name: string }[];
}

export function presentSummaries(rows: SummaryRow[], asOf: string): TaskSummary[] {
  return rows.map((r) => presentSummary(r, asOf));
}

/** The shape is the shared contract's (src/shared/api/tasks.ts): a field added here must be added there. */
export function presentSummary(r: SummaryRow, asOf: string): TaskSummary {
  return {
    id: r.id,
    content: r.content,
    documentId: r.document_id,
    documentNumber: r.document_number,
    assignerUnit: { id: r.assigner_unit_id, code: r.assigner_code, name: r.assigner_name },
    leadUnit: { id: r.lead_unit_id, code: r.lead_code, name: r.lead_name },
    coordinatingUnits: r.coordinating_units,
    fieldCode: r.field_code,
    isKey: r.is_key,
    deadlineKind: r.deadline_kind,
    deadline: r.deadline_as_of,
    currentDeadline: r.deadline,
    originalDeadline: r.original_deadline,
    assignedOn: r.assigned_on,
    state: r.state,
    progress: r.progress,
    status: r.status,
    daysOverdue: r.status === 'in_progress_overdue' && r.deadline_as_of ? daysBetween(r.deadline_as_of, asOf) : 0,
    extensionCount: r.extension_count,
    urgeCount: r.urge_count,
    lastProgressOn: r.last_progress_on,
    assigneeUserId: r.assignee_user_id,
    completedOn: r.completed_on,
    version: r.version,
    parentId: r.parent_id,
    periodLabel: r.period_label,
  };
}

export type TaskSummary = Answer<typeof TaskSummarySchema>;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
