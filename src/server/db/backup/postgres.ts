import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { APPLICATION_NAME, connect } from '../connection.js';
import { migrateToLatest } from '../migrate.js';
import { backupKind } from './files.js';

/**
 * Backup and restore of a PostgreSQL database with PostgreSQL's own tools: `pg_dump` (custom
 * format, a consistent snapshot while the app servers keep working) and `pg_restore` (in one
 * transaction: all or nothing). They must be at least the server's version; PG_BIN names their
 * folder when the ones on PATH are older. The password travels in the environment, not on the
 * command line where `ps` would show it.
 */
export async function backupPostgres(url: string, file: string): Promise<{ bytes: number }> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  try {
    await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`], url);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return { bytes: fs.statSync(file).size };
}

/** Restores a pg_dump archive into the database at `url`, refusing while app servers are connected to it. */
export async function restorePostgres(
  url: string,
  file: string,
  options: { force?: boolean } = {},
): Promise<{ migrations: string[] }> {
  if (backupKind(file) !== 'postgres')
    throw new Error(
      `${file} is a backup of the embedded database: restore it without DATABASE_URL, then use move-to-postgres.`,
    );
  const connected = await appConnections(url);
  if (connected > 0 && !options.force)
    throw new Error(
      `${connected} connection(s) of running app servers use this database: stop them first (or --force).`,
    );
  await runTool(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', file],
    url,
  );
  const handle = await connect({ databaseUrl: url, poolSize: 1 });
  try {
    return { migrations: await migrateToLatest(handle.db) };
  } finally {
    await handle.close();
  }
}

async function appConnections(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
       where datname = current_database() and application_name = $1 and pid <> pg_backend_pid()`,
      [APPLICATION_NAME],
    );
    return res.rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

function runTool(tool: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<void> {
  const target = new URL(url);
  const password = decodeURIComponent(target.password);
  target.password = '';
  const binary = process.env.PG_BIN ? path.join(process.env.PG_BIN, tool) : tool;
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [...args, `--dbname=${target.toString()}`], {
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (c: Buffer) => (errors += c.toString()));
    child.on('error', (err) =>
      reject(
        new Error(`${tool} could not be started (${err.message}): install PostgreSQL's client tools or set PG_BIN.`),
      ),
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${tool} failed (exit ${code}): ${errors.trim()}`)),
    );
  });
}
