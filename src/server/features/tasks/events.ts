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
  | 'assigner_merged';

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
    case 'completion_reported':
    case 'completion_returned':
    case 'completion_confirmed':
    case 'withdrawn':
    case 'cancelled':
      return { kind: e.kind, on };
    case 'lead_reassigned':
    case 'lead_merged':
      return { kind: 'lead_reassigned', on, leadUnitId: Number(data.leadUnitId) };
    default:
      return null;
  }
}
