/**
 * A fresh database with the organisation and a long generated history: on PostgreSQL with
 * parallel loader threads, on PGlite (in a temporary folder, as the embedded default stores
 * it) in this thread since PGlite has one connection.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/server/config.js';
import { fixedClock, type AppContext } from '../src/server/context.js';
import { connect, type Db, type DbHandle } from '../src/server/db/connection.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { compactFrozenCounts } from '../src/server/features/stats/frozen-counts.js';
import { FIELDS } from '../src/server/seed/fields.js';
import { insertHistory } from '../src/server/seed/insert-history.js';
import { seedOrganisation } from '../src/server/seed/organisation.js';
import { generateChunk, planChunks, SLACK_DAYS, type ChunkPlan, type HistoryRefs } from './history-chunks.js';
import type { ChunkDone, LoaderJob } from './load-worker.js';
import { scenarioDatabase, stalledShareFor, type BenchOptions, type Scenario } from './options.js';
import { fmtMs, log } from './measure.js';

export interface LoadReport {
  engine: Scenario['engine'];
  reused: boolean;
  /** bulk: secondary indexes and foreign keys dropped during the load, rebuilt and validated after. */
  loadMode: 'bulk' | 'plain';
  chunks: number;
  tasksPerChunk: number;
  loaders: number;
  slackDays: number;
  /** Tasks the generator produced, including those issued after a chunk's range and dropped. */
  generatedTasks: number;
  historyFrom: string;
  historyTo: string;
  phasesMs: { createAndMigrate: number; organisation: number; history: number; vacuumAnalyze: number };
  /** Part of phasesMs.history: rebuilding the deferred indexes and validating the foreign keys. */
  constraintsMs: number;
  /** From an empty server to the last history row committed (the 3-minute target). */
  loadMs: number;
  /** loadMs plus VACUUM ANALYZE (statistics and visibility map for the planner). */
  readyMs: number;
  generateCpuMs: number;
  insertMs: number;
  rows: Record<string, number>;
  sizesMb: Record<string, number>;
  eventsPerTask: number;
}

export interface BenchDb {
  ctx: AppContext;
  handle: DbHandle;
  url?: string;
  load: LoadReport;
  dispose(): Promise<void>;
}

const COUNTED = [
  'units',
  'users',
  'documents',
  'tasks',
  'task_events',
  'task_coordinators',
  'task_deadline_changes',
  'task_lead_changes',
] as const;
const AUTHORITIES = ['UBND', 'CTUBND', 'TU', 'TTG', 'HDND'];

export async function openBenchDb(o: BenchOptions, s: Scenario): Promise<BenchDb> {
  return s.engine === 'postgres' ? openPostgres(o, s) : openPGlite(o, s);
}

