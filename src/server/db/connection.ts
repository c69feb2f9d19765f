import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import type { Database } from './schema.js';
import { PGlitePool } from './pglite-pool.js';

export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  /**
   * The same database through connections that plan each statement once and then reuse that
   * generic plan (PostgreSQL; on PGlite it is `db`). For hot reads where planning costs more
   * than running, written so their best plan does not depend on their parameters' values (the
   * task list: docs/decisions.md). Not for transactions, not for writes.
   */
  preparedDb: Db;
  kind: 'pglite' | 'postgres';
  listen: Listen;
  /** How busy each connection pool is now (metrics). */
  poolUse(): PoolUse[];
  /**
   * The embedded database's files as a gzipped tarball, taken between transactions after a
   * checkpoint (PGlite only: db/backup). The running server answers backups with it, since
   * no second process may open the folder.
   */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

export interface PoolUse {
  pool: 'main' | 'prepared';
  max: number;
  /** Open connections, of which `idle` wait for work; `waiting` requests wait for a connection. */
  total: number;
  idle: number;
  waiting: number;
}

const useOf = (pool: 'main' | 'prepared', p: pg.Pool): PoolUse => ({
  pool,
  max: p.options.max ?? 10,
  total: p.totalCount,
  idle: p.idleCount,
  waiting: p.waitingCount,
});

/**
 * Hears NOTIFY on a channel: `notice()` for each one, `listening(true)` once notices are
 * heard, `listening(false)` whenever some may be missed (the connection was lost: retried
 * every second; or the listener stopped). Returns the stop function.
 */
export type Listen = (channel: string, on: { notice(): void; listening(yes: boolean): void }) => () => Promise<void>;

// One representation on both engines: dates stay 'YYYY-MM-DD' strings (no time-zone shift),
// 64-bit counts and numerics become numbers (our counts stay far below 2^53).
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
pg.types.setTypeParser(DATE_OID, (v: string) => v);
pg.types.setTypeParser(INT8_OID, (v: string) => Number(v));
pg.types.setTypeParser(NUMERIC_OID, (v: string) => Number(v));
const pgliteParsers = {
  [DATE_OID]: (v: string) => v,
  [INT8_OID]: (v: string) => Number(v),
  [NUMERIC_OID]: (v: string) => Number(v),
};

export interface ConnectOptions {
  databaseUrl?: string;
  /** Folder for the embedded database; undefined means in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  /** PGlite: start from this dump (db/backup restore), the folder's previous files moved aside. */
  restoreFrom?: Blob;
  /** Told when the server ends an idle PostgreSQL connection (default: a line on stderr). */
  onIdleError?: (error: Error) => void;
}

const warnIdleError = (error: Error) => console.warn(`PostgreSQL closed an idle connection: ${error.message}`);

/** How the app's connections name themselves in pg_stat_activity (a restore refuses while they are there). */
export const APPLICATION_NAME = 'nhiem-vu';

export async function connect(options: ConnectOptions): Promise<DbHandle> {
  if (options.databaseUrl)
    return connectPostgres(options.databaseUrl, options.poolSize ?? 10, options.onIdleError ?? warnIdleError);
  return connectPGlite(options.dataDir, options.restoreFrom);
}

function connectPostgres(url: string, max: number, onIdleError: (error: Error) => void): DbHandle {
  // JIT compiling the status expressions costs more than running them (measured in bench/): off.
  const pool = new pg.Pool({
    ...withSessionSettings(url, '-c jit=off'),
    max,
    application_name: APPLICATION_NAME,
    ...OUTAGE_SETTINGS,
  });
  // An idle connection the server ends (restart, failover, DROP DATABASE … WITH (FORCE))
  // raises 'error' on the pool; unheard, Node turns it into an uncaught exception and the
  // process dies. The pool has already dropped that client and opens a new one on demand.
  pool.on('error', (error) => onIdleError(error));
  pool.on('connect', keepErrorsHeard);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const prepared = preparedPool(url, max, onIdleError);
  const preparedDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: prepared }) });
  return {
    db,
    preparedDb,
    kind: 'postgres',
    listen: (channel, on) => listenPostgres(url, channel, on),
    poolUse: () => [useOf('main', pool), useOf('prepared', prepared)],
    close: async () => {
      await Promise.all([db.destroy(), preparedDb.destroy()]);
    },
  };
}

/**
 * The connection string and the session settings a connection starts with. pg lets an `options`
 * parameter of the URL replace the app's own settings outright (an operator who added
 * `options=-c log_min_duration_statement=0` turned JIT back on and lost the generic plans: the
 * task list went from 13 to 131 ms), so the two are merged: the operator's first, the app's last,
 * since PostgreSQL applies `-c` settings in order and the app's are what its plans were measured on.
 */
export function withSessionSettings(url: string, appSettings: string): { connectionString: string; options: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { connectionString: url, options: appSettings }; // not a URL (key=value form): pg reads it as it is
  }
  const operator = parsed.searchParams.get('options')?.trim();
  parsed.searchParams.delete('options');
  return { connectionString: parsed.toString(), options: operator ? `${operator} ${appSettings}` : appSettings };
}

/**
 * A connection the server ends while it is checked out but between statements (a transaction
 * waiting on the app, PostgreSQL stopped or killed) raises 'error' on the client, which the
 * pool listens for only while the client is idle: unheard, it would end the process. The
 * statement in flight, if any, fails with it (a 503, db/unavailable.ts); the pool drops the
 * client when it is released (no longer queryable) and opens a new one on demand.
 */
