import type { ColumnType, Generated } from 'kysely';

/** Table types of migration 0002 (monitoring and urging: reminders, notifications, mail, feeds, letters). */
type DateString = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;

export interface JobRunsTable {
  name: string;
  /** What the run is for, e.g. the business date of a daily job. */
  slot: string;
  owner: string;
  lease_until: Timestamp;
  started_at: Generated<Date>;
  finished_at: Date | null;
  result: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
}

/** One row per reminder that happened: its key (task, rule, occurrence, recipient) is unique. */
export interface RemindersTable {
  id: Generated<number>;
  task_id: number;
  rule: string;
  occurrence_on: DateString;
  user_id: number;
  created_at: Generated<Date>;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  task_id: number | null;
  reminder_id: number | null;
  on_date: DateString;
  data: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
  read_at: Date | null;
}

export type MailStatus = 'pending' | 'sending' | 'sent';

export interface MailOutboxTable {
  id: Generated<number>;
  user_id: number;
  kind: 'notification' | 'digest';
  notification_id: number | null;
  digest_on: DateString | null;
  status: Generated<MailStatus>;
  attempts: Generated<number>;
  /** When it may be tried next; while 'sending' it is the end of the sender's lease. */
  next_attempt_at: Timestamp;
  last_error: string | null;
  message_id: string | null;
  sent_at: Date | null;
  created_at: Generated<Date>;
}

export interface CalendarFeedsTable {
  id: Generated<number>;
  token_hash: string;
  scope: 'user' | 'unit';
  user_id: number;
  unit_id: number | null;
  created_at: Generated<Date>;
  revoked_at: Date | null;
}

export interface UrgingLettersTable {
  id: Generated<number>;
  status: Generated<'draft' | 'issued'>;
  /** The unit urged; null for a letter to every unit with overdue tasks. */
  target_unit_id: number | null;
  issuer_unit_id: number;
  number_symbol: string;
  place: string;
  letter_date: DateString;
  subject: string;
  recipients: string;
  opening: string;
  closing: string;
  signer_title: string;
  signer_name: string;
  copies_to: string;
  created_by: number;
  created_at: Generated<Date>;
  issued_by: number | null;
  issued_at: Date | null;
  version: Generated<number>;
}

export interface UrgingLetterTasksTable {
  letter_id: number;
  task_id: number;
  position: number;
  lead_unit_id: number;
  document_number: string | null;
  content: string;
  deadline: DateString;
  days_overdue: number;
}

export interface RemindersTables {
  job_runs: JobRunsTable;
  reminders: RemindersTable;
  notifications: NotificationsTable;
  mail_outbox: MailOutboxTable;
  calendar_feeds: CalendarFeedsTable;
  urging_letters: UrgingLettersTable;
  urging_letter_tasks: UrgingLetterTasksTable;
}