async function openPostgres(o: BenchOptions, s: Scenario): Promise<BenchDb> {
  const database = scenarioDatabase(o, s);
  const url = databaseUrl(o.pgUrl, database, o.pgOptions);
  const plans = planChunks(s.tasks, s.chunk, o.today, o.years, o.seed);
  const t0 = performance.now();
  if (!o.reuse) await recreateDatabase(o.pgUrl, database);
  const handle = await connect({ databaseUrl: url, poolSize: 10 });
  const ctx = contextOf(handle, o, url);
  if (o.reuse) {
    log(`reusing database ${database}`);
    const applied = await migrateToLatest(handle.db);
    if (applied.length) {
      const m = performance.now();
      await vacuumAnalyze(handle.db, true);
      log(
        `migrated ${applied.join(', ')} and compacted, analysed in ${fmtMs(performance.now() - t0)} (of which ${fmtMs(performance.now() - m)} compaction and analyse)`,
      );
    }
    const load = await report(handle.db, s, plans, o, {
      reused: true,
      loaders: 0,
      generated: 0,
      genMs: 0,
      insMs: 0,
      phases: [0, 0, 0, 0],
      t0,
      constraintsMs: 0,
      loadMode: o.loadMode,
    });
    return { ctx, handle, url, load, dispose: handle.close };
  }
  await migrateToLatest(handle.db);
  const t1 = performance.now();
  await seedOrganisation(handle.db);
  const t2 = performance.now();
  const refs = { ...(await historyRefs(handle.db)), stalledShare: stalledShareFor(s.overdueShare) };
  const loaders = Math.max(1, Math.min(o.loaders, plans.length));
  const deferred = o.loadMode === 'bulk' ? await deferConstraints(handle.db) : null;
  const done = await loadInThreads(url, plans, refs, loaders, t0);
  const tRows = performance.now();
  if (deferred) await restoreConstraints(handle.db, deferred, 2);
  const t3 = performance.now();
  await vacuumAnalyze(handle.db, true);
  const t4 = performance.now();
  if (deferred)
    log(
      `rows in ${fmtMs(tRows - t0)}; ${deferred.indexes.length} indexes and ${deferred.foreignKeys.length} foreign keys rebuilt and validated in ${fmtMs(t3 - tRows)}`,
    );
  const sum = (f: (d: ChunkDone) => number) => done.reduce((n, d) => n + f(d), 0);
  const load = await report(handle.db, s, plans, o, {
    reused: false,
    loaders,
    generated: sum((d) => d.generated),
    genMs: sum((d) => d.generateMs),
    insMs: sum((d) => d.insertMs),
    phases: [t1 - t0, t2 - t1, t3 - t2, t4 - t3],
    t0,
    constraintsMs: deferred ? t3 - tRows : 0,
    loadMode: o.loadMode,
  });
  const dispose = async () => {
    await handle.close();
    if (!o.keep) await dropDatabase(o.pgUrl, database);
  };
  return { ctx, handle, url, load, dispose };
}

async function openPGlite(o: BenchOptions, s: Scenario): Promise<BenchDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-bench-pglite-'));
  const plans = planChunks(s.tasks, s.chunk, o.today, o.years, o.seed);
  const t0 = performance.now();
  const handle = await connect({ dataDir: dir });
  const ctx = contextOf(handle, o, undefined);
  await migrateToLatest(handle.db);
  const t1 = performance.now();
  await seedOrganisation(handle.db);
  const t2 = performance.now();
  const refs = { ...(await historyRefs(handle.db)), stalledShare: stalledShareFor(s.overdueShare) };
  let generated = 0,
    genMs = 0,
    insMs = 0;
  for (const plan of plans) {
    const a = performance.now();
    const chunk = generateChunk(plan, refs);
    const b = performance.now();
    await insertHistory(handle.db, chunk.documents, chunk.tasks, refs.actorUserId);
    const d: ChunkDone = {
      index: plan.index,
      tasks: chunk.tasks.length,
      events: chunk.tasks.reduce((n, t) => n + t.events.length, 0),
      generated: chunk.generated,
      generateMs: b - a,
      insertMs: performance.now() - b,
    };
    [generated, genMs, insMs] = [generated + d.generated, genMs + d.generateMs, insMs + d.insertMs];
    logChunk(d, plans.length, t0);
  }
  const t3 = performance.now();
  await vacuumAnalyze(handle.db, false);
  const t4 = performance.now();
  const load = await report(handle.db, s, plans, o, {
    reused: false,
    loaders: 1,
    generated,
    genMs,
    insMs,
    phases: [t1 - t0, t2 - t1, t3 - t2, t4 - t3],
    t0,
    constraintsMs: 0,
    loadMode: 'plain',
  });
  const dispose = async () => {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { ctx, handle, load, dispose };
}

function contextOf(handle: DbHandle, o: BenchOptions, url: string | undefined): AppContext {
  // A fixed clock makes "today" of the list (and its status filter) the history's today.
  const config = loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' });
  return {
    db: handle.db,
    preparedDb: handle.preparedDb,
    dbKind: handle.kind,
    listen: handle.listen,
    config,
    clock: fixedClock(o.today),
  };
}

