import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ReportsTables } from './schema-reports.js';
import type { InspectionsTables } from './schema-inspections.js';
import type { RemindersTables } from './schema-reminders.js';
import type { ReorganisationTables } from './schema-reorganisations.js';

/** Table types for Kysely; kept beside the migrations that define them. */
type DateString = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Id = Generated<number>;

export type UnitKind = 'authority' | 'department' | 'district' | 'ward' | 'commune' | 'division';
export type Role = 'officer' | 'leader' | 'unit_head' | 'clerk' | 'staff' | 'inspector' | 'admin' | 'auditor';
export type DeadlineKind = 'fixed' | 'working_days' | 'periodic' | 'none';
export type TaskState =
  'assigned' | 'received' | 'in_progress' | 'completion_reported' | 'completed' | 'withdrawn' | 'cancelled';

export interface UnitsTable {
  id: Id;
  code: string;
  name: string;
  kind: UnitKind;
  parent_id: number | null;
  path: string;
  successor_id: number | null;
  active: Generated<boolean>;
  /** First day the unit existed (null: before the product's history). */
  valid_from: DateString | null;
  /** Exclusive: the effective date of the act that ended it. */
  valid_to: DateString | null;
  search_text: string;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface FieldsTable {
  code: string;
  name_vi: string;
  name_en: string;
  is_priority: Generated<boolean>;
  sort: Generated<number>;
}

export interface UsersTable {
  id: Id;
  username: string;
  full_name: string;
  email: string | null;
  title: string | null;
  unit_id: number;
  password_hash: string;
  active: Generated<boolean>;
  locale: Generated<'vi' | 'en'>;
  digest_mail: Generated<boolean>;
  created_at: Generated<Date>;
  version: Generated<number>;
  /** The single sign-on provider's subject (`sub`) once linked (migration 0012). */
  sso_subject: string | null;
  /** Created from the provider's claims: unit and roles follow them at each sign-in. */
  sso_managed: Generated<boolean>;
}

export interface UserRolesTable {
  id: Id;
  user_id: number;
  role: Role;
  scope_unit_id: number;
  field_codes: Generated<string[]>;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  /** The ID token of a session opened by single sign-on, for the provider's logout. */
  sso_id_token: string | null;
  /** The session's last request (written at most once a minute), for the idle timeout. */
  last_seen_at: Generated<Date>;
}

/** One counted event of a rate limit shared by all app servers (migration 0060). */
export interface RateEventsTable {
  id: Generated<string>;
  bucket: string;
  key: string;
  at: Generated<Date>;
}

/** A single sign-on begun and not yet finished (migration 0012). */
export interface SsoLoginsTable {
  key_hash: string;
  state: string;
  code_verifier: string;
  nonce: string;
  redirect_to: string;
  created_at: Generated<Date>;
}

export interface ApiTokensTable {
  id: Id;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface CalendarDaysTable {
  date: DateString;
  kind: 'holiday' | 'makeup_workday';
  name: string;
  /** The decision or notice the day comes from; '' when entered without one. */
  source: Generated<string>;
}

/** Whether a year's holidays are the decided schedule or still computed by rule (migration 0010). */
export interface CalendarYearsTable {
  year: number;
  status: 'provisional' | 'decided';
  source: Generated<string>;
  decided_by: number | null;
  decided_at: Date | null;
}

/** Each non-working day and the working day after it, for the Civil Code art. 148 setting. */
export interface DeadlineShiftsTable {
  day: DateString;
  working_day: DateString;
}

/** Who may sign each kind of document, and how (migration 0070). */
export interface SignersTable {
  id: Generated<number>;
  document_kind: 'urging_letter' | 'review' | 'briefing' | 'inspection_conclusion';
  authority: Generated<'' | 'TM.' | 'KT.' | 'TL.' | 'TUQ.' | 'Q.'>;
  on_behalf_of: string | null;
  title: string;
  full_name: string;
  is_default: Generated<boolean>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_by: number | null;
}

export interface SettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Generated<Date>;
  updated_by: number | null;
}

export interface FilesTable {
  id: Id;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer | Uint8Array;
  uploaded_by: number | null;
  created_at: Generated<Date>;
}

export interface DocumentsTable {
  id: Id;
  number_symbol: string;
  kind: string;
  issuer_unit_id: number;
  issued_on: DateString;
  signer: string | null;
  summary: string;
  file_id: number | null;
  search_text: string;
  created_by: number | null;
  created_at: Generated<Date>;
  version: Generated<number>;
  /** Received as an edXML package, with what it carried (migration 0030). */
  source: Generated<'form' | 'import' | 'edxml'>;
  edxml_document_id: string | null;
  edxml_sha256: string | null;
  sender_organ_id: string | null;
  sender_name: string | null;
  place: string | null;
  urgency: Generated<number>;
  signer_position: string | null;
  due_on: DateString | null;
  body_text: string | null;
  status: Generated<'active' | 'revoked' | 'replaced'>;
}

export interface DocumentAttachmentsTable {
  document_id: number;
  file_id: number;
  content_id: string;
  position: number;
}

export interface DocumentEventsTable {
  id: Generated<number>;
  document_id: number;
  kind: string;
  actor_user_id: number | null;
  at: Generated<Date>;
  reason: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface TasksTable {
  id: Id;
  document_id: number | null;
  parent_id: number | null;
  series_key: string | null;
  period_label: string | null;
  paragraph: string | null;
  content: string;
  search_text: string;
  assigner_unit_id: number;
  lead_unit_id: number;
  lead_since: DateString;
  assignee_user_id: number | null;
  field_code: string | null;
  is_key: Generated<boolean>;
  leader_user_id: number | null;
  expected_product: string | null;
  deadline_kind: DeadlineKind;
  working_days: number | null;
  /** A working-day deadline counts from the document's date or from receipt (migration 0011). */
  deadline_from: Generated<'document' | 'receipt'>;
  received_on: DateString | null;
  assigned_on: DateString;
  original_deadline: DateString | null;
  deadline: DateString | null;
  first_extended_on: DateString | null;
  last_extended_on: DateString | null;
  extension_count: Generated<number>;
  state: TaskState;
  progress: Generated<number>;
  completion_reported_on: DateString | null;
  completed_on: DateString | null;
  confirmed_on: DateString | null;
  ended_on: DateString | null;
  urge_count: Generated<number>;
  last_progress_on: DateString | null;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface TaskCoordinatorsTable {
  task_id: number;
  unit_id: number;
}

export interface TaskDeadlineChangesTable {
  id: Id;
  task_id: number;
  effective_on: DateString;
  deadline: DateString;
}

export interface TaskLeadChangesTable {
  id: Id;
  task_id: number;
  effective_on: DateString;
  from_unit_id: number;
  to_unit_id: number;
}

export type ExtensionStatus = 'pending' | 'approved' | 'refused' | 'withdrawn';

export interface ExtensionRequestsTable {
  id: Id;
  task_id: number;
  requested_by: number | null;
  requested_on: DateString;
  current_deadline: DateString;
  requested_deadline: DateString;
  reason: string;
  status: Generated<ExtensionStatus>;
  decided_by: number | null;
  decided_on: DateString | null;
  decision_reason: string | null;
  /** Business date of the unit's letter asking (migration 0011); null: the entry date. */
  dated_on: DateString | null;
  needs_acceptance: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface TaskEventsTable {
  id: Generated<number>;
  task_id: number;
  kind: string;
  actor_user_id: number | null;
  at: Generated<Date>;
  on_date: DateString;
  reason: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_user_id: number | null;
  action: string;
  entity: string;
  entity_id: string;
  data: ColumnType<Record<string, unknown>, string, string>;
  /** The row's place in the chain, its predecessor's hash and its own: set by the sequencer (features/audit). */
  seq: ColumnType<number | null, never, number>;
  prev_hash: ColumnType<string | null, never, string>;
  hash: ColumnType<string | null, never, string>;
}

/** Signed pre-aggregated counts of tasks past their last fact day: migration 0007, stats/frozen-counts. */
export interface FrozenTaskCountsTable {
  span: 'month' | 'year';
  bucket: DateString;
  lead_unit_id: number;
  assigner_unit_id: number;
  /** '' for none */
  field_code: string;
  /** 0 for none */
  leader_user_id: number;
  top_level: boolean;
  tasks: number;
  confirmed: number;
  on_time_extended: number;
  on_time_original: number;
  dated: number;
  confirmed_dated: number;
  compacted: Generated<boolean>;
}

/** Causes of delay, explanation requests (migration 0011). */
export interface DelayCausesTable {
  code: string;
  kind: 'objective' | 'subjective';
  name_vi: string;
  name_en: string;
  active: Generated<boolean>;
  sort: Generated<number>;
}

export interface TaskDelayCausesTable {
  task_id: number;
  cause_codes: string[];
  note: string | null;
  set_by: number | null;
  set_on: DateString;
}

export interface ExplanationRequestsTable {
  id: Id;
  unit_id: number;
  scope: 'task' | 'overdue';
  requested_by: number;
  requested_on: DateString;
  due_on: DateString;
  note: string | null;
  status: Generated<'pending' | 'answered'>;
  answered_by: number | null;
  answered_on: DateString | null;
  cause_codes: string[] | null;
  cause_note: string | null;
  measures: string | null;
  committed_on: DateString | null;
  created_at: Generated<Date>;
}

export interface ExplanationRequestTasksTable {
  request_id: number;
  task_id: number;
}

export interface Database extends InspectionsTables, ReportsTables, RemindersTables, ReorganisationTables {
  frozen_task_counts: FrozenTaskCountsTable;
  units: UnitsTable;
  fields: FieldsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  rate_events: RateEventsTable;
  sso_logins: SsoLoginsTable;
  api_tokens: ApiTokensTable;
  calendar_days: CalendarDaysTable;
  calendar_years: CalendarYearsTable;
  delay_causes: DelayCausesTable;
  task_delay_causes: TaskDelayCausesTable;
  explanation_requests: ExplanationRequestsTable;
  explanation_request_tasks: ExplanationRequestTasksTable;
  deadline_shifts: DeadlineShiftsTable;
  settings: SettingsTable;
  signers: SignersTable;
  files: FilesTable;
  documents: DocumentsTable;
  document_attachments: DocumentAttachmentsTable;
  document_events: DocumentEventsTable;
  tasks: TasksTable;
  task_coordinators: TaskCoordinatorsTable;
  task_deadline_changes: TaskDeadlineChangesTable;
  task_lead_changes: TaskLeadChangesTable;
  extension_requests: ExtensionRequestsTable;
  task_events: TaskEventsTable;
  audit_log: AuditLogTable;
  rate_counts: RateCountsTable;
}

/** Rate-limit hits per key and fixed window, shared by the app servers: migration 0051, http/rate-limits.ts. */
export interface RateCountsTable {
  key: string;
  window_start: Timestamp;
  hits: number;
  expires_at: Timestamp;
}

export type Unit = Selectable<UnitsTable>;
export type User = Selectable<UsersTable>;
export type Task = Selectable<TasksTable>;
export type NewTask = Insertable<TasksTable>;
export type TaskUpdate = Updateable<TasksTable>;
export type TaskEventRow = Selectable<TaskEventsTable>;
