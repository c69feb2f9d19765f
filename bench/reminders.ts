/**
 * `npm run bench:reminders`: the daily reminder scan at scale (issue 4). On PostgreSQL, a
 * database loaded with 10⁶ generated tasks (the core benchmark's loader, bench/load.ts), then
 * the day's scan that finds and queues every reminder (before / due / overdue / escalations,
 * recipients resolved in SQL, notification and mail rows queued) — target under 10 s — and the
 * same scan again, which must add nothing. Also the early-warning list for the city office.
 * Flags as for `npm run bench` (--tasks, --reuse, --keep, --pg-url, --today, --runs …) and
 * --due-load=N (open tasks added around the scan day, default 50 000); the
 * database defaults to nv_bench_reminders. Figures go to bench/out/reminders-<date>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { fixedClock } from '../src/server/context.js';
import { listAtRisk, principalOfUser } from '../src/server/features/early-warning/service.js';
import { getReminderRules, scanReminders } from '../src/server/features/reminders/service.js';
import { openBenchDb } from './load.js';
import { fmtInt, fmtMs, log, summarize } from './measure.js';
import { parseOptions } from './options.js';

/**
 * The generated history is mostly closed (a few thousand open tasks in 10⁶), so on top of it the
 * benchmark adds a busy day: `n` open tasks (tagged, added once) led by units that have clerks
 * and heads, with deadlines spread from 30 days ago to 10 days ahead.
 */
async function addDueLoad(db: Parameters<typeof getReminderRules>[0], today: string, n: number): Promise<number> {
  const present = await sql<{
    n: number;
  }>`select count(*)::int as n from tasks where series_key = 'bench-due-load'`.execute(db);
  if (n === 0 || present.rows[0]!.n > 0) return 0;
  await sql`
    with leads as (select array_agg(id order by id) as ids from units where code in ('Q.BADINH', 'Q.HOANKIEM', 'SXD', 'Q.BADINH.QLDT', 'STNMT', 'SGTVT')),
    ubnd as (select id from units where code = 'UBND')
    insert into tasks (content, search_text, assigner_unit_id, lead_unit_id, lead_since, deadline_kind, assigned_on, original_deadline, deadline, state, series_key, field_code)
    select 'Nhiệm vụ tải thử ' || g, 'nhiem vu tai thu ' || g, ubnd.id, leads.ids[1 + g % cardinality(leads.ids)], ${today}::date - 90, 'fixed', ${today}::date - 90,
      ${today}::date + (g % 41) - 30, ${today}::date + (g % 41) - 30, 'in_progress', 'bench-due-load', 'xay_dung'
    from generate_series(1, ${n}::int) g, leads, ubnd`.execute(db);
  await sql`analyze tasks`.execute(db);
  return n;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (!argv.some((a) => a.startsWith('--database='))) argv.push('--database=nv_bench_reminders');
  if (!argv.some((a) => a.startsWith('--only='))) argv.push('--only=postgres');
  const o = parseOptions(argv, process.env);
  const scenario = o.scenarios[0]!;
  const runs = Math.min(o.statsRuns, 5);
  log(`=== reminders benchmark: ${fmtInt(scenario.tasks)} tasks on ${scenario.engine} (${os.cpus().length} CPUs) ===`);
  const bench = await openBenchDb(o, scenario);
  try {
    const ctx = {
      ...bench.ctx,
      clock: fixedClock(o.today),
      config: { ...bench.ctx.config, SMTP_URL: 'smtp://bench.invalid:25' },
    };
    const rules = await getReminderRules(ctx.db);
    const extra = await addDueLoad(
      ctx.db,
      o.today,
      Number(argv.find((a) => a.startsWith('--due-load='))?.split('=')[1] ?? 50_000),
    );
    if (extra)
      log(
        `added ${fmtInt(extra)} open tasks with deadlines from 30 days ago to 10 days ahead (the day's reminder load)`,
      );
    const open = await sql<{ open: number; overdue: number }>`
      select count(*)::int as open, count(*) filter (where deadline < ${o.today}::date)::int as overdue
      from tasks where state in ('assigned', 'received', 'in_progress') and deadline is not null`.execute(ctx.db);
    log(
      `rows: tasks=${fmtInt(bench.load.rows.tasks ?? 0)}; open with a deadline=${fmtInt(open.rows[0]!.open)}, of which overdue=${fmtInt(open.rows[0]!.overdue)}; scan day ${o.today}`,
    );

    const first: number[] = [];
    const again: number[] = [];
    let last = { candidates: 0, reminders: 0, mails: 0, batches: 0 };
    for (let i = 0; i < runs; i++) {
      await sql`truncate reminders, notifications, mail_outbox, job_runs`.execute(ctx.db);
      await sql`vacuum analyze reminders`.execute(ctx.db).catch(() => {});
      let t = performance.now();
      const r = await scanReminders(ctx, o.today, rules);
      first.push(performance.now() - t);
      last = r;
      t = performance.now();
      const r2 = await scanReminders(ctx, o.today, rules);
      again.push(performance.now() - t);
      if (r2.reminders !== 0) throw new Error(`second scan added ${r2.reminders} reminders`);
      log(
        `run ${i + 1}: scan ${fmtMs(first[i]!)} (${fmtInt(r.candidates)} candidate tasks, ${fmtInt(r.reminders)} reminders, ${fmtInt(r.mails)} mails, ${r.batches} batches); again ${fmtMs(again[i]!)} (0 new)`,
      );
    }

    const officer = (await principalOfUser(
      ctx.db,
      (await ctx.db.selectFrom('users').select('id').where('username', '=', 'chuyenvien').executeTakeFirstOrThrow()).id,
    ))!;
    const risk: number[] = [];
    let atRisk = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const res = await listAtRisk(ctx, officer, { horizonDays: 60, limit: 100 });
      risk.push(performance.now() - t);
      atRisk = res.items.length;
    }
    const result = {
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30) },
      tasks: scenario.tasks,
      engine: scenario.engine,
      today: o.today,
      rules,
      openWithDeadline: open.rows[0]!.open,
      overdueOpen: open.rows[0]!.overdue,
      lastScan: last,
      scanMs: summarize(first),
      rescanMs: summarize(again),
      atRiskMs: summarize(risk),
      atRiskItems: atRisk,
    };
    console.log(
      `\nscan over ${fmtInt(scenario.tasks)} tasks: p50 ${fmtMs(result.scanMs.p50)}, max ${fmtMs(result.scanMs.max)} (target < 10 s); rescan p50 ${fmtMs(result.rescanMs.p50)}; at-risk list (city-wide) p50 ${fmtMs(result.atRiskMs.p50)}`,
    );
    const out = `bench/out/reminders-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}.json`;
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(result, null, 2));
    log(`figures written to ${out}`);
  } finally {
    await bench.dispose();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
