import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/db.js';
import pg from 'pg';
import { migrateToLatest } from './migrate.js';
import { UNWATCHED } from './migrations/0090_data_changes.js';
import { compactDataChanges, SnapshotCache } from './snapshot-cache.js';

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

describe('what moves the cache', () => {
  const counting = () => {
    const cache = new SnapshotCache<{ units: number }>();
    const seen = { computed: 0 };
    const get = () => cache.get(t.db, 'k', async (db) => (seen.computed++, countUnits(db)));
    return { get, seen };
  };

  it('not sign-ins, sessions, sent mail or the audit log; any watched table does', async () => {
    const { get, seen } = counting();
    await get();
    // Statements that fire a watched table's trigger even when they change no row.
    await sql`update audit_log set action = action where false`.execute(t.db);
    await sql`delete from sessions where false`.execute(t.db);
    await sql`update mail_outbox set id = id where false`.execute(t.db);
    await get();
    expect(seen.computed).toBe(1);
    await sql`update units set name = name where false`.execute(t.db); // a statement that changes no row still counts
    await get();
    expect(seen.computed).toBe(2);
  });

  it('watches every table but the unwatched ones, including a table a later migration adds', async () => {
    await sql`create table later_feature (id int)`.execute(t.db);
    await migrateToLatest(t.db);
    const rows = await sql<{ relname: string; watched: boolean }>`
      select c.relname, exists (select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'note_data_change') as watched
      from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'`.execute(t.db);
    const unwatched = rows.rows.filter((r) => !r.watched).map((r) => r.relname);
    expect(unwatched.sort()).toEqual(UNWATCHED.filter((n) => rows.rows.some((r) => r.relname === n)).sort());
    expect(rows.rows.find((r) => r.relname === 'later_feature')?.watched).toBe(true);
    expect(rows.rows.find((r) => r.relname === 'tasks')?.watched).toBe(true);
    await sql`drop table later_feature`.execute(t.db);
  });

  it('keeps its answers across the folding of old change rows', async () => {
    const { get, seen } = counting();
    await addUnit('F1');
    await addUnit('F2');
    await get();
    expect(await compactDataChanges(t.db)).toBeGreaterThan(0);
    expect(Number((await sql<{ n: number }>`select count(*) as n from data_changes`.execute(t.db)).rows[0]!.n)).toBe(0);
    await get();
    expect(seen.computed).toBe(1);
    await addUnit('F3');
    expect((await get()).units).toBe((await countUnits(t.db)).units);
    expect(seen.computed).toBe(2);
  });

  it('computes afresh inside a transaction that has written, whose own change is not yet anyone else’s', async () => {
    const cache = new SnapshotCache<{ units: number }>();
    const before = await cache.get(t.db, 'k', countUnits);
    await t.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`insert into units (code, name, kind, path, search_text) values ('T1', 'Đơn vị T1', 'district', '/xT1/', 't1')`.execute(
          trx,
        );
        expect(await cache.get(trx, 'k', countUnits)).toEqual({ units: before.units + 1 });
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await cache.get(t.db, 'k', countUnits)).toEqual(before);
  });
});

describe.runIf(process.env.DATABASE_URL)('SnapshotCache on a shared PostgreSQL server', () => {
  it('reuses an answer while another database on the same server is being written to', async () => {
    const base = process.env.DATABASE_URL!;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    const other = `nv_other_${process.pid}_${Date.now()}`;
    await admin.query(`create database ${other}`);
    const url = new URL(base);
    url.pathname = `/${other}`;
    const writer = new pg.Client({ connectionString: url.toString() });
    await writer.connect();
    let writing = true;
    let writes = 0;
    try {
      await writer.query('create table busy (id serial primary key, at timestamptz default now())');
      const load = (async () => {
        while (writing) await writer.query('insert into busy default values').then(() => writes++);
      })();
      const cache = new SnapshotCache<{ units: number }>();
      let computed = 0;
      for (let i = 0; i < 20; i++) await cache.get(t.db, 'k', async (db) => (computed++, countUnits(db)));
      writing = false;
      await load;
      expect(writes).toBeGreaterThan(0);
      expect(computed).toBe(1);
    } finally {
      writing = false;
      await writer.end();
      await admin.query(`drop database if exists ${other} with (force)`);
      await admin.end();
    }
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