async function historyRefs(db: Db): Promise<HistoryRefs> {
  const units = await db.selectFrom('units').select(['id', 'code', 'kind']).execute();
  const officer = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'chuyenvien')
    .executeTakeFirstOrThrow();
  return {
    leadUnitIds: units.filter((u) => u.kind === 'department' || u.kind === 'district').map((u) => u.id),
    authorityUnitIds: AUTHORITIES.map((code) => units.find((u) => u.code === code)!.id),
    fieldCodes: FIELDS.map((f) => f.code),
    actorUserId: officer.id,
  };
}

function loadInThreads(
  url: string,
  plans: ChunkPlan[],
  refs: HistoryRefs,
  loaders: number,
  t0: number,
): Promise<ChunkDone[]> {
  const done: ChunkDone[] = [];
  const entry = new URL('./load-worker.ts', import.meta.url).href;
  const runs = Array.from({ length: loaders }, (_, w) => {
    const job: LoaderJob = { entry, url, plans: plans.filter((p) => p.index % loaders === w), refs };
    return new Promise<void>((resolve, reject) => {
      const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: job });
      worker.on('message', (d: ChunkDone) => {
        done.push(d);
        logChunk(d, plans.length, t0);
      });
      worker.on('error', reject);
      worker.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`loader thread ${w} exited with ${code}`)),
      );
    });
  });
  return Promise.all(runs).then(() => done);
}

function logChunk(d: ChunkDone, of: number, t0: number): void {
  log(
    `  chunk ${String(d.index + 1).padStart(3)}/${of}: ${d.tasks} tasks, ${d.events} events; generate ${fmtMs(d.generateMs)}, insert ${fmtMs(d.insertMs)}; elapsed ${fmtMs(performance.now() - t0)}`,
  );
}

interface Deferred {
  /** CREATE INDEX statements of the secondary indexes, as the migrations made them. */
  indexes: string[];
  foreignKeys: { table: string; name: string; definition: string }[];
}

const HISTORY_TABLES = [
  'documents',
  'tasks',
  'task_events',
  'task_coordinators',
  'task_deadline_changes',
  'task_lead_changes',
];

/**
 * The bulk-load mode of pg_restore: the history tables lose their secondary indexes and
 * foreign keys during the load (each row then costs no index insertions and no per-row
 * trigger), and get them back afterwards from their own definitions: indexes built in one
 * pass, foreign keys added NOT VALID and then validated with one set-based check each. The
 * schema at the end is the migrated one, and every reference has been checked.
 */
async function deferConstraints(db: Db): Promise<Deferred> {
  const indexes = await sql<{ name: string; def: string }>`
    select i.indexname as name, i.indexdef as def from pg_indexes i
    where i.schemaname = 'public' and i.tablename = any(${HISTORY_TABLES}::text[])
      and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.indexname))::regclass)`.execute(
    db,
  );
  const fks = await sql<{ table: string; name: string; definition: string }>`
    select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as definition from pg_constraint c
    where c.contype = 'f' and c.conrelid::regclass::text = any(${HISTORY_TABLES}::text[])`.execute(db);
  for (const fk of fks.rows)
    await sql`alter table ${sql.table(fk.table)} drop constraint ${sql.ref(fk.name)}`.execute(db);
  for (const ix of indexes.rows) await sql`drop index ${sql.ref(ix.name)}`.execute(db);
  return { indexes: indexes.rows.map((r) => r.def), foreignKeys: fks.rows };
}

