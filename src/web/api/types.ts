/** Shapes of the HTTP API, as docs/api.md describes them. Dates are `YYYY-MM-DD` strings. */

export type Role = 'officer' | 'leader' | 'unit_head' | 'clerk' | 'staff' | 'inspector' | 'admin';
export const ROLES: readonly Role[] = ['officer', 'leader', 'unit_head', 'clerk', 'staff', 'inspector', 'admin'];

export type UnitKind = 'authority' | 'department' | 'district' | 'commune' | 'division';
export const UNIT_KINDS: readonly UnitKind[] = ['authority', 'department', 'district', 'commune', 'division'];

export interface BilingualText {
  vi: string;
  en: string;
}

export interface UnitRef {
  id: number;
  code: string;
  name: string;
}

export interface RoleGrant {
  role: Role;
  scopeUnitId: number;
  fieldCodes: string[];
}

export interface User {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  unit: UnitRef;
  roles: RoleGrant[];
  locale: string | null;
}

export interface Session {
  user: User;
  csrfToken: string | null;
}

export interface Unit extends UnitRef {
  kind: UnitKind;
  parentId: number | null;
  path: string;
  active: boolean;
  successorId: number | null;
  version?: number;
}

export interface Field {
  code: string;
  nameVi: string;
  nameEn: string;
  isPriority: boolean;
}

export interface UserSummary {
  id: number;
  username: string;
  fullName: string;
  email?: string | null;
  unit: UnitRef;
  roles: RoleGrant[];
  active: boolean;
  version?: number;
}

export type CalendarDayKind = 'holiday' | 'makeup_workday';
export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

export type StatusCategory = 'completed_on_time' | 'completed_late' | 'in_progress_on_time' | 'in_progress_overdue';
export const STATUS_CATEGORIES: readonly StatusCategory[] = [
  'completed_on_time',
  'completed_late',
  'in_progress_on_time',
  'in_progress_overdue',
];

export type TaskState =
  'assigned' | 'received' | 'in_progress' | 'completion_reported' | 'completed' | 'withdrawn' | 'cancelled';
export const TASK_STATES: readonly TaskState[] = [
  'assigned',
  'received',
  'in_progress',
  'completion_reported',
  'completed',
  'withdrawn',
  'cancelled',
];

export type DeadlineKind = 'fixed' | 'working_days' | 'periodic' | 'none';
export type Period = 'monthly' | 'quarterly' | 'half_yearly' | 'yearly';

export type DeadlineInput =
  | { kind: 'fixed'; date: string }
  | { kind: 'working_days'; days: number }
  | { kind: 'periodic'; period: Period; from: string; until: string; dueDay?: number }
  | { kind: 'none' };

export interface TaskInput {
  content: string;
  leadUnitId: number;
  coordinatingUnitIds?: number[];
  fieldCode?: string;
  isKey?: boolean;
  leaderUserId?: number;
  expectedProduct?: string;
  paragraph?: string;
  deadline: DeadlineInput;
}

/** The kinds the server accepts (Vietnamese names are the values). */
export const DOCUMENT_KINDS = [
  'Nghị quyết',
  'Quyết định',
  'Chỉ thị',
  'Kế hoạch',
  'Thông báo kết luận',
  'Công văn',
  'Thông báo',
  'Văn bản khác',
] as const;

export interface DocumentInput {
  numberSymbol: string;
  kind: string;
  issuerUnitId: number;
  issuedOn: string;
  signer: string;
  summary: string;
  tasks: TaskInput[];
}

export interface DirectiveDocument {
  id: number;
  numberSymbol: string;
  kind: string;
  issuer?: UnitRef | null;
  issuedOn: string;
  signer?: string | null;
  summary: string | null;
  fileId?: number | null;
  version?: number;
  taskCount?: number;
}

export interface TaskSummary {
  id: number;
  content: string;
  documentId: number | null;
  documentNumber: string | null;
  assignerUnit: UnitRef | null;
  leadUnit: UnitRef;
  coordinatingUnits: UnitRef[];
  fieldCode: string | null;
  isKey: boolean;
  deadlineKind: DeadlineKind;
  /** The deadline as it stood on the list's as-of date. */
  deadline: string | null;
  /** The deadline today, after every approved extension. */
  currentDeadline?: string | null;
  originalDeadline: string | null;
  assignedOn: string;
  state: TaskState;
  progress: number | null;
  status: StatusCategory | null;
  daysOverdue: number | null;
  version: number;
  parentId: number | null;
  periodLabel: string | null;
  extensionCount?: number;
  urgeCount?: number;
  lastProgressOn?: string | null;
  completedOn?: string | null;
}

