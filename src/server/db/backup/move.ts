import { sql } from 'kysely';
import pg from 'pg';
import { connect, embeddedHolder, type Db } from '../connection.js';
import { migrateToLatest } from '../migrate.js';

/** Rows per fetch from the embedded database, and the most JSON text sent in one INSERT. */
const FETCH_ROWS = 500;
const BATCH_CHARS = 8 * 1024 * 1024;

export interface MoveResult {
  tables: { table: string; rows: number }[];
}

interface TableInfo {
  name: string;
  columns: string[];
  foreignKeys: { name: string; definition: string }[];
}

/**
 * Copies an embedded installation (DATA_DIR) into an empty PostgreSQL database, so an office
 * that started with `npm start` moves to a server without retyping anything. The target gets
 * this version's schema from the migrations; then, in one transaction, every table's rows are
 * copied as they are (values through their text form, so nothing is rounded: the audit chain
 * still verifies), with the tables' own triggers off (the kept counts are copied, not
 * recounted) and the foreign keys dropped and added back at the end, which checks every row;
 * the sequences continue where the embedded ones stood. Nothing is written to the target
 * unless all of it is.
 */
export async function moveToPostgres(dataDir: string, targetUrl: string): Promise<MoveResult> {
  const holder = embeddedHolder(dataDir);
  if (holder) throw new Error(`The server (process ${holder}) is using ${dataDir}: stop it before moving.`);
  const source = await connect({ dataDir });
  const target = new pg.Client({ connectionString: targetUrl });
  try {
    await migrateToLatest(source.db);
    await target.connect();
    await assertEmpty(target);
    const migrated = await connect({ databaseUrl: targetUrl, poolSize: 1 });
    await migrateToLatest(migrated.db).finally(() => migrated.close());
    return await copyAll(source.db, target);
  } finally {
    await target.end().catch(() => {});
    await source.close();
  }
}

async function assertEmpty(target: pg.Client): Promise<void> {
  const res = await target.query<{ exists: boolean }>(`select to_regclass('public.units') is not null as exists`);
  if (!res.rows[0]?.exists) return;
  const units = await target.query<{ n: number }>('select count(*)::int as n from units');
  if ((units.rows[0]?.n ?? 0) > 0)
    throw new Error('The target database already holds an installation (its units table has rows): use an empty one.');
}

async function copyAll(source: Db, target: pg.Client): Promise<MoveResult> {
  const tables = await tablesOf(target);
  const names = tables.map((t) => ident(t.name));
  const result: MoveResult = { tables: [] };
  await target.query('begin');
  try {
    for (const t of tables) {
      for (const fk of t.foreignKeys)
        await target.query(`alter table ${ident(t.name)} drop constraint ${ident(fk.name)}`);
      await target.query(`alter table ${ident(t.name)} disable trigger user`);
    }
    // Rows the migrations themselves wrote (defaults) make way for the installation's own.
    if (names.length) await target.query(`truncate ${names.join(', ')}`);
    await source.connection().execute(async (db) => {
      await sql`begin isolation level repeatable read read only`.execute(db);
      try {
        for (const t of tables) result.tables.push({ table: t.name, rows: await copyTable(db, target, t) });
        await copySequences(db, target);
      } finally {
        await sql`rollback`.execute(db);
      }
    });
    for (const t of tables) {
      await target.query(`alter table ${ident(t.name)} enable trigger user`);
      for (const fk of t.foreignKeys)
        await target.query(`alter table ${ident(t.name)} add constraint ${ident(fk.name)} ${fk.definition}`);
    }
    await target.query('commit');
    return result;
  } catch (err) {
    await target.query('rollback').catch(() => {});
    throw err;
  }
}

async function copyTable(db: Db, target: pg.Client, t: TableInfo): Promise<number> {
  const columns = t.columns.map(ident).join(', ');
  const insert = `insert into ${ident(t.name)} (${columns})
    select ${columns} from jsonb_populate_recordset(null::${ident(t.name)}, $1::jsonb)`;
  await sql`declare nv_move no scroll cursor for select to_jsonb(r)::text as row from ${sql.table(t.name)} r`.execute(
    db,
  );
  let copied = 0;
  let batch: string[] = [];
  let chars = 0;
  const flush = async () => {
    if (!batch.length) return;
    await target.query(insert, [`[${batch.join(',')}]`]);
    copied += batch.length;
    batch = [];
    chars = 0;
  };
  for (;;) {
    const rows = (await sql<{ row: string }>`fetch ${sql.raw(String(FETCH_ROWS))} from nv_move`.execute(db)).rows;
    for (const { row } of rows) {
      if (chars + row.length > BATCH_CHARS) await flush();
      batch.push(row);
      chars += row.length;
    }
    if (rows.length < FETCH_ROWS) break;
  }
  await flush();
  await sql`close nv_move`.execute(db);
  return copied;
}

/** Each sequence (the identity columns') goes on from where it stood, so new ids never collide. */
async function copySequences(db: Db, target: pg.Client): Promise<void> {
  const sequences = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'S' and n.nspname = 'public'`.execute(db);
  for (const { name } of sequences.rows) {
    const state = await sql<{ last_value: number; is_called: boolean }>`
      select last_value, is_called from ${sql.table(name)}`.execute(db);
    const s = state.rows[0];
    if (s)
      await target.query('select setval($1::regclass, $2, $3)', [`public.${ident(name)}`, s.last_value, s.is_called]);
  }
}

/** The installation's tables (not the migrations' bookkeeping), their columns and foreign keys, from the target's catalog. */
async function tablesOf(target: pg.Client): Promise<TableInfo[]> {
  const tables = await target.query<{ name: string; columns: string[] }>(`
    select c.relname as name,
      array_agg(a.attname::text order by a.attnum) as columns
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    where n.nspname = 'public' and c.relkind = 'r' and not c.relispartition and c.relname not like 'kysely_migration%'
    group by c.relname order by c.relname`);
  const keys = await target.query<{ table: string; name: string; definition: string }>(`
    select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as definition
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where c.contype = 'f' and n.nspname = 'public'`);
  return tables.rows.map((t) => ({
    name: t.name,
    columns: t.columns,
    foreignKeys: keys.rows.filter((k) => k.table.replace(/"/g, '') === t.name),
  }));
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
