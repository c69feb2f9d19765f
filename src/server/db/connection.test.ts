import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connect, PREPARED_STATEMENTS, withSessionSettings } from './connection.js';

const url = process.env.DATABASE_URL;

describe('session settings given in DATABASE_URL', () => {
  it('are kept beside the app’s own, which come last and so win', () => {
    expect(
      withSessionSettings(
        'postgres://u:p@db.example:5433/nv?options=-c%20log_min_duration_statement%3D0&sslmode=require',
        '-c jit=off',
      ),
    ).toEqual({
      connectionString: 'postgres://u:p@db.example:5433/nv?sslmode=require',
      options: '-c log_min_duration_statement=0 -c jit=off',
    });
    expect(withSessionSettings('postgres://db/nv', '-c jit=off')).toEqual({
      connectionString: 'postgres://db/nv',
      options: '-c jit=off',
    });
  });
});

describe.runIf(url)('a PostgreSQL connection whose URL carries options', () => {
  it('runs with both the operator’s settings and the app’s (JIT off, generic plans on the prepared pool)', async () => {
    const withOptions = new URL(url!);
    withOptions.searchParams.set('options', '-c statement_timeout=12345 -c jit=on');
    const handle = await connect({ databaseUrl: withOptions.toString(), poolSize: 1 });
    try {
      const show = async (db: typeof handle.db, name: string) =>
        (await sql<Record<string, string>>`select current_setting(${name}) as v`.execute(db)).rows[0]!.v;
      expect(await show(handle.db, 'statement_timeout')).toBe('12345ms');
      expect(await show(handle.db, 'jit')).toBe('off');
      expect(await show(handle.preparedDb, 'statement_timeout')).toBe('12345ms');
      expect(await show(handle.preparedDb, 'plan_cache_mode')).toBe('force_generic_plan');
    } finally {
      await handle.close();
    }
  });
});

// Only PostgreSQL has a server that can end a connection under us; PGlite runs in-process.
describe.runIf(url)('a PostgreSQL pool whose idle connection the server ends', () => {
  it('reports it, keeps the process alive and answers the next query on a new connection', async () => {
    const heard: Error[] = [];
    const handle = await connect({ databaseUrl: url, poolSize: 1, onIdleError: (e) => heard.push(e) });
    try {
      const before = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db);
      const pid = before.rows[0]!.pid;
      // Another session ends ours while it sits idle in the pool (what a restart or
      // DROP DATABASE … WITH (FORCE) does).
      const other = await connect({ databaseUrl: url, poolSize: 1 });
      await sql`select pg_terminate_backend(${pid})`.execute(other.db);
      await other.close();
      await expect.poll(() => heard.length, { timeout: 5_000 }).toBe(1);
      expect((heard[0] as Error & { code?: string }).code).toBe('57P01');
      const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db);
      expect(after.rows[0]!.pid).not.toBe(pid);
    } finally {
      await handle.close();
    }
  });
});

describe.runIf(url)('the prepared connections (PostgreSQL)', () => {
  it('keep each statement prepared and run it on one generic plan; the main pool plans per request', async () => {
    const handle = await connect({ databaseUrl: url, poolSize: 1 });
    try {
      const probe = (id: number) => sql`select count(*) from pg_class where oid = ${id}`.execute(handle.preparedDb);
      for (const id of [1, 2, 3]) await probe(id);
      const kept = await sql<{ generic_plans: number; custom_plans: number }>`
        select generic_plans::int, custom_plans::int from pg_prepared_statements where statement = 'select count(*) from pg_class where oid = $1'`.execute(
        handle.preparedDb,
      );
      expect(kept.rows).toEqual([{ generic_plans: 3, custom_plans: 0 }]);
      const mode = (db: typeof handle.db) =>
        sql<{ plan_cache_mode: string }>`show plan_cache_mode`.execute(db).then((r) => r.rows[0]!.plan_cache_mode);
      expect(await mode(handle.preparedDb)).toBe('force_generic_plan');
      expect(await mode(handle.db)).toBe('auto');
      const unnamed = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements`.execute(
        handle.db,
      );
      expect(unnamed.rows[0]!.n).toBe(0);
    } finally {
      await handle.close();
    }
  });

  it(`keep at most ${PREPARED_STATEMENTS} statements per connection and run the others unkept`, async () => {
    const handle = await connect({ databaseUrl: url, poolSize: 1 });
    try {
      for (let i = 0; i < PREPARED_STATEMENTS + 5; i++) {
        const r = await sql<{ n: number }>`select ${sql.lit(i)}::int + ${1}::int as n`.execute(handle.preparedDb);
        expect(r.rows[0]!.n).toBe(i + 1);
      }
      const kept = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements`.execute(
        handle.preparedDb,
      );
      expect(kept.rows[0]!.n).toBe(PREPARED_STATEMENTS);
    } finally {
      await handle.close();
    }
  });
});
