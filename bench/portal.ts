/**
 * `npm run bench:portal`: the public portal under 64 concurrent clients.
 *
 * A real server on a random port over a demo database with a larger history (BENCH_TASKS,
 * default 20,000 tasks; PGlite, or PostgreSQL when DATABASE_URL is set), 40 published
 * conclusions with their recommendation tasks and 300 published answers. autocannon runs in a
 * worker thread (so the load generator does not share the server's event loop) and every
 * response time is kept, for an exact p95. After a 10 s warm-up (not counted), each page is
 * measured alone, then all of them mixed; the first, cold hit of each page is timed apart.
 * Target: p95 < 100 ms and no error or non-2xx answer.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { buildApp } from '../src/server/app.js';
import { seedDemo } from '../src/server/seed/demo.js';
import { DEMO_PASSWORD } from '../src/server/seed/organisation.js';
import { foldForSearch } from '../src/server/domain/text.js';
import { createTestDb } from '../test/helpers/db.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const TASKS = Number(process.env.BENCH_TASKS ?? 20_000);
const TARGET_P95_MS = 100;

interface RunResult {
  latencies: number[];
  errors: number;
  timeouts: number;
  non2xx: number;
  seconds: number;
}

// autocannon in a worker thread, written as CommonJS so it needs no TypeScript loader.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const autocannon = require('autocannon');
const latencies = [];
const instance = autocannon({ url: workerData.base, connections: workerData.connections, duration: workerData.seconds, requests: workerData.paths.map((path) => ({ method: 'GET', path })), timeout: 30 });
instance.on('response', (_c, _s, _b, ms) => latencies.push(ms));
instance.then((r) => parentPort.postMessage({ latencies, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, seconds: r.duration || workerData.seconds }));
`;

function cannon(base: string, paths: string[], seconds: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { base, paths, seconds, connections: CONNECTIONS } });
    worker.once('message', (m: RunResult) => resolve(m));
    worker.once('error', reject);
  });
}

const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN;

function summary(name: string, r: RunResult) {
  const s = [...r.latencies].sort((a, b) => a - b);
  const ms = (x: number) => Math.round(x * 10) / 10;
  return {
    page: name,
    requests: s.length,
    rps: Math.round(s.length / r.seconds),
    p50: ms(quantile(s, 0.5)),
    p95: ms(quantile(s, 0.95)),
    p99: ms(quantile(s, 0.99)),
    max: ms(s[s.length - 1] ?? NaN),
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

async function main() {
  const started = Date.now();
  const t = await createTestDb({ seed: false });
  console.log(`seeding ${TASKS} tasks on ${t.dbKind}…`);
  await seedDemo(t, { historyTasks: TASKS });
  const app = await buildApp(t, { webRoot: '/nonexistent' });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const conclusionIds = await publishConclusions(base, t);
  await publishAnswers(t);
  console.log(
    `ready in ${((Date.now() - started) / 1000).toFixed(1)} s; ${conclusionIds.length} published conclusions`,
  );

  const units = await t.db
    .selectFrom('units')
    .select('id')
    .where('kind', 'in', ['department', 'district'])
    .orderBy('id')
    .limit(12)
    .execute();
  const pages: Record<string, string[]> = {
    home: ['/portal'],
    conclusions: ['/portal/conclusions', '/portal/conclusions?page=1'],
    conclusion: conclusionIds.slice(0, 20).map((id) => `/portal/conclusions/${id}`),
    units: ['/portal/units', '/portal/units?period=2026-Q3', '/portal/units?period=2025'],
    unit: units.map((u) => `/portal/units/${u.id}`),
    answers: ['/portal/answers', '/portal/answers?page=1'],
    search: [
      '/portal/search?q=ba%20dinh',
      '/portal/search?q=ho%20so%20dat%20dai',
      `/portal/search?q=${encodeURIComponent('tồn đọng')}`,
    ],
    method: ['/portal/method'],
    feedback: ['/portal/feedback'],
  };
  // First hits, cold: they fill the per-day caches.
  const cold: Record<string, number> = {};
  for (const [name, paths] of Object.entries(pages)) {
    const t0 = performance.now();
    const res = await fetch(base + paths[0]);
    await res.text();
    cold[name] = Math.round(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${paths[0]}: ${res.status}`);
  }
  // Warm-up (not counted): JIT and the page caches reach their steady state after the seeding.
  await cannon(base, Object.values(pages).flat(), 10);
  const loadBefore = os.loadavg()[0]!.toFixed(1);
  const rows = [];
  for (const [name, paths] of Object.entries(pages))
    rows.push(summary(name, await cannon(base, paths, Math.max(3, Math.round(SECONDS / 2)))));
  rows.push(summary('mixed (all pages)', await cannon(base, Object.values(pages).flat(), SECONDS * 2)));

  console.log(
    `\n${CONNECTIONS} connections, ${t.dbKind}, ${TASKS} tasks; latencies in ms; ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  console.log('| page | cold first hit | requests | req/s | p50 | p95 | p99 | max | errors | non-2xx |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows)
    console.log(
      `| ${r.page} | ${cold[r.page] ?? ''} | ${r.requests} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} | ${r.errors} | ${r.non2xx} |`,
    );
  const failed = rows.filter((r) => !(r.p95 < TARGET_P95_MS) || r.errors > 0 || r.non2xx > 0);
  console.log(`load average (1 min) before the runs: ${loadBefore}`);
  console.log(
    failed.length
      ? `\nFAIL: ${failed.map((r) => r.page).join(', ')}`
      : `\nOK: every p95 < ${TARGET_P95_MS} ms, no errors`,
  );
  await app.close();
  await t.close();
  process.exit(failed.length ? 1 : 0);
}

/** 40 units inspected, concluded with two recommendations each, and published, through the API. */
async function publishConclusions(base: string, t: Awaited<ReturnType<typeof createTestDb>>): Promise<number[]> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'thanhtra.snv', password: DEMO_PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('nv_session='))!;
  const { csrfToken, user } = (await login.json()) as { csrfToken: string; user: { id: number } };
  const call = async (method: string, path: string, body: unknown) => {
    const r = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
    const json = await r.json();
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
    return json as { id: number; version: number; records: { id: number }[] };
  };
  const today = t.clock.today();
  const units = await t.db
    .selectFrom('units')
    .select('id')
    .where('kind', 'in', ['department', 'district'])
    .orderBy('id')
    .limit(40)
    .execute();
  const plan = await call('POST', '/api/inspections/plans', {
    kind: 'ad_hoc',
    title: 'Kiểm tra công vụ đột xuất',
    periodFrom: '2025-01-01',
    periodTo: today,
    startsOn: today,
    endsOn: today,
    leaderUserId: user.id,
    units: units.map((u) => ({ unitId: u.id })),
  });
  const ids: number[] = [];
  for (const [i, rec] of plan.records.entries()) {
    let r = await call('PUT', `/api/inspections/${rec.id}`, {
      version: 1,
      inspectedOn: today,
      findings: 'Còn nhiều nhiệm vụ tồn đọng quá hạn.\nBộ phận một cửa trả hồ sơ đất đai trễ hạn.',
      conclusion: 'Đơn vị chưa chấp hành nghiêm kỷ luật, kỷ cương hành chính trong thực hiện nhiệm vụ được giao.',
      recommendations: [
        { content: 'Rà soát, hoàn thành các nhiệm vụ tồn đọng quá hạn', deadline: today },
        {
          content: 'Chấn chỉnh bộ phận một cửa, giải quyết hồ sơ đất đai quá hạn',
          deadline: today,
          fieldCode: 'dat_dai',
        },
      ],
    });
    r = await call('POST', `/api/inspections/${rec.id}/conclude`, {
      version: r.version,
      conclusionNumber: `${i + 1}/KL-SNV-BENCH`,
      concludedOn: today,
    });
    await call('POST', `/api/inspections/${rec.id}/publish`, { version: r.version });
    ids.push(rec.id);
  }
  return ids;
}

/** 300 answered and published questions, inserted directly (their path is tested elsewhere). */
async function publishAnswers(t: Awaited<ReturnType<typeof createTestDb>>): Promise<void> {
  const now = new Date();
  const rows = Array.from({ length: 300 }, (_, i) => {
    const title = `Hỏi về tiến độ giải quyết hồ sơ số ${i + 1}`;
    const content = 'Hồ sơ đất đai của gia đình tôi nộp tại bộ phận một cửa đã quá hạn, đề nghị cho biết tiến độ.';
    return {
      name: `Người dân ${i + 1}`,
      title,
      content,
      search_text: foldForSearch(`${title} ${content}`),
      status: 'answered' as const,
      answer: 'Văn phòng UBND Thành phố đã chuyển đơn vị giải quyết và yêu cầu báo cáo kết quả.',
      answered_at: now,
      answer_published_at: now,
    };
  });
  await t.db.insertInto('portal_feedback').values(rows).execute();
}

await main();
