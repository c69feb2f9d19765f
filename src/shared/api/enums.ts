/**
 * The closed lists of the API, as plain values (no zod), so the web app may import them into any
 * screen without loading the schema library. The contract's schemas are built from these lists.
 */
export const ROLES = ['officer', 'leader', 'unit_head', 'clerk', 'staff', 'inspector', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const UNIT_KINDS = ['authority', 'department', 'district', 'ward', 'commune', 'division'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const STATUS_CATEGORIES = [
  'completed_on_time',
  'completed_late',
  'in_progress_on_time',
  'in_progress_overdue',
] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];

export const TASK_STATES = [
  'assigned',
  'received',
  'in_progress',
  'completion_reported',
  'completed',
  'withdrawn',
  'cancelled',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const DEADLINE_KINDS = ['fixed', 'working_days', 'periodic', 'none'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const EXTENSION_STATES = ['pending', 'approved', 'refused', 'withdrawn'] as const;
export type ExtensionState = (typeof EXTENSION_STATES)[number];

export const TASK_ACTIONS = [
  'receive',
  'progress',
  'request_extension',
  'decide_extension',
  'report_completion',
  'confirm',
  'return',
  'reassign',
  'withdraw',
  'cancel',
  'comment',
  'hand_down',
  'urge',
  'recompute_deadline',
  'undo_decision',
  'set_delay_causes',
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];
