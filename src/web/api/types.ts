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
import type { StatusCategory, TaskState } from '../../shared/api/enums';
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

export type { Unit, Field, MergeResult } from '../../shared/api/units';
export type { RoleGrant, SessionUser as User, Session, ApiToken, NewApiToken } from '../../shared/api/auth';
import type { RoleGrant } from '../../shared/api/auth';
/** GET /api/leaders. */
export type { LeaderSummary } from '../../shared/api/users';

/** A task the server read from a directive's text, for the officer to accept, edit or drop. */
export interface ProposedTask {
  content: string;
  leadUnitId: number | null;
  coordinatingUnitIds: number[];
  deadline: DeadlineInput;
  deadlineFound: boolean;
  expectedProduct: string | null;
  paragraph: string | null;
  source: string;
}

export interface DocumentHistoryEntry {
  id: number;
  kind: string;
  at: string;
  reason: string | null;
  actor: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

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
