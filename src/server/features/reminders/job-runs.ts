import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';

/**
 * Leases on scheduled runs ("the reminder scan for 2026-11-29"), so that of several app
 * servers one does the work and the others skip it. A run that dies keeps its lease until it
 * expires; then the next server to look takes it over and runs it again, which is safe
 * because every step it takes is idempotent.
 */
export async function claimRun(db: Db, name: string, slot: string, owner: string, leaseMs: number): Promise<boolean> {
  const leaseUntil = sql<Date>`now() + ${`${leaseMs} milliseconds`}::interval`;
  const row = await db
    .insertInto('job_runs')
    .values({ name, slot, owner, lease_until: leaseUntil as never })
    .onConflict((oc) =>
      oc
        .columns(['name', 'slot'])
        .doUpdateSet({ owner, lease_until: leaseUntil as never, started_at: sql`now()` as never })
        .where('job_runs.finished_at', 'is', null)
        .where('job_runs.lease_until', '<', sql<Date>`now()`),
    )
    .returning('name')
    .executeTakeFirst();
  return row !== undefined;
}

/** Extends a lease the owner still holds; false when it was lost (someone took over). */
export async function renewRun(db: Db, name: string, slot: string, owner: string, leaseMs: number): Promise<boolean> {
  const res = await db
    .updateTable('job_runs')
    .set({ lease_until: sql`now() + ${`${leaseMs} milliseconds`}::interval` as never })
    .where('name', '=', name)
    .where('slot', '=', slot)
    .where('owner', '=', owner)
    .where('finished_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function finishRun(
  db: Db,
  name: string,
  slot: string,
  owner: string,
  result: Record<string, unknown>,
): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ finished_at: new Date(), result: JSON.stringify(result) })
    .where('name', '=', name)
    .where('slot', '=', slot)
    .where('owner', '=', owner)
    .execute();
}

export async function isFinished(db: Db, name: string, slot: string): Promise<boolean> {
  const row = await db
    .selectFrom('job_runs')
    .select('finished_at')
    .where('name', '=', name)
    .where('slot', '=', slot)
    .executeTakeFirst();
  return Boolean(row?.finished_at);
}

export async function recentRuns(db: Db, name: string, limit = 10) {
  return db
    .selectFrom('job_runs')
    .selectAll()
    .where('name', '=', name)
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
}
