import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../src/server/config.js';
import { connect, type DbHandle } from '../../src/server/db/connection.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { fixedClock, systemClock, type AppContext } from '../../src/server/context.js';
import { seedOrganisation, type Organisation } from '../../src/server/seed/organisation.js';

export interface TestDb extends AppContext {
  handle: DbHandle;
  org: Organisation;
  close(): Promise<void>;
}

/**
 * A fresh, migrated and organisation-seeded database: in-memory PGlite, or — when
 * DATABASE_URL is set — a new PostgreSQL database created for this test file and dropped after.
 */
export async function createTestDb(options: { today?: string; seed?: boolean } = {}): Promise<TestDb> {
  const baseUrl = process.env.DATABASE_URL;
  const { url, drop } = baseUrl ? await createPgDatabase(baseUrl) : { url: undefined, drop: async () => {} };
  const handle = await connect({ databaseUrl: url, poolSize: 4 });
  await migrateToLatest(handle.db);
  const org = options.seed === false ? { unitIds: new Map(), userIds: new Map() } : await seedOrganisation(handle.db);
  const config = loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' });
  return {
    db: handle.db,
    preparedDb: handle.preparedDb,
    dbKind: handle.kind,
    listen: handle.listen,
    poolUse: handle.poolUse,
    config,
    clock: options.today ? fixedClock(options.today) : systemClock,
    handle,
    org,
    close: async () => {
      await handle.close();
      await drop();
    },
  };
}

async function createPgDatabase(baseUrl: string) {
  const name = `nv_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
