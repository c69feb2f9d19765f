import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import { connect, embeddedHolder } from '../connection.js';
import { migrateToLatest } from '../migrate.js';
import { requestBackup } from './control-socket.js';
import { backupKind, writeWhole } from './files.js';

/**
 * Backup of the embedded database (PGlite's own dump of its folder: a gzipped tarball). With
 * the server running, the server takes it (control-socket.ts); without, this process opens
 * the folder itself. Either way it is taken between transactions, after a checkpoint.
 */
export async function backupEmbedded(dataDir: string, file: string): Promise<{ via: string; bytes: number }> {
  const holder = embeddedHolder(dataDir);
  if (holder) {
    const { size, content } = await requestBackup(dataDir);
    const bytes = await writeWhole(file, content);
    if (bytes !== size) throw new Error(`The backup is incomplete (${bytes} of ${size} bytes): try again.`);
    return { via: `the running server (process ${holder})`, bytes };
  }
  if (!fs.existsSync(path.join(dataDir, 'pglite')))
    throw new Error(`There is no embedded database in ${path.resolve(dataDir)}.`);
  const handle = await connect({ dataDir });
  try {
    const blob = await handle.dumpDataDir!();
    return {
      via: 'the data folder',
      bytes: await writeWhole(file, Readable.from(Buffer.from(await blob.arrayBuffer()))),
    };
  } finally {
    await handle.close();
  }
}

/**
 * Puts a backup in place of the embedded database, with the server stopped. The backup is
 * opened in memory first, so a damaged file never replaces anything; the files it replaces are
 * kept beside it (`pglite.before-restore-…`). An older backup is brought up to this version's
 * schema by the migrations.
 */
export async function restoreEmbedded(dataDir: string, file: string): Promise<{ migrations: string[]; kept?: string }> {
  if (backupKind(file) !== 'embedded')
    throw new Error(`${file} is a PostgreSQL backup: restore it with DATABASE_URL set to the target database.`);
  const holder = embeddedHolder(dataDir);
  if (holder) throw new Error(`The server (process ${holder}) is using ${path.resolve(dataDir)}: stop it first.`);
  const dump = new Blob([fs.readFileSync(file)]);
  await tryOpening(dump, file);
  const before = new Set(fs.existsSync(dataDir) ? fs.readdirSync(dataDir) : []);
  const handle = await connect({ dataDir, restoreFrom: dump });
  try {
    const migrations = await migrateToLatest(handle.db);
    const kept = fs.readdirSync(dataDir).find((f) => f.startsWith('pglite.before-restore-') && !before.has(f));
    return { migrations, ...(kept ? { kept: path.join(dataDir, kept) } : {}) };
  } finally {
    await handle.close();
  }
}

async function tryOpening(dump: Blob, file: string): Promise<void> {
  let trial: PGlite | null = null;
  try {
    trial = new PGlite({ loadDataDir: dump });
    await trial.waitReady;
    await trial.query('select count(*) from units');
  } catch (err) {
    throw new Error(`${file} cannot be opened as a database: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  } finally {
    await trial?.close().catch(() => {});
  }
}
