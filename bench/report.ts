/** The summary the benchmark prints at the end (plain text, also valid Markdown tables). */
import os from 'node:os';
import { execSync } from 'node:child_process';
import { sql } from 'kysely';
import type { Db } from '../src/server/db/connection.js';
import type { ListResult, LoadRun, StatsResult } from './http-bench.js';
import type { LoadReport } from './load.js';
import { fmtInt, fmtMs, type Summary } from './measure.js';

export interface ScenarioResult {
  engine: string;
  tasks: number;
  /** Tasks open and past their deadline on the generator's today, over all tasks (measured). */
  overdueShare: number;
  database: { version: string; settings: Record<string, string> };
  load: LoadReport;
  stats: StatsResult | null;
  lists: ListResult[];
  loadAverage: { before: number[]; after: number[] };
}

export const TARGETS = { loadMs: 180_000, statsP50Ms: 300, listP95Ms: 50 };

export function machine() {
  const cpus = os.cpus();
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  return {
    date: new Date().toISOString(),
    cpu: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    commit,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  };
}

/** The share of tasks overdue on `today`: open (not completed, withdrawn or cancelled) and past the current deadline. */
export async function overdueShare(db: Db, today: string): Promise<number> {
  const r = await sql<{ overdue: number; total: number }>`
    select count(*) filter (where state not in ('completed', 'withdrawn', 'cancelled') and deadline < ${today}::date)::int as overdue,
           count(*)::int as total from tasks`.execute(db);
  const { overdue, total } = r.rows[0]!;
  return total ? overdue / total : 0;
}

export async function databaseInfo(db: Db): Promise<ScenarioResult['database']> {
  const version = (await sql<{ v: string }>`select version() as v`.execute(db)).rows[0]!.v;
  const settings: Record<string, string> = {};
  for (const name of [
    'shared_buffers',
    'work_mem',
    'max_parallel_workers_per_gather',
    'jit',
    'effective_cache_size',
    'random_page_cost',
  ]) {
    const r = await sql<{ v: string }>`select current_setting(${name}) as v`.execute(db);
    settings[name] = r.rows[0]!.v;
  }
  return { version: version.split(' on ')[0]!, settings };
}

const mark = (ok: boolean) => (ok ? 'yes' : '**NO**');
const ms = (s: Summary, k: keyof Summary) => fmtMs(s[k]);

export function renderSummary(results: ScenarioResult[], m: ReturnType<typeof machine>): string {
  const out: string[] = [];
  out.push(`Machine: ${m.cpu}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}; commit ${m.commit}; ${m.date}`);
  out.push(`Command: ${m.command}`, '');
  for (const r of results) {
    const l = r.load;
    out.push(
      `### ${r.engine}, ${fmtInt(r.tasks)} tasks, ${(r.overdueShare * 100).toFixed(1)}% overdue (${r.database.version}; ${Object.entries(
        r.database.settings,
      )
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')})`,
    );
    out.push(
      `Load average before/after: ${r.loadAverage.before.map((x) => x.toFixed(1)).join(' ')} / ${r.loadAverage.after.map((x) => x.toFixed(1)).join(' ')}`,
      '',
    );
    out.push('| measure | value | target | met |', '|---|---|---|---|');
    if (l.reused) out.push(`| load | (reused database, not measured) | | |`);
    else {
      const target = r.engine === 'postgres';
      const mode =
        l.loadMode === 'bulk'
          ? `, bulk mode: indexes + FKs rebuilt/validated after, ${fmtMs(l.constraintsMs)}`
          : ', plain mode';
      out.push(
        `| load: create + migrate + organisation + history (${l.chunks} chunks × ${fmtInt(l.tasksPerChunk)}, loader threads: ${l.loaders}${mode}) | ${fmtMs(l.loadMs)} | < 3 min | ${target ? mark(l.loadMs < TARGETS.loadMs) : 'n/a'} |`,
      );
      out.push(`| … then VACUUM ANALYZE | ${fmtMs(l.phasesMs.vacuumAnalyze)} (ready after ${fmtMs(l.readyMs)}) | | |`);
    }
    if (r.stats) out.push(...statsRows(r.stats, r.engine));
    for (const x of r.lists) {
      out.push(listRow(`list ${x.case.name}: first page`, x.first));
      out.push(listRow(`list ${x.case.name}: page ${x.depth + 1}${x.ranOut ? ' (the last)' : ''}`, x.deep));
    }
    out.push(
      '',
      'Rows: ' +
        Object.entries(l.rows)
          .map(([k, v]) => `${k} ${fmtInt(v)}`)
          .join(', ') +
        `; ${l.eventsPerTask.toFixed(2)} events per task.`,
    );
    out.push(
      'Sizes (MB, with indexes): ' +
        Object.entries(l.sizesMb)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') +
        '.',
    );
    if (!l.reused)
      out.push(
        `Generator: ${fmtInt(l.generatedTasks)} tasks generated for ${fmtInt(l.rows.tasks ?? 0)} kept (slack ${l.slackDays} days per chunk); generation CPU ${fmtMs(l.generateCpuMs)}, insert time ${fmtMs(l.insertMs)} summed over threads; phases ${Object.entries(
          l.phasesMs,
        )
          .map(([k, v]) => `${k} ${fmtMs(v)}`)
          .join(', ')}.`,
      );
    out.push('');
  }
  return out.join('\n');
}

