/**
 * `npm run bench`: the scale benchmark of the core (issue 2). For each engine: a fresh
 * database loaded with a long generated history, the statistics endpoint over all of it next
 * to its raw SQL, and the filtered task list under 16 concurrent clients. Prints a summary
 * table and writes every figure as JSON under bench/out/. See bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchList, benchStats, login, startServer, type ListCase } from './http-bench.js';
import { openBenchDb } from './load.js';
import { fmtInt, fmtMs, log } from './measure.js';
import { parseOptions, type BenchOptions, type Scenario } from './options.js';
import { databaseInfo, machine, overdueShare, renderSummary, type ScenarioResult } from './report.js';

const OFFICER = 'chuyenvien';
const CLERK = 'vanthu.badinh';

/** The list requests: the city officer with a filter, and a district clerk's own tasks. */
const LIST_CASES: ListCase[] = [
  { name: 'officer status=in_progress_overdue', username: OFFICER, query: 'status=in_progress_overdue' },
  { name: 'officer fieldCode=xay_dung', username: OFFICER, query: 'fieldCode=xay_dung' },
  { name: 'clerk vanthu.badinh (all visible)', username: CLERK, query: 'limit=50' },
];

async function runScenario(o: BenchOptions, s: Scenario): Promise<ScenarioResult> {
  const wanted = s.overdueShare === null ? 'the generator’s own overdue share' : `${s.overdueShare * 100}% overdue`;
  log(`=== ${s.engine}: ${fmtInt(s.tasks)} tasks in chunks of ${fmtInt(s.chunk)}, ${wanted} ===`);
  const before = os.loadavg();
  const bench = await openBenchDb(o, s);
  try {
    const l = bench.load;
    if (!l.reused) log(`loaded in ${fmtMs(l.loadMs)} (+ vacuum analyze ${fmtMs(l.phasesMs.vacuumAnalyze)})`);
    log(
      `rows: ${Object.entries(l.rows)
        .map(([k, v]) => `${k}=${fmtInt(v)}`)
        .join(' ')}; ${l.eventsPerTask.toFixed(2)} events/task`,
    );
    const server = await startServer(bench.ctx);
    try {
      const officer = await login(server, bench.ctx, OFFICER);
      const clerk = await login(server, bench.ctx, CLERK);
      const stats = o.parts.stats ? await benchStats(server, bench.ctx, officer, o, bench.url) : null;
      const lists = [];
      if (o.parts.list)
        for (const c of LIST_CASES) lists.push(await benchList(server, c.username === OFFICER ? officer : clerk, c, o));
      return {
        engine: s.engine,
        tasks: s.tasks,
        overdueShare: await overdueShare(bench.ctx.db, o.today),
        database: await databaseInfo(bench.ctx.db),
        load: l,
        stats,
        lists,
        loadAverage: { before, after: os.loadavg() },
      };
    } finally {
      await server.close();
    }
  } finally {
    await bench.dispose();
  }
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2), process.env);
  const m = machine();
  const results: ScenarioResult[] = [];
  for (const s of o.scenarios) results.push(await runScenario(o, s));
  const summary = renderSummary(results, m);
  console.log(`\n${'='.repeat(30)} summary ${'='.repeat(30)}\n${summary}`);
  fs.mkdirSync(path.dirname(o.out), { recursive: true });
  fs.writeFileSync(o.out, JSON.stringify({ machine: m, options: o, results }, null, 2));
  log(`figures written to ${o.out}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