export interface DocumentDetail extends DirectiveDocument {
  tasks: TaskSummary[];
}

/** GET /api/leaders: the server's own shape (a type only, nothing of the server is bundled). */
export type { LeaderSummary } from '../../server/features/users/queries';

export interface PersonRef {
  id: number;
  fullName: string;
  unit?: UnitRef | null;
}

export interface TimelineEvent {
  id: number;
  kind: string;
  at: string;
  onDate: string | null;
  actor: PersonRef | null;
  reason: string | null;
  data: Record<string, unknown> | null;
}

export type ExtensionState = 'pending' | 'approved' | 'refused';
export interface ExtensionRequest {
  id: number;
  requestedOn: string;
  currentDeadline: string | null;
  requestedDeadline: string;
  reason: string;
  status: ExtensionState;
  decidedOn: string | null;
  decisionReason: string | null;
}

export type TaskAction =
  | 'receive'
  | 'progress'
  | 'request_extension'
  | 'decide_extension'
  | 'report_completion'
  | 'confirm'
  | 'return'
  | 'reassign'
  | 'withdraw'
  | 'cancel'
  | 'comment'
  | 'hand_down'
  | 'urge'
  | 'undo_decision'
  | 'set_delay_causes'
  | 'request_explanation';

export interface TaskDetail extends TaskSummary {
  expectedProduct: string | null;
  paragraph: string | null;
  document: DirectiveDocument | null;
  leader: PersonRef | null;
  assignee: PersonRef | null;
  deadlineHistory: { effectiveOn: string; deadline: string | null }[];
  extensionRequests: ExtensionRequest[];
  subtasks: TaskSummary[];
  timeline: TimelineEvent[];
  allowedActions: TaskAction[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type TaskSort = 'deadline' | '-deadline' | 'id' | '-id';
export type TaskUnitRole = 'lead' | 'coordinating' | 'any';

/** The filters of GET /api/tasks (also the task list's URL search params). */
export interface TaskFilters {
  unitId?: number;
  subtree?: boolean;
  role?: TaskUnitRole;
  fieldCode?: string;
  authorityId?: number;
  documentId?: number;
  status?: StatusCategory;
  asOf?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
  q?: string;
  state?: TaskState;
  sort?: TaskSort;
  assignedFrom?: string;
  assignedTo?: string;
  /** Leave out handed-down sub-tasks, as the statistics do. */
  topLevel?: boolean;
  /** Only tasks the statistics count as of `asOf` (alive: not withdrawn or cancelled). */
  counted?: boolean;
}

export interface UploadedFile {
  id: number;
  name: string;
  size: number;
}

export type StatsGroupBy = 'lead_unit' | 'authority' | 'field' | 'leader';

export interface StatsCounts {
  assigned: number;
  onTime: number;
  late: number;
  inProgress: number;
  overdue: number;
  completed: number;
  /** Tasks due by the cut-off, and the completed ones among them. */
  dueByCutoff?: number;
  completedOfDue?: number;
  /** completed ÷ (completed + overdue) */
  completionRate: number | null;
  /** completed ÷ due by the cut-off */
  completionOfDueRate?: number | null;
  /** on time ÷ completed */
  onTimeRate: number | null;
  /** overdue ÷ all assigned */
  overdueRate: number | null;
}

export interface StatsRow extends StatsCounts {
  key: string | number | null;
  code?: string | null;
  label: string;
}

export interface StatsMethod {
  asOf?: BilingualText;
  completion?: BilingualText;
  extension?: BilingualText;
  rates?: Record<string, BilingualText>;
}

export interface Stats {
  asOf: string;
  groupBy?: StatsGroupBy;
  method: StatsMethod;
  rows: StatsRow[];
  totals: StatsCounts;
}

export interface StatsQuery {
  asOf?: string;
  assignedFrom?: string;
  assignedTo?: string;
  dueFrom?: string;
  dueTo?: string;
  groupBy: StatsGroupBy;
  unitId?: number;
  fieldCode?: string;
}

export interface WorkBucket {
  count: number;
  items: TaskSummary[];
}

export interface MyWork {
  toReceive: WorkBucket;
  dueThisWeek: WorkBucket;
  overdue: WorkBucket;
  extensionsToDecide: WorkBucket;
  completionsToConfirm: WorkBucket;
}