function statsRows(s: StatsResult, engine: string): string[] {
  const out: string[] = [];
  out.push(
    `| GET /api/stats, lead units as of cut-off (${s.groups} groups, ${fmtInt(s.tasksCounted)} tasks), same request ${s.api.n} times (snapshot cache) | p50 ${ms(s.api, 'p50')}, p95 ${ms(s.api, 'p95')} | p50 < 300 ms | ${mark(s.api.p50 < TARGETS.statsP50Ms)} |`,
  );
  out.push(
    `| GET /api/stats, a new cut-off each time (always computed), ${s.apiFresh.n} runs | p50 ${ms(s.apiFresh, 'p50')}, p95 ${ms(s.apiFresh, 'p95')} | p50 < 300 ms | ${mark(s.apiFresh.p50 < TARGETS.statsP50Ms)} |`,
  );
  out.push(
    `| raw SQL countByGroup, officer's access filter | p50 ${ms(s.sqlAsOfficer, 'p50')}, p95 ${ms(s.sqlAsOfficer, 'p95')} | | |`,
  );
  out.push(
    `| raw SQL countByGroup, no principal | p50 ${ms(s.sqlUnfiltered, 'p50')}, p95 ${ms(s.sqlUnfiltered, 'p95')} | | |`,
  );
  out.push(`| API overhead over SQL (p50, new cut-off) | ${fmtMs(s.apiFresh.p50 - s.sqlAsOfficer.p50)} | | |`);
  const cpu = s.sqlCpu;
  if (cpu)
    out.push(
      `| CPU time of that SQL in the ${engine === 'postgres' ? 'backend' : 'process'}${cpu.jitOff ? ' (as configured → jit = off)' : ''} | p50 ${ms(cpu.jitDefault, 'p50')}${cpu.jitOff ? ` → ${ms(cpu.jitOff, 'p50')}` : ''} | | |`,
    );
  return out;
}

function listRow(label: string, r: LoadRun): string {
  return `| ${label}, ${fmtInt(r.requests)} req, ${r.rps.toFixed(0)} req/s, errors ${r.errors + r.non2xx} | p50 ${ms(r.latency, 'p50')}, p95 ${ms(r.latency, 'p95')}, p99 ${ms(r.latency, 'p99')} | p95 < 50 ms | ${mark(r.latency.p95 < TARGETS.listP95Ms && r.errors + r.non2xx === 0)} |`;
}