async function restoreConstraints(db: Db, d: Deferred, parallel: number): Promise<void> {
  // Biggest first, so the two lanes finish together.
  const weight = (s: string) =>
    s.includes('task_events') ? 3 : s.includes(' tasks ') || s.includes('.tasks ') ? 2 : 1;
  await inLanes(
    [...d.indexes].sort((a, b) => weight(b) - weight(a)),
    parallel,
    (def) => sql.raw(def).execute(db),
  );
  for (const fk of d.foreignKeys)
    await sql`alter table ${sql.table(fk.table)} add constraint ${sql.ref(fk.name)} ${sql.raw(fk.definition)} not valid`.execute(
      db,
    );
  const ordered = [...d.foreignKeys].sort((a, b) => weight(` ${b.table} `) - weight(` ${a.table} `));
  await inLanes(ordered, parallel, (fk) =>
    sql`alter table ${sql.table(fk.table)} validate constraint ${sql.ref(fk.name)}`.execute(db),
  );
}

async function inLanes<T>(items: T[], lanes: number, run: (item: T) => Promise<unknown>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
    }),
  );
}

/**
 * Fresh statistics and visibility map: what a DBA runs after a bulk load (autovacuum would,
 * later); first the kept statistics counts are compacted (the scheduler would, within the hour).
 */
async function vacuumAnalyze(db: Db, parallel: boolean): Promise<void> {
  await compactFrozenCounts(db);
  const big = ['task_events', 'tasks'];
  const run = (t: string) => sql`vacuum (analyze) ${sql.table(t)}`.execute(db);
  if (parallel) await Promise.all(big.map(run));
  else for (const t of big) await run(t);
  for (const t of [
    'frozen_task_counts',
    'documents',
    'task_coordinators',
    'task_deadline_changes',
    'task_lead_changes',
    'units',
    'users',
    'user_roles',
    'sessions',
    'settings',
  ])
    await run(t);
}

interface Totals {
  reused: boolean;
  loaders: number;
  generated: number;
  genMs: number;
  insMs: number;
  phases: [number, number, number, number];
  t0: number;
  constraintsMs: number;
  loadMode: BenchOptions['loadMode'];
}

async function report(db: Db, s: Scenario, plans: ChunkPlan[], o: BenchOptions, t: Totals): Promise<LoadReport> {
  const rows: Record<string, number> = {};
  const sizesMb: Record<string, number> = {};
  for (const table of COUNTED) {
    const r = await sql<{
      n: number;
      bytes: number;
    }>`select count(*)::int as n, pg_total_relation_size(${table}::regclass)::bigint as bytes from ${sql.table(table)}`.execute(
      db,
    );
    rows[table] = Number(r.rows[0]!.n);
    sizesMb[table] = Math.round(Number(r.rows[0]!.bytes) / 1048576);
  }
  const [create, org, history, vacuum] = t.phases;
  return {
    engine: s.engine,
    reused: t.reused,
    chunks: plans.length,
    tasksPerChunk: s.chunk,
    loaders: t.loaders,
    slackDays: SLACK_DAYS,
    generatedTasks: t.generated,
    historyFrom: plans[0]!.from,
    historyTo: o.today,
    loadMode: t.loadMode,
    phasesMs: { createAndMigrate: create, organisation: org, history, vacuumAnalyze: vacuum },
    constraintsMs: t.constraintsMs,
    loadMs: create + org + history,
    readyMs: create + org + history + vacuum,
    generateCpuMs: t.genMs,
    insertMs: t.insMs,
    rows,
    sizesMb,
    eventsPerTask: rows.tasks ? rows.task_events! / rows.tasks : 0,
  };
}

export function databaseUrl(serverUrl: string, database: string, options?: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  if (options) url.searchParams.set('options', options);
  return url.toString();
}

async function adminQuery(serverUrl: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

function checkName(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe database name ${name}`);
  return name;
}

async function recreateDatabase(serverUrl: string, name: string): Promise<void> {
  await adminQuery(
    serverUrl,
    `drop database if exists ${checkName(name)} with (force)`,
    `create database ${checkName(name)}`,
  );
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await adminQuery(serverUrl, `drop database if exists ${checkName(name)} with (force)`);
}
