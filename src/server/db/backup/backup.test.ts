import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { fixedClock, type AppContext } from '../../context.js';
import { inProject } from '../../paths.js';
import { seedDemo } from '../../seed/demo.js';
import { DEMO_PASSWORD } from '../../seed/organisation.js';
import { connect, type DbHandle } from '../connection.js';
import { migrateToLatest } from '../migrate.js';
import { serveControlSocket, type ControlSocket } from './control-socket.js';

/**
 * Backup, restore and the move to PostgreSQL, each through the CLI in a process of its own, as
 * an IT department runs them: the review reports, the issued snapshots and the audit
 * verification must come out the same from every copy. The PostgreSQL half runs when
 * DATABASE_URL names a server (CI's second pass).
 */
const TODAY = '2026-12-02';
const REVIEW = '/api/reports/review?period=quarter&year=2026&index=3&asOf=2026-10-20';
const REVIEW_BY_FIELD = `${REVIEW}&groupBy=field&basis=due`;
const baseUrl = process.env.DATABASE_URL;

interface Running {
  handle: DbHandle;
  app: FastifyInstance;
  close(): Promise<void>;
}

async function open(options: { dataDir?: string; databaseUrl?: string }): Promise<Running> {
  const handle = await connect(options);
  const ctx: AppContext = {
    db: handle.db,
    preparedDb: handle.preparedDb,
    dbKind: handle.kind,
    listen: handle.listen,
    poolUse: handle.poolUse,
    config: loadConfig({ LOG_LEVEL: 'silent', ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}) }),
    clock: fixedClock(TODAY),
  };
  await migrateToLatest(handle.db);
  const app = await buildApp(ctx, { webRoot: '/nonexistent' });
  return {
    handle,
    app,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

/** The CLI (src/server/main.ts) in a child process; an empty value removes a variable. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const merged = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== ''));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', inProject('src/server/main.ts'), ...args], {
      env: merged,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('backup, restore and move', () => {
  let dir: string;
  let original: Running;
  let control: ControlSocket;
  const cookies: Record<string, string> = {};
  let expected: Awaited<ReturnType<typeof capture>>;
  const dataDir = () => path.join(dir, 'data');

  const get = async (app: FastifyInstance, user: string, url: string) => {
    const res = await app.inject({ url, cookies: { nv_session: cookies[user]! } });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json() as unknown;
  };

  /** What must come out the same from every copy (read with the sessions the backup carried over). */
  async function capture(app: FastifyInstance) {
    const snapshots = ((await get(app, 'chuyenvien', '/api/reports')) as { items: { id: number }[] }).items;
    return {
      review: await get(app, 'chuyenvien', REVIEW),
      reviewByField: await get(app, 'chuyenvien', REVIEW_BY_FIELD),
      snapshots,
      issued: await Promise.all(snapshots.map((s) => get(app, 'chuyenvien', `/api/reports/${s.id}`))),
      audit: await get(app, 'admin', '/api/audit/verify'),
    };
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-backup-'));
    original = await open({ dataDir: dataDir() });
    await seedDemo({ ...original, ...ctxOf(original) }, { historyTasks: 200 });
    for (const username of ['chuyenvien', 'admin']) {
      const res = await original.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: DEMO_PASSWORD },
      });
      cookies[username] = res.cookies.find((c) => c.name === 'nv_session')!.value;
      cookies[`${username}.csrf`] = res.json().csrfToken as string;
    }
    const issued = await issue(original.app, 'Báo cáo kiểm điểm quý III/2026');
    expect(issued.statusCode, issued.body).toBe(201);
    // The embedded database is in use by this process: backups go through it, as with a running server.
    control = await serveControlSocket(dataDir(), original.handle.dumpDataDir!);
    expected = await capture(original.app);
    expect(expected.snapshots).toHaveLength(1);
    expect(expected.audit).toMatchObject({ ok: true });
    expect((expected.audit as { rows: number }).rows).toBeGreaterThan(0);
  }, 180_000);

  afterAll(async () => {
    await control?.close();
    await original?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function ctxOf(r: Running): AppContext {
    return {
      db: r.handle.db,
      preparedDb: r.handle.preparedDb,
      dbKind: r.handle.kind,
      listen: r.handle.listen,
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      clock: fixedClock(TODAY),
    };
  }

  const issue = (app: FastifyInstance, title: string) =>
    app.inject({
      method: 'POST',
      url: '/api/reports',
      cookies: { nv_session: cookies.chuyenvien! },
      headers: { 'x-csrf-token': cookies['chuyenvien.csrf']! },
      payload: { period: 'quarter', year: 2026, index: 3, asOf: '2026-10-20', title },
    });

  const backupFile = () => path.join(dir, 'backups', 'embedded.tar.gz');

  it('backs up the embedded database while the server runs, through the server', async () => {
    const [backup, served] = await Promise.all([
      cli(['backup', backupFile()], { DATA_DIR: dataDir(), DATABASE_URL: '' }),
      // The server keeps answering meanwhile.
      Promise.all([1, 2, 3].map(() => get(original.app, 'chuyenvien', REVIEW))),
    ]);
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/taken by the running server \(process \d+\)/);
    expect(served).toHaveLength(3);
    expect(fs.statSync(backupFile()).size).toBeGreaterThan(100_000);
    expect(fs.existsSync(`${backupFile()}.partial`)).toBe(false);
    // Written after the backup: not in it.
    expect((await issue(original.app, 'Báo cáo lập sau bản sao lưu')).statusCode).toBe(201);
  }, 120_000);

  it('refuses to restore over a database in use, or from a file that is no backup', async () => {
    const busy = await cli(['restore', backupFile()], { DATA_DIR: dataDir(), DATABASE_URL: '' });
    expect(busy.code).toBe(1);
    expect(busy.output).toMatch(/is using .* stop it first/);
    const junk = path.join(dir, 'junk.tar.gz');
    fs.writeFileSync(junk, Buffer.from([0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8]));
    const damaged = await cli(['restore', junk], { DATA_DIR: path.join(dir, 'other'), DATABASE_URL: '' });
    expect(damaged.code).toBe(1);
    expect(damaged.output).toMatch(/cannot be opened as a database/);
    expect(fs.existsSync(path.join(dir, 'other', 'pglite'))).toBe(false);
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'not a backup');
    expect((await cli(['restore', text], { DATA_DIR: path.join(dir, 'other'), DATABASE_URL: '' })).output).toMatch(
      /is not a backup of Nhiệm vụ/,
    );
  }, 120_000);

  it('restores the embedded backup with the same reports, snapshots and audit verification', async () => {
    const restoredDir = path.join(dir, 'restored');
    const restore = await cli(['restore', backupFile()], { DATA_DIR: restoredDir, DATABASE_URL: '' });
    expect(restore.code, restore.output).toBe(0);
    const restored = await open({ dataDir: restoredDir });
    try {
      expect(await capture(restored.app)).toEqual(expected);
    } finally {
      await restored.close();
    }
  }, 120_000);

  describe.runIf(baseUrl)('on PostgreSQL', () => {
    const created: string[] = [];
    const database = async () => {
      const name = `nv_backup_${randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ connectionString: baseUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      created.push(name);
      const url = new URL(baseUrl!);
      url.pathname = `/${name}`;
      return url.toString();
    };
    let movedUrl: string;

    afterAll(async () => {
      const admin = new pg.Client({ connectionString: baseUrl });
      await admin.connect();
      for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });

    it('moves the embedded installation into PostgreSQL with the same reports, snapshots and audit', async () => {
      movedUrl = await database();
      const move = await cli(['move-to-postgres', movedUrl], {
        DATA_DIR: path.join(dir, 'restored'),
        DATABASE_URL: '',
      });
      expect(move.code, move.output).toBe(0);
      expect(move.output).toMatch(/Moved \d+ rows in \d+ tables/);
      const moved = await open({ databaseUrl: movedUrl });
      try {
        expect(await capture(moved.app)).toEqual(expected);
        // New records continue the ids, and the copy refuses to be moved onto again.
        expect((await issue(moved.app, 'Báo cáo đầu tiên trên PostgreSQL')).statusCode).toBe(201);
        const again = await cli(['move-to-postgres', movedUrl], { DATA_DIR: path.join(dir, 'restored') });
        expect(again.code).toBe(1);
        expect(again.output).toMatch(/already holds an installation/);
      } finally {
        await moved.close();
      }
    }, 180_000);

    it('backs up PostgreSQL while the server runs and restores it with the same results', async () => {
      const moved = await open({ databaseUrl: movedUrl });
      const file = path.join(dir, 'backups', 'postgres.pgdump');
      try {
        const before = await capture(moved.app);
        const backup = await cli(['backup', file], { DATABASE_URL: movedUrl });
        expect(backup.code, backup.output).toBe(0);
        // A running app server keeps a restore away from its database.
        const refused = await cli(['restore', file], { DATABASE_URL: movedUrl });
        expect(refused.code).toBe(1);
        expect(refused.output).toMatch(/running app servers use this database/);

        const restoredUrl = await database();
        const restore = await cli(['restore', file], { DATABASE_URL: restoredUrl });
        expect(restore.code, restore.output).toBe(0);
        const restored = await open({ databaseUrl: restoredUrl });
        try {
          expect(await capture(restored.app)).toEqual(before);
        } finally {
          await restored.close();
        }
      } finally {
        await moved.close();
      }
    }, 180_000);
  });
});
