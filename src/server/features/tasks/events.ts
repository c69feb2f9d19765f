import type { TaskFact } from '../../domain/task-status.js';
import type { TaskEventRow } from '../../db/schema.js';

/** Every kind of entry in a task's timeline. */
export type TaskEventKind =
  | 'assigned'
  | 'received'
  | 'progress'
  | 'extension_requested'
  | 'extension_approved'
  | 'extension_refused'
  | 'completion_reported'
  | 'completion_returned'
  | 'completion_confirmed'
  | 'lead_reassigned'
  | 'withdrawn'
  | 'cancelled'
  | 'comment'
  | 'urged'
  | 'handed_down'
  | 'lead_merged'
  | 'assigner_merged'
  | 'lead_reorganised'
  | 'assigner_reorganised'
  | 'deadline_recomputed'
  | 'deadline_recomputation_kept'
  | 'decision_undone'
  | 'delay_causes_set'
  | 'explanation_requested'
  | 'explanation_answered';

/** The events that change what the status rules see, as the domain's facts. */
export function toFact(e: Pick<TaskEventRow, 'kind' | 'on_date' | 'data'>): TaskFact | null {
  const on = e.on_date;
  const data = e.data as Record<string, unknown>;
  switch (e.kind) {
    case 'assigned':
      return {
        kind: 'assigned',
        on,
        deadline: (data.deadline as string | null) ?? null,
        leadUnitId: Number(data.leadUnitId),
      };
    case 'extension_approved':
      return { kind: 'extension_approved', on, deadline: String(data.deadline) };
    case 'received':
      // A deadline counted from receipt is fixed by the receipt.
      return typeof data.deadline === 'string' ? { kind: 'deadline_from_receipt', on, deadline: data.deadline } : null;
    case 'deadline_recomputed':
      return { kind: 'deadline_recomputed', on, deadline: String(data.deadline) };
    case 'decision_undone':
      return data.undoes === 'completion_confirmed' || data.undoes === 'completion_returned'
        ? { kind: 'decision_undone', on, undoes: data.undoes }
        : null;
    case 'completion_reported':
      return {
        kind: 'completion_reported',
        on,
        ...(typeof data.dated === 'string' ? { dated: data.dated } : {}),
        ...(data.needsAcceptance === true ? { needsAcceptance: true } : {}),
      };
    case 'completion_confirmed':
      return { kind: 'completion_confirmed', on, ...(data.acceptsDated === true ? { acceptsDated: true } : {}) };
    case 'completion_returned':
    case 'withdrawn':
    case 'cancelled':
      return { kind: e.kind, on };
    case 'lead_reassigned':
    case 'lead_merged':
    case 'lead_reorganised':
      return { kind: 'lead_reassigned', on, leadUnitId: Number(data.leadUnitId) };
    default:
      return null;
  }
}
