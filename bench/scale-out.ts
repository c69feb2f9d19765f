/**
 * Scale-out and import-under-load figures (docs/performance.md), on a PostgreSQL cluster of the
 * script's own (as the tests make one) and app servers in their own processes:
 *
 *   npx tsx bench/scale-out.ts servers [seconds=30] [clients=24]
 *     the mixed read/write load through HAProxy with 1 app server, then with 2, same data, same
 *     run: throughput and p95 of each.
 *   npx tsx bench/scale-out.ts import [seconds=20] [clients=16] [rows=10000]
 *     16 clients working on one server: their p95 before, then while one officer imports a
 *     file of 10,000 task rows (one transaction).
 *
 * Each client logs in (its own session) and loops: list tasks, open one, list documents, and
 * every fourth pass registers a document with two tasks. BENCH_HISTORY: demo history tasks
 * (20,000). Not run by the tests; long.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from '../src/server/db/connection.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { seedDemo } from '../src/server/seed/demo.js';
import { systemClock, type AppContext } from '../src/server/context.js';
import { loadConfig } from '../src/server/config.js';
import { loginOver, startAppProcess, type AppProcess, type HttpSession } from '../test/helpers/app-process.js';
import { createPgCluster, freePort } from '../test/helpers/pg-cluster.js';

const [mode = 'servers', secondsArg, clientsArg, rowsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? (mode === 'import' ? 20 : 30));
const clients = Number(clientsArg ?? (mode === 'import' ? 16 : 24));
const rows = Number(rowsArg ?? 10_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const today = new Date().toLocaleDateString('sv', { timeZone: 'Asia/Ho_Chi_Minh' });
const USERS = ['chuyenvien', 'lanhdao', 'vanthu.badinh', 'truongphong.badinh', 'vanthu.hoankiem', 'giamdoc.sxd'];

const cluster = await createPgCluster();
cluster.createDatabase('nv');
const url = cluster.url('nv');
const handle = await connect({ databaseUrl: url, poolSize: 4 });
await migrateToLatest(handle.db);
const ctx: AppContext = {
  db: handle.db,
  preparedDb: handle.preparedDb,
  dbKind: handle.kind,
  listen: handle.listen,
  poolUse: handle.poolUse,
  config: loadConfig({ ...process.env, DATABASE_URL: url }),
  clock: systemClock,
};
console.log('seeding demo data…');
const org = await seedDemo(ctx, { historyTasks: Number(process.env.BENCH_HISTORY ?? 20_000) });
const units = { UBND: org.unitIds.get('UBND')!, SNV: org.unitIds.get('SNV')!, BADINH: org.unitIds.get('Q.BADINH')! };
const servers: AppProcess[] = [];
let balancer = null as ChildProcess | null;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-bench-'));

async function startServers(n: number): Promise<string> {
  while (servers.length < n)
    servers.push(await startAppProcess({ DATABASE_URL: url, TRUST_PROXY: '127.0.0.1' }, await freePort()));
  balancer?.kill('SIGKILL');
  const port = await freePort();
  const config = path.join(folder, 'haproxy.cfg');
  fs.writeFileSync(
    config,
    `defaults\n  mode http\n  timeout connect 2s\n  timeout client 60s\n  timeout server 60s\n  option forwardfor\n` +
      `frontend web\n  bind 127.0.0.1:${port}\n  default_backend apps\nbackend apps\n  balance roundrobin\n` +
      servers
        .slice(0, n)
        .map((s, i) => `  server app${i} ${s.url.replace('http://', '')}\n`)
        .join(''),
  );
  balancer = spawn('haproxy', ['-db', '-f', config], { stdio: 'ignore' });
  const lb = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${lb}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return lb;
    await sleep(100);
  }
  throw new Error('HAProxy did not start');
}

let serial = 0;
interface Figures {
  requests: number;
  errors: number;
  refused: number;
  p50: number;
  p95: number;
  perSecond: number;
}

/** `clients` loops for `ms`; the latencies of every request. */
async function load(sessions: HttpSession[], ms: number): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  // 4xx: a client asking for what its role may not see (documents for a clerk): answered, not failed.
  let refused = 0;
  const until = Date.now() + ms;
  const timed = async (s: HttpSession, method: string, path: string, body?: unknown) => {
    const started = performance.now();
    const r = await s.request(method, path, body).catch(() => ({ status: 0, body: null }));
    latencies.push(performance.now() - started);
    if (r.status >= 500 || r.status === 0) errors++;
    else if (r.status >= 400) refused++;
    return r;
  };
  await Promise.all(
    sessions.map(async (s, i) => {
      for (let pass = 0; Date.now() < until; pass++) {
        const list = await timed(s, 'GET', '/api/tasks?limit=20');
        const first = (list.body as { items?: { id: number }[] })?.items?.[0];
        if (first) await timed(s, 'GET', `/api/tasks/${first.id}`);
        await timed(s, 'GET', '/api/documents?limit=20');
        if (USERS[i % USERS.length] === 'chuyenvien' && pass % 4 === 0)
          await timed(s, 'POST', '/api/documents', {
            numberSymbol: `${++serial}/BENCH-${process.pid}`,
            kind: 'Kế hoạch',
            issuerUnitId: units.UBND,
            issuedOn: today,
            summary: 'Văn bản đo tải',
            tasks: [1, 2].map((k) => ({
              content: `Nhiệm vụ đo tải ${k}`,
              leadUnitId: units.SNV,
              deadline: { kind: 'none' },
            })),
          });
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    requests: latencies.length,
    errors,
    refused,
    p50: at(0.5),
    p95: at(0.95),
    perSecond: Math.round(latencies.length / (ms / 1000)),
  };
}

const sessionsFor = (base: string) =>
  Promise.all(Array.from({ length: clients }, (_, i) => loginOver(base, USERS[i % USERS.length]!)));

function importFile(n: number): Buffer {
  const header =
    'Số ký hiệu;Loại văn bản;Cơ quan ban hành;Ngày ban hành;Trích yếu;Nội dung nhiệm vụ;Đơn vị chủ trì;Thời hạn';
  const [y, m, d] = today.split('-');
  const lines = [header];
  for (let i = 0; i < n; i++) {
    const doc = Math.floor(i / 50);
    lines.push(
      `${doc + 1}/KH-NHAP${process.pid};Kế hoạch;UBND;${d}/${m}/${y};Kế hoạch nhập số ${doc + 1};Nhiệm vụ nhập số ${i + 1};SNV;10`,
    );
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}

/** The import as an officer does it: a file upload, one transaction on the server. */
async function upload(base: string, file: Buffer): Promise<{ status: number; ms: number }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), 'nhap.csv');
  const started = performance.now();
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'chuyenvien', password: 'demo1234' }),
  });
  const session = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const r = await fetch(`${base}/api/documents/import?dryRun=false`, {
    method: 'POST',
    headers: { cookie: session, 'x-csrf-token': csrfToken },
    body: form,
  });
  await r.text();
  return { status: r.status, ms: Math.round(performance.now() - started) };
}

try {
  if (mode === 'servers') {
    for (const n of [1, 2]) {
      const lb = await startServers(n);
      const sessions = await sessionsFor(lb);
      await load(sessions, 3_000); // warm-up
      const f = await load(sessions, seconds * 1000);
      console.log(`${n} app server(s), ${clients} clients, ${seconds} s:`, f);
    }
  } else if (mode === 'import') {
    const base = (await startAppProcess({ DATABASE_URL: url }, await freePort())).url;
    const sessions = await sessionsFor(base);
    await load(sessions, 3_000);
    console.log(`before the import, ${clients} clients:`, await load(sessions, seconds * 1000));
    const importing = upload(base, importFile(rows));
    const during = await load(sessions, seconds * 1000);
    console.log(`during a ${rows}-row import, ${clients} clients:`, during);
    console.log('the import:', await importing);
  } else {
    throw new Error('mode: servers | import');
  }
} finally {
  balancer?.kill('SIGKILL');
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  await handle.close();
  cluster.destroy();
  fs.rmSync(folder, { recursive: true, force: true });
  process.exit(0);
}
