import type { ColumnType, Generated } from 'kysely';

/** Table types of migration 0003 (review reports: snapshots, rectification records, dossier statistics). */
type DateString = string;
type Id = Generated<number>;
type Json<T> = ColumnType<T, string, string>;

export interface ReportSnapshotsTable {
  id: Id;
  title: string;
  /** The review's parameters (period, basis, grouping, scope), enough to recompute it. */
  params: Json<Record<string, unknown>>;
  as_of: DateString;
  period_start: DateString;
  period_end: DateString;
  /** The review as issued: rows, totals, rates, rankings, method text. */
  data: Json<Record<string, unknown>>;
  /** The last task event and audit row the issue saw: later ones are changes after the freeze. */
  last_event_id: number;
  last_audit_id: number;
  issued_by: number | null;
  issued_at: Generated<Date>;
}

/** One row per task counted in a snapshot: the ids behind every number. */
export interface ReportSnapshotTasksTable {
  snapshot_id: number;
  task_id: number;
  group_key: string;
  status: string;
  is_due: boolean;
  ext_asked: number;
  ext_granted: number;
}

export type RectificationStatus = 'open' | 'in_progress' | 'done';

export interface RectificationsTable {
  id: Id;
  unit_id: number;
  person_user_id: number | null;
  person_name: string;
  task_id: number | null;
  cause: string;
  measure: string;
  follow_up: string | null;
  due_on: DateString | null;
  status: Generated<RectificationStatus>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface DossierStatsTable {
  id: Id;
  unit_id: number;
  field_code: string;
  period_start: DateString;
  period_end: DateString;
  received: number;
  resolved_on_time: Generated<number>;
  resolved_late: Generated<number>;
  pending_on_time: Generated<number>;
  pending_overdue: Generated<number>;
  source: Generated<string>;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface ReportsTables {
  report_snapshots: ReportSnapshotsTable;
  report_snapshot_tasks: ReportSnapshotTasksTable;
  rectifications: RectificationsTable;
  dossier_stats: DossierStatsTable;
}
