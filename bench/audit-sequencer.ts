/**
 * The audit sequencer's cost (docs/decisions.md): appending N audit rows in one transaction
 * (what a large import does), then chaining them, then verifying the whole chain.
 * npx tsx bench/audit-sequencer.ts [rows=10000]   (DATABASE_URL for PostgreSQL; else PGlite in memory)
 */
import { connect } from '../src/server/db/connection.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { appendAudit, sealAuditChain, verifyAuditChain } from '../src/server/features/audit/service.js';

const rows = Number(process.argv[2] ?? 10_000);
const handle = await connect({ databaseUrl: process.env.DATABASE_URL, poolSize: 2 });
await migrateToLatest(handle.db);
const time = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await work();
  console.log(`${label}: ${(performance.now() - started).toFixed(0)} ms`);
  return result;
};
await time(`append ${rows} rows in one transaction`, () =>
  handle.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows; i++)
      await appendAudit(trx, {
        actorUserId: null,
        action: 'bench_row',
        entity: 'bench',
        entityId: i,
        data: { line: i, note: 'một dòng nhập từ tệp' },
      });
  }),
);
const sealed = await time('chain them (sequencer)', () => sealAuditChain(handle.db));
const check = await time('verify the whole chain', () => verifyAuditChain(handle.db));
console.log({ sealed, check, engine: handle.kind });
await handle.close();
