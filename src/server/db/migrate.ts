import { sql, Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connection.js';
import * as core from './migrations/0001_core.js';
import * as reminders from './migrations/0002_reminders.js';
import * as reports from './migrations/0003_reports.js';
import * as inspections from './migrations/0004_inspections.js';
import * as performanceIndexes from './migrations/0005_performance.js';
import * as movingTasks from './migrations/0006_moving_tasks.js';
import * as frozenTaskCounts from './migrations/0007_frozen_task_counts.js';
import * as callerChanges from './migrations/0008_caller_changes.js';
import * as overdueLists from './migrations/0009_overdue_lists.js';
import * as holidaySchedules from './migrations/0010_holiday_schedules.js';
import * as businessDates from './migrations/0011_business_dates_and_explanations.js';
import * as singleSignOn from './migrations/0012_single_sign_on.js';
import * as sessionsAndLimits from './migrations/0060_sessions_and_limits.js';
import * as unitsOverTime from './migrations/0020_units_over_time.js';
import * as electronicDocuments from './migrations/0030_electronic_documents.js';
import * as auditSequencer from './migrations/0050_audit_sequencer.js';
import * as sharedCounters from './migrations/0051_shared_counters_and_live_notifications.js';
import * as signersAndOrganisation from './migrations/0070_signers_and_organisation.js';
import * as dataChanges from './migrations/0090_data_changes.js';

/**
 * Migrations are listed here in order (no directory scan, so they work the same from
 * sources and from a bundle). Each feature that needs tables adds its file below.
 */
const migrations: Record<string, Migration> = {
  '0001_core': core,
  '0002_reminders': reminders,
  '0003_reports': reports,
  '0004_inspections': inspections,
  '0005_performance': performanceIndexes,
  '0006_moving_tasks': movingTasks,
  '0007_frozen_task_counts': frozenTaskCounts,
  '0008_caller_changes': callerChanges,
  '0009_overdue_lists': overdueLists,
  '0010_holiday_schedules': holidaySchedules,
  '0011_business_dates_and_explanations': businessDates,
  '0012_single_sign_on': singleSignOn,
  '0060_sessions_and_limits': sessionsAndLimits,
  '0020_units_over_time': unitsOverTime,
  '0030_electronic_documents': electronicDocuments,
  '0050_audit_sequencer': auditSequencer,
  '0051_shared_counters_and_live_notifications': sharedCounters,
  '0070_signers_and_organisation': signersAndOrganisation,
  '0090_data_changes': dataChanges,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  // Features add their migrations side by side; a database made before a lower-numbered one landed still takes it.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  // Whatever tables the migrations added, the reused answers see their changes (0090_data_changes).
  await sql`select ensure_data_change_triggers()`.execute(db);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
