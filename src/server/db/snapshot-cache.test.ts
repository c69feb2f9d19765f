import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/db.js';
import { SnapshotCache } from './snapshot-cache.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ seed: false });
});
afterAll(async () => t?.close());

const countUnits = async (db: TestDb['db']) => ({
  units: Number((await sql<{ n: number }>`select count(*) as n from units`.execute(db)).rows[0]!.n),
});
const addUnit = (code: string) =>
  t.db
    .insertInto('units')
    .values({
      code,
      name: `Đơn vị ${code}`,
      kind: 'district',
      parent_id: null,
      path: `/x${code}/`,
      search_text: code,
    } as never)
    .execute();

/**
 * On PostgreSQL the snapshot belongs to the whole cluster, where other test files commit at any
 * moment (as other databases would in production, costing only a recomputation). A check that an
 * answer is reused is therefore made over a stretch in which nothing was committed anywhere:
 * the block is run again, on fresh state, until the cluster's snapshot is the same after it.
 */
async function whileNothingCommits<T>(run: () => Promise<T>): Promise<T> {
  const snapshot = async () =>
    (await sql<{ s: string }>`select pg_current_snapshot()::text as s`.execute(t.db)).rows[0]!.s;
  for (let attempt = 1; ; attempt++) {
    const before = await snapshot();
    const result = await run();
    if ((await snapshot()) === before || attempt === 100) return result;
  }
}

describe('SnapshotCache', () => {
  it('reuses an answer while nothing is committed, and computes again after any commit', async () => {
    const { cache, get, first, again, computed } = await whileNothingCommits(async () => {
      const cache = new SnapshotCache<{ units: number }>();
      const counter = { computed: 0 };
      const get = () => cache.get(t.db, 'k', async (db) => (counter.computed++, countUnits(db)));
      const first = await get();
      const again = await get();
      return { cache, get, first, again, computed: counter };
    });
    expect(again).toEqual(first);
    expect(computed.computed).toBe(1);
    await addUnit('A1');
    expect(await get()).toEqual({ units: first.units + 1 });
    expect(computed.computed).toBe(2);
    expect([cache.hits, cache.misses]).toEqual([1, 2]);
  });

  it('keeps answers apart by key and hands out copies', async () => {
    const cache = new SnapshotCache<{ units: number }>();
    const a = await cache.get(t.db, 'a', async () => ({ units: 1 }));
    a.units = 99;
    expect(await cache.get(t.db, 'a', async () => ({ units: 2 }))).toEqual({ units: 1 });
    expect(await cache.get(t.db, 'b', async () => ({ units: 3 }))).toEqual({ units: 3 });
  });

  it('uses the snapshot of a caller’s repeatable-read transaction, which later commits do not move', async () => {
    const cache = new SnapshotCache<{ units: number }>();
    await t.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const inside = await cache.get(trx, 'k', countUnits);
        expect(await cache.get(trx, 'k', async () => ({ units: -1 }))).toEqual(inside);
      });
  });

  it('forgets the least recently used answer beyond its size', async () => {
    const computed = await whileNothingCommits(async () => {
      const cache = new SnapshotCache<number>(2);
      let computed = 0;
      const get = (key: string) => cache.get(t.db, key, async () => ++computed);
      await get('a');
      await get('b');
      await get('a');
      await get('c'); // drops b, the least recently used
      await get('a');
      const beforeB = computed;
      await get('b');
      return [beforeB, computed];
    });
    expect(computed).toEqual([3, 4]);
  });
});

describe.runIf(process.env.DATABASE_URL)('SnapshotCache on PostgreSQL with a writer', () => {
  it('does not reuse an answer once a transaction that was running when it was computed commits', async () => {
    const cache = new SnapshotCache<{ units: number }>();
    const writer = await t.handle.db.connection().execute(async (conn) => {
      await sql`begin`.execute(conn);
      await sql`insert into units (code, name, kind, path, search_text) values ('W1', 'Đơn vị W1', 'district', '/xW1/', 'w1')`.execute(
        conn,
      );
      const before = await cache.get(t.db, 'k', countUnits);
      await sql`commit`.execute(conn);
      return before;
    });
    expect(await cache.get(t.db, 'k', countUnits)).toEqual({ units: writer.units + 1 });
  });
});
