/**
 * The HTTP half of the benchmark: the real app on a random port, logged-in demo users, the
 * statistics request timed one at a time next to its raw SQL, and the task list under
 * autocannon at 16 connections (first page and a deep keyset page).
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.js';
import type { AppContext } from '../src/server/context.js';
import { addDays } from '../src/server/domain/dates.js';
import { connect } from '../src/server/db/connection.js';
import type { Principal } from '../src/server/domain/access.js';
import { loadGrants } from '../src/server/features/auth/queries.js';
import { getStatusRules } from '../src/server/features/settings/service.js';
import { countByGroup } from '../src/server/features/stats/queries.js';
import { DEMO_PASSWORD } from '../src/server/seed/organisation.js';
import type { CannonJob, CannonResult } from './cannon-worker.js';
import { fmtMs, log, summarize, timeInterleaved, type Summary } from './measure.js';
import type { BenchOptions } from './options.js';

export interface Server {
  base: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startServer(ctx: AppContext): Promise<Server> {
  const app = await buildApp(ctx, { webRoot: '/nonexistent' });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return { base, app, close: () => app.close() };
}

export interface Session {
  username: string;
  cookie: string;
  principal: Principal;
}

export async function login(server: Server, ctx: AppContext, username: string): Promise<Session> {
  const res = await fetch(`${server.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('nv_session='));
  if (!cookie) throw new Error(`login ${username}: no session cookie`);
  const body = (await res.json()) as { user: { id: number } };
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'unit_id'])
    .where('id', '=', body.user.id)
    .executeTakeFirstOrThrow();
  return {
    username,
    cookie,
    principal: { userId: user.id, unitId: user.unit_id, grants: await loadGrants(ctx.db, user.id) },
  };
}

async function getJson<T>(server: Server, session: Session, path: string): Promise<T> {
  const res = await fetch(`${server.base}${path}`, { headers: { cookie: session.cookie } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export interface StatsResult {
  path: string;
  groups: number;
  tasksCounted: number;
  /** The same request again and again: answered from the snapshot cache while nothing changes. */
  api: Summary;
  /** Each request a different cut-off (the day before the previous one): always computed. */
  apiFresh: Summary;
  sqlAsOfficer: Summary;
  sqlUnfiltered: Summary;
  /**
   * CPU time of the server process running the officer's aggregate (PostgreSQL backend from
   * /proc, or this process for PGlite): unlike wall time, barely moved by other load on the
   * machine. `jitOff` is the same query in a session with `jit = off`.
   */
  sqlCpu: { jitDefault: Summary; jitOff: Summary | null } | null;
}

/** GET /api/stats for all units as of the cut-off, and the same aggregate as raw SQL. */
export async function benchStats(
  server: Server,
  ctx: AppContext,
  officer: Session,
  o: BenchOptions,
  url: string | undefined,
): Promise<StatsResult> {
  const path = `/api/stats?groupBy=lead_unit&asOf=${o.asOf}`;
  const sample = await getJson<{ rows: unknown[]; totals: { assigned: number } }>(server, officer, path);
  log(`stats: ${sample.rows.length} groups, ${sample.totals.assigned} tasks counted as of ${o.asOf}`);
  const rules = await getStatusRules(ctx.db);
  const filter = { asOf: o.asOf, topLevel: true };
  // Interleaved (API, SQL as the officer, SQL unfiltered) so that drifting load on the
  // machine weighs on the three alike and the API's overhead is their difference.
  let freshDay = 0;
  const freshPath = () => `/api/stats?groupBy=lead_unit&asOf=${addDays(o.asOf, -++freshDay)}`;
  const [api, apiFresh, sqlAsOfficer, sqlUnfiltered] = (await timeInterleaved(o.statsRuns, o.warmup, [
    () => getJson(server, officer, path),
    () => getJson(server, officer, freshPath()),
    () => countByGroup(ctx.db, officer.principal, 'lead_unit', filter, rules),
    () => countByGroup(ctx.db, null, 'lead_unit', filter, rules),
  ])) as [Summary, Summary, Summary, Summary];
  log(`stats API (same request)   p50 ${fmtMs(api.p50)}  p95 ${fmtMs(api.p95)}`);
  log(`stats API (new cut-off)    p50 ${fmtMs(apiFresh.p50)}  p95 ${fmtMs(apiFresh.p95)}`);
  log(`stats SQL (officer filter) p50 ${fmtMs(sqlAsOfficer.p50)}  p95 ${fmtMs(sqlAsOfficer.p95)}`);
  log(`stats SQL (no principal)   p50 ${fmtMs(sqlUnfiltered.p50)}  p95 ${fmtMs(sqlUnfiltered.p95)}`);
  const run = (db: AppContext['db']) => countByGroup(db, officer.principal, 'lead_unit', filter, rules);
  const sqlCpu = url ? await postgresCpu(url, o, run) : await inProcessCpu(ctx, o, run);
  if (sqlCpu)
    log(
      `stats SQL CPU p50 ${fmtMs(sqlCpu.jitDefault.p50)}${sqlCpu.jitOff ? `, with jit = off ${fmtMs(sqlCpu.jitOff.p50)}` : ''}`,
    );
  return {
    path,
    groups: sample.rows.length,
    tasksCounted: sample.totals.assigned,
    api,
    apiFresh,
    sqlAsOfficer,
    sqlUnfiltered,
    sqlCpu,
  };
}

