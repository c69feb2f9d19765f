/**
 * The database goes away and comes back: an app server (its own process) on a PostgreSQL
 * cluster of this test's own, under a steady load of writes and reads, while the cluster is
 * stopped fast, stopped immediately and killed. The server stays up, answers 503 with a
 * message in both languages, reports not-ready (while alive), serves again by itself, and
 * every acknowledged write is there afterwards, whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../src/server/db/connection.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { seedOrganisation } from '../src/server/seed/organisation.js';
import { loginOver, startAppProcess, type AppProcess, type HttpSession } from './helpers/app-process.js';
import { createPgCluster, freePort, postgresBin, type PgCluster } from './helpers/pg-cluster.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!postgresBin())('the database goes away and comes back', () => {
  let cluster: PgCluster;
  let app: AppProcess;
  let officer: HttpSession;
  let issuerUnitId: number;
  let leadUnitId: number;

  beforeAll(async () => {
    cluster = await createPgCluster();
    cluster.createDatabase('nv');
    const handle = await connect({ databaseUrl: cluster.url('nv'), poolSize: 2 });
    await migrateToLatest(handle.db);
    const org = await seedOrganisation(handle.db);
    await handle.close();
    issuerUnitId = org.unitIds.get('UBND')!;
    leadUnitId = org.unitIds.get('SNV')!;
    app = await startAppProcess({ DATABASE_URL: cluster.url('nv') }, await freePort());
    officer = await loginOver(app.url, 'chuyenvien');
  }, 180_000);

  afterAll(async () => {
    if (app && !app.alive()) console.error(app.output().slice(-3000));
    await app?.stop('SIGKILL');
    cluster?.destroy();
  });

  let serial = 0;
  const register = () => {
    const n = ++serial;
    return officer.request('POST', '/api/documents', {
      numberSymbol: `${n}/KH-UBND`,
      kind: 'Kế hoạch',
      issuerUnitId,
      issuedOn: '2026-03-02',
      summary: `Kế hoạch số ${n}`,
      tasks: [1, 2].map((k) => ({
        content: `Nhiệm vụ ${k} của kế hoạch ${n}`,
        leadUnitId,
        deadline: { kind: 'none' },
      })),
    });
  };
  const ready = async () => (await fetch(`${app.url}/api/health/ready`)).status === 200;

  it('stays up, answers 503 and not-ready while it is away, serves again by itself, loses no acknowledged write', async () => {
    const acknowledged = new Map<number, string>();
    const statuses = new Map<number, number>();
    let unexpected: string | null = null;
    let loading = true;
    const worker = async () => {
      while (loading) {
        try {
          const write = await register();
          statuses.set(write.status, (statuses.get(write.status) ?? 0) + 1);
          if (write.status === 201) acknowledged.set(write.body.id, write.body.numberSymbol);
          else if (write.status !== 503) unexpected ??= `write ${write.status} ${JSON.stringify(write.body)}`;
          const read = await officer.request('GET', '/api/tasks?limit=20');
          statuses.set(read.status, (statuses.get(read.status) ?? 0) + 1);
          if (read.status !== 200 && read.status !== 503) unexpected ??= `read ${read.status}`;
        } catch (err) {
          unexpected ??= `no answer: ${String(err)}`; // the server closed the connection: it died
        }
        await sleep(20);
      }
    };
    const workers = Array.from({ length: 6 }, worker);
    const outages: { mode: string; backAfterMs: number }[] = [];
    for (const mode of ['fast', 'immediate', 'kill'] as const) {
      await sleep(1_500);
      if (mode === 'kill') await cluster.kill();
      else cluster.stop(mode);

      // Away: alive, not ready, a 503 that says why in both languages.
      await sleep(1_000);
      expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
      const readiness = await fetch(`${app.url}/api/health/ready`);
      expect(readiness.status).toBe(503);
      expect(((await readiness.json()) as { ready: boolean }).ready).toBe(false);
      const refused = await register();
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(refused.body.error.code).toBe('database_unavailable');
      expect(refused.body.error.message.vi).toMatch(/Cơ sở dữ liệu/);
      expect(refused.body.error.message.en).toMatch(/database/);

      cluster.start();
      const back = Date.now();
      while (!(await ready())) {
        expect(Date.now() - back, `ready again after ${mode}`).toBeLessThan(15_000);
        await sleep(100);
      }
      // Serving again: the writes of the logged-in session go through (its session was kept).
      let write = await register();
      while (write.status === 503 && Date.now() - back < 15_000) {
        await sleep(200);
        write = await register();
      }
      expect(write.status, JSON.stringify(write.body)).toBe(201);
      acknowledged.set(write.body.id, write.body.numberSymbol);
      outages.push({ mode, backAfterMs: Date.now() - back });
    }
    await sleep(1_000);
    loading = false;
    await Promise.all(workers);

    expect(unexpected).toBeNull();
    expect(app.alive(), app.output()).toBe(true);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(201) ?? 0).toBeGreaterThan(10);
    for (const o of outages) expect(o.backAfterMs).toBeLessThan(15_000);

    // Every acknowledged document is there, with both its tasks; no document is there half.
    const handle = await connect({ databaseUrl: cluster.url('nv'), poolSize: 1 });
    try {
      const docs = await handle.db
        .selectFrom('documents as d')
        .leftJoin('tasks as t', 't.document_id', 'd.id')
        .select(['d.id', 'd.number_symbol', (eb) => eb.fn.count<number>('t.id').as('tasks')])
        .groupBy(['d.id', 'd.number_symbol'])
        .execute();
      const stored = new Map(docs.map((d) => [d.id, d]));
      for (const [id, numberSymbol] of acknowledged) expect(stored.get(id)?.number_symbol).toBe(numberSymbol);
      for (const d of docs) expect(d.tasks, d.number_symbol).toBe(2);
    } finally {
      await handle.close();
    }
  }, 180_000);
});
