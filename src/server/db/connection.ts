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
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

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
  /** Told when the server ends an idle PostgreSQL connection (default: a line on stderr). */
  onIdleError?: (error: Error) => void;
}

const warnIdleError = (error: Error) => console.warn(`PostgreSQL closed an idle connection: ${error.message}`);

export async function connect(options: ConnectOptions): Promise<DbHandle> {
  if (options.databaseUrl) return connectPostgres(options.databaseUrl, options.poolSize ?? 10, options.onIdleError ?? warnIdleError);
  return connectPGlite(options.dataDir);
}

function connectPostgres(url: string, max: number, onIdleError: (error: Error) => void): DbHandle {
  // JIT compiling the status expressions costs more than running them (measured in bench/): off.
  const pool = new pg.Pool({ connectionString: url, max, options: '-c jit=off' });
  // An idle connection the server ends (restart, failover, DROP DATABASE … WITH (FORCE))
  // raises 'error' on the pool; unheard, Node turns it into an uncaught exception and the
  // process dies. The pool has already dropped that client and opens a new one on demand.
  pool.on('error', (error) => onIdleError(error));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

async function connectPGlite(dataDir?: string): Promise<DbHandle> {
  const releaseLock = dataDir ? holdLock(dataDir) : () => {};
  const pglite = new PGlite(dataDir ? path.join(dataDir, 'pglite') : undefined, { parsers: pgliteParsers });
  await pglite.waitReady;
  const pool = new PGlitePool(pglite, pgliteParsers);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as never }) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      await pool.end();
      releaseLock();
    },
  };
}

/** Two processes on one PGlite folder corrupt it: the second one must fail loudly. */
function holdLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'pglite.lock');
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(fs.readFileSync(lockFile, 'utf8'));
    if (holder && isAlive(holder)) {
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