const cpuRuns = (o: BenchOptions) => Math.min(o.statsRuns, 10);

/** The backend's CPU time from /proc (the benchmark runs beside the server; else null). */
async function postgresCpu(
  url: string,
  o: BenchOptions,
  run: (db: AppContext['db']) => Promise<unknown>,
): Promise<StatsResult['sqlCpu']> {
  const handle = await connect({ databaseUrl: url, poolSize: 1 });
  try {
    const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db)).rows[0]!.pid;
    const stat = `/proc/${pid}/stat`;
    if (!fs.existsSync(stat)) return null;
    const ticksMs = () => {
      const f = fs.readFileSync(stat, 'utf8').split(') ')[1]!.split(' ');
      return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, in 10 ms clock ticks
    };
    const measure = async () => {
      await run(handle.db);
      const samples: number[] = [];
      for (let i = 0; i < cpuRuns(o); i++) {
        const before = ticksMs();
        await run(handle.db);
        samples.push(ticksMs() - before);
      }
      return summarize(samples);
    };
    const jitDefault = await measure();
    await sql`set jit = off`.execute(handle.db);
    return { jitDefault, jitOff: await measure() };
  } finally {
    await handle.close();
  }
}

/** PGlite runs the query in this process, on this thread: its CPU time is ours. */
async function inProcessCpu(
  ctx: AppContext,
  o: BenchOptions,
  run: (db: AppContext['db']) => Promise<unknown>,
): Promise<StatsResult['sqlCpu']> {
  const samples: number[] = [];
  for (let i = 0; i < cpuRuns(o); i++) {
    const before = process.cpuUsage();
    await run(ctx.db);
    const d = process.cpuUsage(before);
    samples.push((d.user + d.system) / 1000);
  }
  return { jitDefault: summarize(samples), jitOff: null };
}

export interface ListCase {
  name: string;
  username: string;
  query: string;
}

export interface LoadRun {
  path: string;
  latency: Summary;
  requests: number;
  rps: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

export interface ListResult {
  case: ListCase;
  firstPageItems: number;
  /** Pages followed through nextCursor before the deep page (fewer if the list ran out). */
  depth: number;
  /** The list ended before `deepPages`: the deep page is its last page. */
  ranOut: boolean;
  /** One request at a time while walking the pages. */
  walk: Summary;
  first: LoadRun;
  deep: LoadRun;
}

export async function benchList(server: Server, session: Session, c: ListCase, o: BenchOptions): Promise<ListResult> {
  const firstPath = `/api/tasks?${c.query}`;
  type Page = { items: unknown[]; nextCursor: string | null };
  const first = await getJson<Page>(server, session, firstPath);
  let cursor = first.nextCursor;
  let deepPath = firstPath;
  let depth = 0;
  const walk: number[] = [];
  while (cursor && depth < o.deepPages) {
    deepPath = `${firstPath}&cursor=${cursor}`;
    const t = performance.now();
    const page = await getJson<Page>(server, session, deepPath);
    walk.push(performance.now() - t);
    depth += 1;
    cursor = page.nextCursor;
  }
  const walkSummary = summarize(walk);
  log(
    `list ${c.name}: first page ${first.items.length} items; walked ${depth} pages${cursor === null ? ' (to the end)' : ''}, p50 ${fmtMs(walkSummary.p50)} one at a time`,
  );
  const firstRun = await hammer(server, session, firstPath, o);
  log(`  first page  ${describe(firstRun)}`);
  const deepRun = await hammer(server, session, deepPath, o);
  log(`  page ${depth + 1}     ${describe(deepRun)}`);
  return {
    case: c,
    firstPageItems: first.items.length,
    depth,
    ranOut: cursor === null,
    walk: walkSummary,
    first: firstRun,
    deep: deepRun,
  };
}

function describe(r: LoadRun): string {
  return `p50 ${fmtMs(r.latency.p50)}  p95 ${fmtMs(r.latency.p95)}  p99 ${fmtMs(r.latency.p99)}  ${r.rps.toFixed(0)} req/s  errors ${r.errors + r.non2xx}`;
}

function hammer(server: Server, session: Session, path: string, o: BenchOptions): Promise<LoadRun> {
  const job: CannonJob = {
    entry: new URL('./cannon-worker.ts', import.meta.url).href,
    url: `${server.base}${path}`,
    headers: { cookie: session.cookie },
    connections: o.connections,
    duration: o.duration,
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: job });
    worker.once('message', (r: CannonResult) =>
      resolve({
        path,
        latency: summarize(r.latenciesMs),
        requests: r.requests,
        rps: r.requests / r.seconds,
        errors: r.errors,
        timeouts: r.timeouts,
        non2xx: r.non2xx,
      }),
    );
    worker.once('error', reject);
  });
}
