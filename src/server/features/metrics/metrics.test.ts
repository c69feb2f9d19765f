import { createServer } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import type { AppContext } from '../../context.js';
import { startScheduler } from '../../jobs/scheduler.js';
import { DEMO_PASSWORD } from '../../seed/organisation.js';
import { createTestDb, type TestDb } from '../../../../test/helpers/db.js';
import { insertOpenTasks } from '../reminders/fixtures.js';
import { createSmtpMailer, runDailyReminders } from '../reminders/service.js';
import { startSmtpSink, type SmtpSink } from '../reminders/smtp-sink.js';
import { createMetrics, type Metrics } from './service.js';

const TODAY = '2026-12-02';
const TOKEN = 'prometheus-scrape-token-0123';

/** The value of one sample in Prometheus' text format (`name{a="b",…} value`), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const has = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => has[k] === v)) return Number(m[3]);
  }
  return undefined;
}

/** A local port nobody listens on: an SMTP server that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('GET /metrics', () => {
  let t: TestDb;
  let ctx: AppContext;
  let metrics: Metrics;
  let app: FastifyInstance;
  let smtp: SmtpSink;

  beforeAll(async () => {
    t = await createTestDb({ today: TODAY });
    smtp = await startSmtpSink();
    ctx = {
      ...t,
      config: { ...t.config, METRICS_TOKEN: TOKEN, METRICS_ALLOW: ['10.1.0.0/16', '192.0.2.7'], SMTP_URL: smtp.url },
    };
    metrics = createMetrics(ctx);
    app = await buildApp(ctx, { metrics });
  });

  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await t?.close();
  });

  const scrape = async () => {
    const res = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    return res.body;
  };

  it('is off until a token or an allow-list is configured', async () => {
    const off = await buildApp({ ...t, config: { ...t.config, METRICS_TOKEN: undefined, METRICS_ALLOW: [] } });
    const res = await off.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
    await off.close();
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message.en).toMatch(/METRICS_TOKEN/);
  });

  it('answers the token or an allowed address, and no one else', async () => {
    const ask = (remoteAddress: string, headers: Record<string, string> = {}) =>
      app.inject({ url: '/metrics', remoteAddress, headers });
    expect((await ask('203.0.113.9')).statusCode).toBe(403);
    expect((await ask('203.0.113.9', { authorization: 'Bearer wrong-token-wrong-token' })).statusCode).toBe(403);
    expect((await ask('203.0.113.9', { authorization: `Bearer ${TOKEN}` })).statusCode).toBe(200);
    expect((await ask('10.1.200.3')).statusCode).toBe(200);
    expect((await ask('192.0.2.7')).statusCode).toBe(200);
    expect((await ask('192.0.2.8')).statusCode).toBe(403);
    expect((await ask('10.2.0.1')).statusCode).toBe(403);
    // Through a proxy nobody said to trust, the address is the proxy's, not the caller's.
    expect((await ask('10.1.0.5', { 'x-forwarded-for': '203.0.113.9' })).statusCode).toBe(403);
    const refused = await ask('203.0.113.9');
    expect(refused.json().error.message.vi).toMatch(/giám sát/);
    const ok = await ask('10.1.200.3');
    expect(ok.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('measures request durations by route pattern, and the connection pool', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'chuyenvien', password: DEMO_PASSWORD },
    });
    const cookie = login.cookies.find((c) => c.name === 'nv_session')!.value;
    for (const id of [1, 2, 3]) await app.inject({ url: `/api/tasks/${id}`, cookies: { nv_session: cookie } });
    await app.inject({ url: '/api/no-such-route' });
    const text = await scrape();
    const count = (route: string, status: string) =>
      sample(text, 'nhiemvu_http_request_duration_seconds_count', { route, method: 'GET', status_code: status });
    expect(count('/api/tasks/:id', '404')).toBe(3);
    expect(count('unmatched', '404')).toBe(1);
    expect(
      sample(text, 'nhiemvu_http_request_duration_seconds_count', { route: '/api/auth/login', status_code: '200' }),
    ).toBe(1);
    expect(text).not.toContain('/api/tasks/1');
    const idle = sample(text, 'nhiemvu_db_pool_connections', { pool: 'main', state: 'idle' });
    const inUse = sample(text, 'nhiemvu_db_pool_connections', { pool: 'main', state: 'in_use' });
    expect(idle).toBeGreaterThanOrEqual(0);
    expect(inUse).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'nhiemvu_db_pool_connections', { pool: 'main', state: 'waiting' })).toBe(0);
    expect(sample(text, 'nhiemvu_db_pool_max_connections', { pool: 'main' })).toBe(t.dbKind === 'pglite' ? 1 : 4);
    expect(sample(text, 'nhiemvu_database_up')).toBe(1);
  });

  it('shows the mail outbox, the oldest unsent reminder, and the job runs and failures', async () => {
    await insertOpenTasks(t.db, {
      count: 2,
      leadUnitId: t.org.unitIds.get('Q.BADINH')!,
      assignerUnitId: t.org.unitIds.get('UBND')!,
      assignedOn: '2026-10-01',
      deadline: TODAY,
    });
    const run = await runDailyReminders(ctx, { owner: 'metrics-test' });
    expect(run.ran).toBe(true);
    // The reminders were written two hours ago and their mails are still waiting.
    await sql`update mail_outbox set created_at = now() - interval '2 hours'`.execute(t.db);
    let text = await scrape();
    const queued = sample(text, 'nhiemvu_mail_outbox_messages', { state: 'pending' })!;
    expect(queued).toBeGreaterThan(0);
    expect(sample(text, 'nhiemvu_oldest_unsent_reminder_age_seconds')).toBeGreaterThanOrEqual(7200);
    expect(sample(text, 'nhiemvu_oldest_unsent_reminder_age_seconds')).toBeLessThan(7300);
    const finished = sample(text, 'nhiemvu_job_last_finished_timestamp_seconds', { job: 'reminders' })!;
    expect(Math.abs(finished - Date.now() / 1000)).toBeLessThan(60);

    // The SMTP server is down: the mail job fails and the mails wait to be retried.
    const down = startScheduler(ctx, {
      mailCron: '* * * * * *',
      dailyCheckCron: '0 0 0 1 1 *',
      compactCron: '0 0 0 1 1 *',
      mailer: createSmtpMailer({ SMTP_URL: `smtp://127.0.0.1:${await closedPort()}`, MAIL_FROM: ctx.config.MAIL_FROM }),
      delivery: { backoffBaseMs: 10, backoffMaxMs: 10 },
      onJob: metrics.jobDone,
    });
    await until(
      async () =>
        (sample(await scrape(), 'nhiemvu_job_runs_total', { job: 'mail_delivery', outcome: 'failed' }) ?? 0) > 0,
      'a failed mail run',
    );
    await down.stop();
    text = await scrape();
    expect(sample(text, 'nhiemvu_mail_outbox_messages', { state: 'retrying' })).toBe(queued);
    expect(sample(text, 'nhiemvu_job_duration_seconds_count', { job: 'mail_delivery' })).toBeGreaterThan(0);

    // It is back: the mails go out, the outbox empties.
    const up = startScheduler(ctx, {
      mailCron: '* * * * * *',
      dailyCheckCron: '0 0 0 1 1 *',
      compactCron: '0 0 0 1 1 *',
      onJob: metrics.jobDone,
    });
    await until(async () => {
      const now = await scrape();
      const waiting = ['pending', 'sending'].map((state) => sample(now, 'nhiemvu_mail_outbox_messages', { state }));
      return waiting.every((n) => n === 0);
    }, 'the mails sent');
    await up.stop();
    text = await scrape();
    expect(smtp.received.length).toBe(queued);
    expect(sample(text, 'nhiemvu_job_runs_total', { job: 'mail_delivery', outcome: 'done' })).toBeGreaterThan(0);
    expect(sample(text, 'nhiemvu_oldest_unsent_reminder_age_seconds')).toBe(0);
  }, 120_000);
});
