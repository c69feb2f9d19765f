/** Shapes of the HTTP API, as docs/api.md describes them. Dates are `YYYY-MM-DD` strings. */

// The closed lists and the task answers come from the shared contract (src/shared/api/).
export {
  ROLES,
  UNIT_KINDS,
  STATUS_CATEGORIES,
  TASK_STATES,
  type Role,
  type UnitKind,
  type StatusCategory,
  type TaskState,
  type DeadlineKind,
  type ExtensionState,
  type TaskAction,
} from '../../shared/api/enums';
export type {
  TaskSummary,
  TaskDetail,
  TaskPage,
  TimelineEvent,
  ExtensionRequest,
  WorkBucket,
  MyWork,
} from '../../shared/api/tasks';
import type { Role, StatusCategory, TaskState, UnitKind } from '../../shared/api/enums';
import type { STATS_GROUP_BY } from '../../shared/api/stats';
export type {
  DirectiveDocument,
  DocumentListItem,
  DocumentPage,
  DocumentDetail,
  AttachedFile,
} from '../../shared/api/documents';
export type { Statistics as Stats, StatsCounts, StatsRow } from '../../shared/api/stats';

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
  /** First day the unit existed (null: before the product's history). */
  validFrom?: string | null;
  /** Exclusive: the day the act that ended it took effect. */
  validTo?: string | null;
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

/** GET /api/leaders. */
export type { LeaderSummary } from '../../shared/api/users';

export interface PersonRef {
  id: number;
  fullName: string;
  unit?: UnitRef | null;
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

export type StatsGroupBy = (typeof STATS_GROUP_BY)[number];

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
