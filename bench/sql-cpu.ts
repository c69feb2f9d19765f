/**
 * Times one SQL file on PostgreSQL: wall time and the backend's CPU time (from /proc, so the
 * server must run on this machine). Used to measure the query changes proposed in
 * docs/performance.md against a database kept by `npm run bench -- --keep`.
 *
 *   npx tsx bench/sql-cpu.ts bench/proposals/stats-current.sql [runs=5] ["set jit = off"]
 */
import fs from 'node:fs';
import pg from 'pg';
import { databaseUrl } from './load.js';
import { fmtMs, summarize } from './measure.js';

const [file, runsRaw, setup] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx bench/sql-cpu.ts FILE.sql [runs] ["set …"]');
const text = fs.readFileSync(file, 'utf8');
const url =
  process.env.BENCH_DATABASE_URL ??
  databaseUrl(
    process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    process.env.BENCH_DATABASE ?? 'nv_bench',
  );
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  if (setup) await client.query(setup);
  const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  const cpuMs = () => {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  };
  await client.query(text);
  const runs = Number(runsRaw ?? 5);
  const walls: number[] = [];
  const cpuStart = cpuMs();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await client.query(text);
    walls.push(performance.now() - t);
  }
  const w = summarize(walls);
  console.log(
    `${file}${setup ? ` (${setup})` : ''}: backend CPU ${fmtMs((cpuMs() - cpuStart) / runs)} per run (mean of ${runs}); wall p50 ${fmtMs(w.p50)}, min ${fmtMs(w.min)}`,
  );
} finally {
  await client.end();
}
