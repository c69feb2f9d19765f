/**
 * `npm run bench:reports`: the periodic review at scale (issue 5). On PostgreSQL, a database
 * loaded with 10⁶ generated tasks (the core benchmark's loader, bench/load.ts), then:
 *  - the 6-month review of all units as of a cut-off, through HTTP (target p50 < 500 ms),
 *    and the same review grouped by field;
 *  - its Excel export (target < 3 s) and its PDF export;
 *  - issuing it as a snapshot (freezing the id of every counted task) and its diff.
 * Flags as for `npm run bench` (--tasks, --reuse, --keep, --pg-url, --today, --runs …), plus
 * --review-year/--review-half; the database defaults to nv_bench_reports so the two benchmarks
 * never drop each other's data. Figures go to bench/out/reports-<date>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { DEMO_PASSWORD } from '../src/server/seed/organisation.js';
import { seedDossiers } from '../src/server/seed/dossiers.js';
import { openBenchDb } from './load.js';
import { fmtInt, fmtMs, log, summarize, timeSequential, type Summary } from './measure.js';
import { parseOptions } from './options.js';

interface Timing {
  name: string;
  summary: Summary;
  bytes?: number;
  note?: string;
}

async function login(app: FastifyInstance, username: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode}`);
  return { cookie: res.cookies.find((c) => c.name === 'nv_session')!.value, csrf: res.json().csrfToken as string };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const rest = argv.filter((a) => !a.startsWith('--review-'));
  if (!rest.some((a) => a.startsWith('--database='))) rest.push('--database=nv_bench_reports');
  if (!rest.some((a) => a.startsWith('--only='))) rest.push('--only=postgres');
  const o = parseOptions(rest, process.env);
  const scenario = o.scenarios[0]!;
  const year = Number(flag('review-year') ?? o.today.slice(0, 4));
  const half = Number(flag('review-half') ?? (Number(o.today.slice(5, 7)) <= 6 ? 1 : 2));
  const runs = o.statsRuns;

  log(`=== reports benchmark: ${fmtInt(scenario.tasks)} tasks on ${scenario.engine} (${os.cpus().length} CPUs) ===`);
  const bench = await openBenchDb(o, scenario);
  const results: Timing[] = [];
  try {
    log(
      `rows: ${Object.entries(bench.load.rows)
        .map(([k, v]) => `${k}=${fmtInt(v)}`)
        .join(' ')}`,
    );
    const dossierRows = await bench.ctx.db
      .selectFrom('dossier_stats')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(dossierRows.n) === 0) log(`dossier rows seeded: ${await seedDossiers(bench.ctx, null)}`);
    const app = await buildApp(bench.ctx, { webRoot: '/nonexistent' });
    const officer = await login(app, 'chuyenvien');
    const get = async (url: string) => {
      const res = await app.inject({ method: 'GET', url, cookies: { nv_session: officer.cookie } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res;
    };
    const review = `period=half&year=${year}&index=${half}&periodMode=calendar&asOf=${o.today}`;

    const first = (await get(`/api/reports/review?${review}`)).json();
    log(
      `review ${first.period.start} … ${first.period.end} as of ${first.asOf}: ${first.rows.length} rows, ${fmtInt(first.totals.assigned)} tasks counted, ${fmtInt(first.totals.overdue)} overdue, ${fmtInt(first.totals.extAsked)} extensions asked`,
    );
    const note = `${first.rows.length} rows, ${fmtInt(first.totals.assigned)} tasks counted`;

    const measure = async (name: string, url: string, n = runs, extra?: string) => {
      let bytes = 0;
      const summary = await timeSequential(n, o.warmup, async () => {
        bytes = (await get(url)).rawPayload.length;
      });
      results.push({ name, summary, bytes, note: extra });
      log(
        `${name}: p50 ${fmtMs(summary.p50)}, p95 ${fmtMs(summary.p95)}, max ${fmtMs(summary.max)} (${fmtInt(bytes)} bytes)`,
      );
    };
    await measure('6-month review, all units (HTTP)', `/api/reports/review?${review}`, runs, note);
    await measure('6-month review by field (HTTP)', `/api/reports/review?${review}&groupBy=field`, runs);
    await measure('6-month review, due-in-period basis (HTTP)', `/api/reports/review?${review}&basis=due`, runs);
    await measure(
      'Excel export of the review',
      `/api/reports/review/export?${review}&format=xlsx`,
      Math.max(5, Math.round(runs / 3)),
    );
    await measure(
      'PDF export of the review',
      `/api/reports/review/export?${review}&format=pdf`,
      Math.max(5, Math.round(runs / 3)),
    );
    await measure(
      'Tasks behind the overdue total (exact ids)',
      `/api/reports/review/tasks?${review}&key=total&measure=overdue`,
      Math.max(5, Math.round(runs / 3)),
    );

    const issueSamples: number[] = [];
    let snapshotId = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const res = await app.inject({
        method: 'POST',
        url: '/api/reports',
        cookies: { nv_session: officer.cookie },
        headers: { 'x-csrf-token': officer.csrf },
        payload: { period: 'half', year, index: half, periodMode: 'calendar', asOf: o.today },
      });
      issueSamples.push(performance.now() - t);
      if (res.statusCode !== 201) throw new Error(`issue: ${res.statusCode} ${res.body.slice(0, 300)}`);
      snapshotId = res.json().id;
    }
    results.push({ name: 'Issue the review (freeze numbers + task ids)', summary: summarize(issueSamples), note });
    log(`issue: p50 ${fmtMs(summarize(issueSamples).p50)}`);
    await measure('Diff of an issued report (recompute + compare ids)', `/api/reports/${snapshotId}/diff`, 5);
    await app.close();
  } finally {
    await bench.dispose();
  }
  const table = results
    .map(
      (r) =>
        `| ${r.name} | ${fmtMs(r.summary.p50)} | ${fmtMs(r.summary.p95)} | ${fmtMs(r.summary.max)} | ${r.summary.n} |${r.note ? ` ${r.note}` : ''}`,
    )
    .join('\n');
  console.log(`\n| measurement | p50 | p95 | max | runs |\n|---|---|---|---|---|\n${table}`);
  const out = flag('out') ?? `bench/out/reports-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}.json`;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    JSON.stringify(
      {
        machine: {
          cpus: os.cpus().length,
          cpu: os.cpus()[0]?.model,
          memGb: Math.round(os.totalmem() / 2 ** 30),
          node: process.version,
        },
        tasks: scenario.tasks,
        today: o.today,
        load: bench.load,
        results,
      },
      null,
      2,
    ),
  );
  log(`figures written to ${out}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
