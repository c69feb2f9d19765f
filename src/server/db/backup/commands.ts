import path from 'node:path';
import type { Config } from '../../config.js';
import { backupEmbedded, restoreEmbedded } from './embedded.js';
import { defaultBackupFile } from './files.js';
import { moveToPostgres } from './move.js';
import { backupPostgres, restorePostgres } from './postgres.js';

export const OPERATIONS = ['backup', 'restore', 'move-to-postgres'] as const;
export type Operation = (typeof OPERATIONS)[number];
export const isOperation = (command: string): command is Operation =>
  (OPERATIONS as readonly string[]).includes(command);

/**
 * `backup [file]`, `restore <file> [--force]`, `move-to-postgres [url]`: on the engine the
 * configuration names (DATABASE_URL: PostgreSQL; else the embedded database in DATA_DIR).
 * They open no database connection of their own before they know they may (main.ts).
 */
export async function runOperation(command: Operation, args: string[], config: Config): Promise<void> {
  const [first] = args.filter((a) => !a.startsWith('--'));
  const url = config.DATABASE_URL;
  if (command === 'backup') {
    const file = first ?? defaultBackupFile(url ? 'postgres' : 'embedded');
    const done = url
      ? { via: 'pg_dump', ...(await backupPostgres(url, file)) }
      : await backupEmbedded(config.DATA_DIR, file);
    console.log(`Backup written to ${path.resolve(file)} (${megabytes(done.bytes)}, taken by ${done.via}).`);
    return;
  }
  if (command === 'restore') {
    if (!first) throw new Error('Name the backup file to restore: restore <file>.');
    if (url) {
      const { migrations } = await restorePostgres(url, first, { force: args.includes('--force') });
      console.log(`Restored ${first} into the PostgreSQL database.${applied(migrations)}`);
    } else {
      const { migrations, kept } = await restoreEmbedded(config.DATA_DIR, first);
      console.log(`Restored ${first} into ${path.resolve(config.DATA_DIR)}.${applied(migrations)}`);
      if (kept) console.log(`The files it replaced are kept in ${kept} (delete them when you no longer need them).`);
    }
    return;
  }
  const target = first ?? url;
  if (!target) throw new Error('Name the PostgreSQL database to move to: move-to-postgres postgres://user@host/db.');
  const { tables } = await moveToPostgres(config.DATA_DIR, target);
  const rows = tables.reduce((n, t) => n + t.rows, 0);
  console.log(`Moved ${rows} rows in ${tables.length} tables from ${path.resolve(config.DATA_DIR)} to PostgreSQL.`);
  console.log(
    'Start the server with DATABASE_URL set to that database; keep the data folder as a fallback until you are sure.',
  );
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const applied = (migrations: string[]) => (migrations.length ? ` Brought up to date: ${migrations.join(', ')}.` : '');
