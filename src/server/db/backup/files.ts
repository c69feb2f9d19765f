import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Writes a backup under a temporary name and renames it at the end: a file there is whole. */
export async function writeWhole(file: string, content: Readable): Promise<number> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  try {
    await pipeline(content, fs.createWriteStream(partial, { mode: 0o600 }));
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return fs.statSync(file).size;
}

export type BackupKind = 'embedded' | 'postgres';

/** What a backup file holds, from its first bytes: PGlite's gzipped tarball or pg_dump's custom format. */
export function backupKind(file: string): BackupKind {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new Error(`There is no backup file at ${path.resolve(file)}.`);
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(5);
  try {
    fs.readSync(fd, head, 0, 5, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return 'embedded';
  if (head.toString('latin1') === 'PGDMP') return 'postgres';
  throw new Error(`${file} is not a backup of Nhiệm vụ (neither an embedded database dump nor a pg_dump archive).`);
}

/** `backups/nhiem-vu-2026-12-04T01-30-00.tar.gz` (or `.pgdump`), when no file is named. */
export function defaultBackupFile(kind: BackupKind, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  return path.join('backups', `nhiem-vu-${stamp}.${kind === 'embedded' ? 'tar.gz' : 'pgdump'}`);
}
