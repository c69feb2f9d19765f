import { sql } from 'kysely';
import type { Db } from './connection.js';

/**
 * Answers reused while the data they read has not changed — proved, not guessed. A value computed
 * in a repeatable-read snapshot depends only on the rows visible in it. Every transaction that
 * writes a watched table adds one row to data_changes (migration 0090), visible exactly when its
 * data is, and PostgreSQL's snapshots see transactions in the order they ended; so the number of
 * those rows a snapshot sees (plus the folded ones) names the data it sees. A later request whose
 * snapshot counts the same gets the stored value; any write since — a new task, an event, a
 * settings change — moves the count and the value is computed again. Writes to other databases on
 * the same server, sign-ins and sent mail move nothing. Works the same on PGlite and PostgreSQL,
 * and per process with any number of app servers.
 */
export class SnapshotCache<T> {
  private readonly entries = new Map<string, { snapshot: string; value: T }>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries = 200) {}

  /** The value for `key` in the caller's current snapshot: computed by `compute(db)` inside it, or reused. */
  async get(db: Db, key: string, compute: (db: Db) => Promise<T>): Promise<T> {
    // Inside a caller's transaction (a review's repeatable-read one) its snapshot is the one to use.
    if (db.isTransaction) return this.inSnapshot(db, key, compute);
    return db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute((trx) => this.inSnapshot(trx, key, compute));
  }

  private async inSnapshot(db: Db, key: string, compute: (db: Db) => Promise<T>): Promise<T> {
    const snapshot = await currentSnapshot(db);
    const cached = this.entries.get(key);
    if (snapshot !== null && cached?.snapshot === snapshot) {
      this.hits++;
      // Refresh its place in the least-recently-used order; hand out a copy nobody else holds.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return structuredClone(cached.value);
    }
    this.misses++;
    const value = await compute(db);
    if (snapshot !== null) {
      this.entries.delete(key);
      this.entries.set(key, { snapshot, value: structuredClone(value) });
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }
}

/**
 * The version of the watched data the caller's snapshot sees; null where it proves nothing: in a
 * read-committed session (each statement takes its own snapshot), or in a transaction that has
 * written (its own uncommitted row would count like another's committed one).
 */
async function currentSnapshot(db: Db): Promise<string | null> {
  const row = await sql<{ version: string; isolation: string; wrote: boolean }>`
    select (select folded from data_change_base) + (select count(*) from data_changes) as version,
           current_setting('transaction_isolation') as isolation,
           pg_current_xact_id_if_assigned() is not null as wrote`.execute(db);
  const r = row.rows[0]!;
  if ((r.isolation !== 'repeatable read' && r.isolation !== 'serializable') || r.wrote) return null;
  return String(r.version);
}

/**
 * Folds the change rows every snapshot already sees into the base count, in one transaction, so
 * counting stays cheap; a snapshot sees the same total before and after. Safe on two servers at
 * once (a row is counted by the fold that deleted it). Returns how many rows were folded.
 */
export async function compactDataChanges(db: Db): Promise<number> {
  const r = await sql<{ folded: number }>`
    with gone as (delete from data_changes where xid < pg_snapshot_xmin(pg_current_snapshot()) returning 1),
         n as (select count(*)::int as folded from gone),
         _ as (update data_change_base set folded = folded + (select folded from n) where (select folded from n) > 0)
    select folded from n`.execute(db);
  return r.rows[0]!.folded;
}
