import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createServerLog } from './logging.js';
import { createTestDb, type TestDb } from '../../test/helpers/db.js';
import { DEMO_PASSWORD } from './seed/organisation.js';

const linesOf = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the server log', () => {
  let t: TestDb;
  let dir: string;

  beforeAll(async () => {
    t = await createTestDb();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-log-'));
  });

  afterAll(async () => {
    await t?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function appLoggingTo(env: Record<string, string>) {
    const config = loadConfig({ ...env });
    const log = createServerLog(config);
    const app = await buildApp(
      { ...t, config: { ...t.config, LOG_REQUESTS: config.LOG_REQUESTS } },
      { logger: log.logger },
    );
    return { app, log };
  }

  it('writes one JSON line per request to the configured file, naming the route, not the URL', async () => {
    const file = path.join(dir, 'requests', 'server.log');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const stdout = vi.spyOn(process.stdout, 'write');
    try {
      const { app } = await appLoggingTo({ LOG_FILE: file });
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'chuyenvien', password: DEMO_PASSWORD },
      });
      expect(login.statusCode).toBe(200);
      const userId = login.json().user.id as number;
      const cookie = login.cookies.find((c) => c.name === 'nv_session')!.value;
      await app.inject({ url: '/api/tasks/999999?secret=abc', cookies: { nv_session: cookie } });
      await app.inject({ url: '/api/calendar-feeds/sometoken123.ics' });
      await app.inject({ url: '/api/no-such-thing?q=x' });
      await app.close();

      const requests = linesOf(file).filter((l) => l.msg === 'request');
      expect(requests).toHaveLength(4);
      expect(requests[0]).toMatchObject({
        method: 'POST',
        route: '/api/auth/login',
        status: 200,
        user: null,
        level: 30,
      });
      expect(requests[1]).toMatchObject({ route: '/api/tasks/:id', status: 404, user: userId });
      expect(typeof requests[1]!.ms).toBe('number');
      expect(typeof requests[1]!.time).toBe('string');
      expect(requests[2]).toMatchObject({ route: '/api/calendar-feeds/:file' });
      expect(requests[3]).toMatchObject({ route: null, path: '/api/no-such-thing', status: 404 });
      const text = fs.readFileSync(file, 'utf8');
      for (const secret of ['secret=abc', 'sometoken123', 'q=x', DEMO_PASSWORD]) expect(text).not.toContain(secret);
      // Nothing of it on the console: only warnings and errors go there.
      expect(stdout).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stderr.mockRestore();
      stdout.mockRestore();
    }
  });

  it('also puts warnings and errors on the console, in one readable line', async () => {
    const file = path.join(dir, 'warn.log');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const { logger } = createServerLog(loadConfig({ LOG_FILE: file }));
      logger.info('routine');
      logger.error({ err: new Error('disk full') }, 'backup failed');
      const printed = stderr.mock.calls.map((c) => String(c[0]));
      expect(printed).toHaveLength(1);
      expect(printed[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+ ERROR backup failed: disk full\n$/);
      expect(linesOf(file).map((l) => l.msg)).toEqual(['routine', 'backup failed']);
    } finally {
      stderr.mockRestore();
    }
  });

  it('keeps to its level, can leave requests out, and reopens its file after rotation', async () => {
    const file = path.join(dir, 'rotated.log');
    const quiet = await appLoggingTo({ LOG_FILE: file, LOG_LEVEL: 'warn' });
    await quiet.app.inject({ url: '/api/health' });
    await quiet.app.close();
    const off = await appLoggingTo({ LOG_FILE: file, LOG_REQUESTS: 'false' });
    await off.app.inject({ url: '/api/health' });
    await off.app.close();
    expect(fs.existsSync(file) ? linesOf(file) : []).toEqual([]);

    const { logger, reopen } = createServerLog(loadConfig({ LOG_FILE: file }));
    logger.info('before');
    fs.renameSync(file, `${file}.1`);
    reopen();
    logger.info('after');
    expect(linesOf(`${file}.1`).map((l) => l.msg)).toEqual(['before']);
    expect(linesOf(file).map((l) => l.msg)).toEqual(['after']);
  });

  it('refuses a level it does not know', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ LOG_REQUESTS: 'sometimes' })).toThrow(/LOG_REQUESTS/);
  });
});
