import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connect } from './connection.js';

const url = process.env.DATABASE_URL;

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