function keepErrorsHeard(client: pg.PoolClient): void {
  client.on('error', () => {});
}

/**
 * While the database is away, a request waits at most this long for a connection and then
 * answers 503 (db/unavailable.ts) instead of hanging; TCP keepalive finds a connection whose
 * server vanished without closing it (a machine or network gone).
 */
const OUTAGE_SETTINGS = { connectionTimeoutMillis: 5_000, keepAlive: true, keepAliveInitialDelayMillis: 10_000 };

/**
 * Connections that name the statements they send (so the server keeps each prepared, planned
 * once per connection and text) and force the generic plan. A kept plan of the task list costs
 * the server ~600 kB (measured), so a connection keeps at most PREPARED_STATEMENTS of them; past
 * that, a statement is planned each time it runs (still generic, still correct). A connection
 * lives an hour at most, so the statements of a new day (the lists write their day into the
 * text) are kept again soon after midnight.
 */
function preparedPool(url: string, max: number, onIdleError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({
    ...withSessionSettings(url, '-c jit=off -c plan_cache_mode=force_generic_plan'),
    max: Math.min(max, PREPARED_CONNECTIONS),
    maxLifetimeSeconds: 3_600,
    application_name: APPLICATION_NAME,
    Client: PreparingClient,
    ...OUTAGE_SETTINGS,
  });
  pool.on('error', (error) => onIdleError(error));
  pool.on('connect', keepErrorsHeard);
  return pool;
}

// Two cores run the server: more connections would only queue inside PostgreSQL.
const PREPARED_CONNECTIONS = 4;
export const PREPARED_STATEMENTS = 50;

class PreparingClient extends pg.Client {
  private readonly kept = new Set<string>();

  // Kysely sends (text, values); the same text gets the same name, hence one plan per text.
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    const query = super.query.bind(this) as (...args: unknown[]) => never;
    if (typeof config !== 'string' || !Array.isArray(values)) return query(config, values, callback);
    const name = statementName(config);
    if (!this.kept.has(name) && this.kept.size >= PREPARED_STATEMENTS) return query(config, values, callback);
    this.kept.add(name);
    return query({ name, text: config, values }, callback);
  }
}

/** LISTEN on its own connection (a pooled one would be handed to others), reconnecting when lost. */
function listenPostgres(url: string, channel: string, on: Parameters<Listen>[1]): () => Promise<void> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const lost = (c: pg.Client) => {
    if (client !== c) return;
    client = null;
    on.listening(false);
    void c.end().catch(() => {});
    if (!stopped) retry = setTimeout(start, 1_000);
  };
  function start(): void {
    retry = null;
    const c = new pg.Client({ connectionString: url, application_name: APPLICATION_NAME });
    client = c;
    c.on('notification', (m) => m.channel === channel && on.notice());
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    c.connect()
      .then(() => c.query(`listen "${channel}"`))
      .then(() => client === c && !stopped && on.listening(true))
      .catch(() => lost(c));
  }
  start();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const c = client;
    client = null;
    on.listening(false);
    await c?.end().catch(() => {});
  };
}

const statementName = (text: string) => `nv_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;

async function connectPGlite(dataDir?: string, restoreFrom?: Blob): Promise<DbHandle> {
  const releaseLock = dataDir ? holdLock(dataDir) : () => {};
  const folder = dataDir ? path.join(dataDir, 'pglite') : undefined;
  if (folder && restoreFrom && fs.existsSync(folder)) {
    fs.renameSync(folder, `${folder}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  }
  const pglite = new PGlite(folder, { parsers: pgliteParsers, ...(restoreFrom ? { loadDataDir: restoreFrom } : {}) });
  await pglite.waitReady;
  const pool = new PGlitePool(pglite, pgliteParsers);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as never }) });
  return {
    db,
    preparedDb: db,
    kind: 'pglite',
    listen: (channel, on) => pool.listen(channel, on),
    poolUse: () => [{ pool: 'main', max: 1, total: 1, idle: pool.busy ? 0 : 1, waiting: pool.waiting }],
    dumpDataDir: async () => {
      const client = await pool.connect();
      try {
        await pglite.exec('checkpoint');
        return await pglite.dumpDataDir('gzip');
      } finally {
        client.release();
      }
    },
    close: async () => {
      await db.destroy();
      await pool.end();
      releaseLock();
    },
  };
}

/** The process that holds the embedded database in `dataDir` open, if one does (and it is not this one). */
export function embeddedHolder(dataDir: string): number | null {
  const lockFile = path.join(dataDir, 'pglite.lock');
  if (!fs.existsSync(lockFile)) return null;
  const holder = Number(fs.readFileSync(lockFile, 'utf8'));
  return holder && isAlive(holder) ? holder : null;
}

/** Two processes on one PGlite folder corrupt it: the second one must fail loudly. */
function holdLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'pglite.lock');
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = embeddedHolder(dataDir);
    if (holder) {
      throw new Error(`The database in ${dataDir} is in use by process ${holder}. Stop it first.`);
    }
    fs.writeFileSync(lockFile, String(process.pid));
  }
  return () => fs.rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return pid !== process.pid;
  } catch {
    return false;
  }
}
