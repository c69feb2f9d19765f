/**
 * The app on the database kept by `npm run bench -- --keep` (PostgreSQL), on port 3999 with
 * the benchmark's fixed today, for measuring one request by hand with wrk (bench/wrk-cpu.sh).
 * Logs in the officer and the clerk and writes their session cookies to /tmp/nv-bench-cookies.json.
 *
 *   npx tsx bench/serve-kept.ts &
 *   bash bench/wrk-cpu.sh chuyenvien '/api/tasks?status=in_progress_overdue'
 */
import fs from 'node:fs';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { fixedClock, type AppContext } from '../src/server/context.js';
import { connect } from '../src/server/db/connection.js';
import { DEMO_PASSWORD } from '../src/server/seed/organisation.js';
import { databaseUrl } from './load.js';

const url = databaseUrl(
  process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  process.env.BENCH_DATABASE ?? 'nv_bench',
);
const handle = await connect({ databaseUrl: url, poolSize: 10 });
const config = loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' });
const ctx: AppContext = {
  db: handle.db,
  preparedDb: handle.preparedDb,
  listen: handle.listen,
  dbKind: 'postgres',
  config,
  clock: fixedClock('2026-06-30'),
};
const app = await buildApp(ctx, { webRoot: '/nonexistent' });
const base = await app.listen({ port: 3999, host: '127.0.0.1' });
const cookies: Record<string, string> = {};
for (const username of ['chuyenvien', 'vanthu.badinh']) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  cookies[username] = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('nv_session='))!;
}
fs.writeFileSync('/tmp/nv-bench-cookies.json', JSON.stringify(cookies));
console.log(`serving ${url} at ${base} (pid ${process.pid}); cookies in /tmp/nv-bench-cookies.json`);
