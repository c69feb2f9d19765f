/**
 * Two app servers (their own processes) behind a real HAProxy, on a PostgreSQL cluster of
 * this test's own: sessions and CSRF tokens work on either server, live notifications reach a
 * stream on one server when another process writes them (LISTEN/NOTIFY, within a second), the
 * login limit is one count for both, and the main journey goes on through the balancer after
 * one server is killed in the middle.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DbHandle } from '../src/server/db/connection.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { verifyAuditChain } from '../src/server/features/audit/service.js';
import { seedOrganisation, type Organisation } from '../src/server/seed/organisation.js';
import { loginOver, startAppProcess, type AppProcess } from './helpers/app-process.js';
import { createPgCluster, freePort, postgresBin, type PgCluster } from './helpers/pg-cluster.js';

const haproxy = ['/usr/sbin/haproxy', '/usr/bin/haproxy'].find((p) => fs.existsSync(p));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const today = () => new Date().toLocaleDateString('sv', { timeZone: 'Asia/Ho_Chi_Minh' });

describe.skipIf(!postgresBin() || !haproxy)('several app servers behind HAProxy', () => {
  let cluster: PgCluster;
  let db: DbHandle;
  let org: Organisation;
  const servers: AppProcess[] = [];
  let balancer: ChildProcess;
  let lb: string;
  let folder: string;

  beforeAll(async () => {
    cluster = await createPgCluster();
    cluster.createDatabase('nv');
    db = await connect({ databaseUrl: cluster.url('nv'), poolSize: 2 });
    await migrateToLatest(db.db);
    org = await seedOrganisation(db.db);
    const env = { DATABASE_URL: cluster.url('nv'), TRUST_PROXY: '127.0.0.1' };
    const ports = [await freePort(), await freePort()];
    servers.push(...(await Promise.all(ports.map((port) => startAppProcess(env, port)))));
    const lbPort = await freePort();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-lb-'));
    const config = path.join(folder, 'haproxy.cfg');
    fs.writeFileSync(
      config,
      `global
  maxconn 500
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  retries 3
  option redispatch
  retry-on conn-failure
  option forwardfor
frontend web
  bind 127.0.0.1:${lbPort}
  default_backend apps
backend apps
  balance roundrobin
  option httpchk GET /api/health/ready
  http-check expect status 200
  http-response set-header X-Served-By %[srv_name]
${ports.map((p, i) => `  server app${i + 1} 127.0.0.1:${p} check inter 300 fall 1 rise 2`).join('\n')}
`,
    );
    const check = spawnSync(haproxy!, ['-c', '-f', config], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    balancer = spawn(haproxy!, ['-db', '-f', config], { stdio: 'ignore' });
    lb = `http://127.0.0.1:${lbPort}`;
    for (let i = 0; ; i++) {
      const ok = await fetch(`${lb}/api/health/ready`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (i > 100) throw new Error('HAProxy did not start serving');
      await sleep(100);
    }
  }, 240_000);

  afterAll(async () => {
    balancer?.kill('SIGKILL');
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await db?.close();
    cluster?.destroy();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('keeps sessions, CSRF, live notifications and the login limit across servers; the journey survives a killed server', async () => {
    const officer = await loginOver(lb, 'chuyenvien');
    const clerk = await loginOver(lb, 'vanthu.badinh');

    // One session, answered by both servers in turn.
    const servedBy = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const me = await officer.request('GET', '/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.user.id).toBe(officer.userId);
      servedBy.add(me.headers.get('x-served-by')!);
    }
    expect([...servedBy].sort()).toEqual(['app1', 'app2']);
    // The CSRF token of the session is checked by either server; a write without it is refused by both.
    for (let i = 0; i < 2; i++) {
      const forged = await fetch(`${lb}/api/notifications/read-all`, { method: 'POST' });
      expect([401, 403]).toContain(forged.status);
      expect((await officer.request('POST', '/api/notifications/read-all', {})).status).toBe(200);
    }

    // Live notifications: a stream on app1 hears a notification written by another process within a second.
    const stream = await fetch(`${servers[0]!.url}/api/notifications/stream`, {
      headers: { cookie: await cookieOf('vanthu.badinh') },
    });
    const reader = stream.body!.getReader();
    const events: { at: number; text: string }[] = [];
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        events.push({ at: Date.now(), text: new TextDecoder().decode(value) });
      }
    })();
    await waitFor(() => events.some((e) => e.text.includes('"unreadCount":0')), 5_000);
    const written = Date.now();
    await db.db
      .insertInto('notifications')
      .values({ user_id: clerk.userId, kind: 'urged', on_date: today(), data: JSON.stringify({}) } as never)
      .execute();
    await waitFor(() => events.some((e) => e.text.includes('"unreadCount":1')), 5_000);
    const heardAfter = events.find((e) => e.text.includes('"unreadCount":1'))!.at - written;
    expect(heardAfter).toBeLessThan(1_000);
    await reader.cancel();

    // The main journey: registered, received, then app1 dies, then reported and confirmed.
    const doc = await officer.request('POST', '/api/documents', {
      numberSymbol: '99/KH-UBND',
      kind: 'Kế hoạch',
      issuerUnitId: org.unitIds.get('UBND'),
      issuedOn: today(),
      summary: 'Kế hoạch qua bộ cân bằng tải',
      tasks: [
        { content: 'Việc giao qua hai máy chủ', leadUnitId: org.unitIds.get('Q.BADINH'), deadline: { kind: 'none' } },
      ],
    });
    expect(doc.status, JSON.stringify(doc.body)).toBe(201);
    const taskId = doc.body.tasks[0].id as number;
    const version = async () => (await officer.request('GET', `/api/tasks/${taskId}`)).body.version as number;
    expect((await clerk.request('POST', `/api/tasks/${taskId}/receive`, { version: await version() })).status).toBe(
      200,
    );

    await servers[0]!.stop('SIGKILL');
    const afterKill: number[] = [];
    for (let i = 0; i < 6; i++) afterKill.push((await officer.request('GET', `/api/tasks/${taskId}`)).status);
    expect(afterKill).toEqual([200, 200, 200, 200, 200, 200]);
    const done = await clerk.request('POST', `/api/tasks/${taskId}/completion`, {
      version: await version(),
      note: 'Đã hoàn thành',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const confirmed = await officer.request('POST', `/api/tasks/${taskId}/confirm`, { version: await version() });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.state).toBe('completed');
    expect(confirmed.headers.get('x-served-by')).toBe('app2');

    // Failed logins from one address count once for all servers (the sixth is refused, whichever answers).
    const attempt = () =>
      fetch(`${lb}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
        body: JSON.stringify({ username: 'chuyenvien', password: 'wrong-password' }),
      }).then((r) => r.status);
    expect(servers[1]!.alive()).toBe(true);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await attempt());
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);

    // Both servers' sequencers ran on the same chain: it verifies.
    expect((await verifyAuditChain(db.db)).ok).toBe(true);

    // SIGTERM stops the last server gracefully even with a live stream open: it ends the stream and exits 0.
    const open = await fetch(`${servers[1]!.url}/api/notifications/stream`, {
      headers: { cookie: await cookieOf('vanthu.badinh') },
    });
    const streamed = open.body!.getReader();
    await streamed.read();
    const stopping = Date.now();
    expect(await servers[1]!.stop('SIGTERM')).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(20_000);
    expect((await streamed.read().catch(() => ({ done: true }))).done).toBe(true);
  }, 180_000);

  async function cookieOf(username: string): Promise<string> {
    const res = await fetch(`${lb}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'demo1234' }),
    });
    return res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .join('; ');
  }
});

async function waitFor(condition: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await sleep(20);
  }
}
