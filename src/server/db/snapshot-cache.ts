import { sql } from 'kysely';
import type { Db } from './connection.js';

/**
 * Answers reused while the database has not changed — proved, not guessed. A value computed in
 * a repeatable-read snapshot depends only on the data visible in it, which PostgreSQL fixes by
 * the snapshot's `xmax:xip` (every transaction below xmax and not in the in-progress list has
 * finished, and its outcome cannot change). A later request whose snapshot reads the same
 * text sees exactly the same rows, so it gets the stored value; any commit since — a new task,
 * an event, a settings change, a login — moves the snapshot and the value is computed again.
 * Works the same on PGlite and PostgreSQL, and per process with any number of app servers.
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

/** `xmax:xip` of the snapshot the next statements read (xmin follows from them); null in a read-committed session, where each statement takes its own. */
async function currentSnapshot(db: Db): Promise<string | null> {
  const row = await sql<{
    snapshot: string;
    isolation: string;
  }>`select pg_current_snapshot()::text as snapshot, current_setting('transaction_isolation') as isolation`.execute(db);
  const r = row.rows[0]!;
  if (r.isolation !== 'repeatable read' && r.isolation !== 'serializable') return null;
  return r.snapshot.slice(r.snapshot.indexOf(':') + 1);
}
