/**
 * Writes the SQL the app sends for the benchmark's slow requests, as it is today and as
 * proposed in docs/performance.md, into bench/proposals/, for a database kept by
 * `npm run bench -- --keep`. Time them with bench/sql-cpu.ts. The proposals are textual
 * edits of the captured SQL, exactly the edits proposed for the query builders.
 *
 *   npx tsx bench/capture-sql.ts
 */
import fs from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { fixedClock, type AppContext } from '../src/server/context.js';
import type { Db } from '../src/server/db/connection.js';
import type { Database } from '../src/server/db/schema.js';
import { loadGrants } from '../src/server/features/auth/queries.js';
import { getStatusRules } from '../src/server/features/settings/service.js';
import { countByGroup } from '../src/server/features/stats/queries.js';
import { listTasks } from '../src/server/features/tasks/list.js';
import { TaskListQuery } from '../src/server/features/tasks/schema.js';
import { databaseUrl } from './load.js';

const TODAY = '2026-06-30';
const AS_OF = '2025-12-31';
const dir = new URL('./proposals/', import.meta.url);

const url =
  process.env.BENCH_DATABASE_URL ??
  databaseUrl(
    process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    process.env.BENCH_DATABASE ?? 'nv_bench',
  );
const pool = new pg.Pool({ connectionString: url, max: 1 });
const sent: { sql: string; parameters: readonly unknown[] }[] = [];
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (e) => void sent.push({ sql: e.query.sql, parameters: e.query.parameters }),
}) as Db;

/** The statement that reads `tasks`, with its parameters written in (dates, ids, patterns). */
async function capture(run: () => Promise<unknown>): Promise<string> {
  sent.length = 0;
  await run();
  const q = sent.find((s) => /from "tasks"|from \(select/.test(s.sql));
  if (!q) throw new Error('no statement on tasks was sent');
  return q.sql.replace(/\$(\d+)/g, (_, i: string) => {
    const v = q.parameters[Number(i) - 1];
    return typeof v === 'number' || typeof v === 'boolean' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
}

function write(name: string, text: string): void {
  fs.writeFileSync(new URL(name, dir), `${text.trim()};\n`);
  console.log(`bench/proposals/${name}`);
}

function edit(text: string, find: string, replace: (found: string) => string): string {
  const at = text.lastIndexOf(find);
  if (at < 0) throw new Error(`"${find}" not found: the query changed, update the proposal`);
  return text.slice(0, at) + replace(find) + text.slice(at + find.length);
}

try {
  const officer = await db
    .selectFrom('users')
    .select(['id', 'unit_id'])
    .where('username', '=', 'chuyenvien')
    .executeTakeFirstOrThrow();
  const principal = { userId: officer.id, unitId: officer.unit_id, grants: await loadGrants(db, officer.id) };
  const rules = await getStatusRules(db);
  const ctx = {
    db,
    preparedDb: db,
    dbKind: 'postgres',
    listen: () => async () => {},
    config: {} as AppContext['config'],
    clock: fixedClock(TODAY),
  } as AppContext;

  // Statistics: P2 fences the per-task subquery so the status is computed once per task.
  const stats = await capture(() => countByGroup(db, principal, 'lead_unit', { asOf: AS_OF, topLevel: true }, rules));
  write('stats.current.sql', stats);
  write(
    'stats.fenced.sql',
    edit(stats, ') as "s" where', (s) => ` offset 0${s}`),
  );

  // Overdue list, last page: P3 adds a sargable "still open on the cut-off" test (with tasks_open_as_of_idx).
  const query = TaskListQuery.parse({ status: 'in_progress_overdue', limit: 50 });
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await listTasks(ctx, principal, { ...query, cursor });
    if (!page.nextCursor || pages === 60) break;
    cursor = page.nextCursor;
    pages += 1;
  }
  const last = await capture(() => listTasks(ctx, principal, { ...query, cursor }));
  write('list-overdue-last.current.sql', last);
  const open = `coalesce(tasks.confirmed_on, '9999-12-31'::date) > '${TODAY}'::date and coalesce(tasks.ended_on, '9999-12-31'::date) > '${TODAY}'::date and `;
  write(
    'list-overdue-last.proposed.sql',
    edit(last, 'where ("tasks"."assigner_unit_id"', (s) => `where ${open}${s.slice(6)}`),
  );
  console.log(`(last page = page ${pages + 1})`);
} finally {
  await pool.end();
}
