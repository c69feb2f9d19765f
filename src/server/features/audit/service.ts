import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Db } from '../../db/connection.js';

export interface AuditEntry {
  actorUserId: number | null;
  action: string;
  entity: string;
  entityId: string | number;
  data?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);
// Held by the one sequencer chaining rows now (any app server); writers never take it.
const AUDIT_SEQUENCER_LOCK = 7_245_002;
const SEAL_BATCH = 2_000;

/**
 * Appends an audit row inside the caller's transaction, unchained and without any lock: the
 * sequencer (sealAuditChain) chains it once it is committed. A long import's rows wait for
 * its commit without holding up anyone else's writes.
 */
export async function appendAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: new Date(),
      actor_user_id: entry.actorUserId,
      action: entry.action,
      entity: entry.entity,
      entity_id: String(entry.entityId),
      data: JSON.stringify(entry.data ?? {}),
    })
    .execute();
}

interface StoredRow {
  id: number;
  at: Date | string;
  actor_user_id: number | null;
  action: string;
  entity: string;
  entity_id: string;
  data: Record<string, unknown>;
}

/** What a row's hash covers: the row as stored (read back), so what is hashed is what is kept. */
function hashedForm(r: StoredRow): Record<string, unknown> {
  return {
    at: new Date(r.at).toISOString(),
    actor_user_id: r.actor_user_id,
    action: r.action,
    entity: r.entity,
    entity_id: r.entity_id,
    data: r.data,
  };
}

function chainHash(prevHash: string, row: Record<string, unknown>): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex');
}

/** JSON with sorted keys, so the hash does not depend on the order jsonb returns keys in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The sequencer: gives committed, unchained rows the next places in the chain (in id order
 * among those it sees) and their hashes, in batches, one transaction each. One sequencer at
 * a time: `wait` false (the scheduler) gives up when another holds the lock, true (the
 * verification) waits for it. Returns how many rows it chained.
 */
export async function sealAuditChain(db: Db, options: { wait?: boolean } = {}): Promise<number> {
  let sealed = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      if (options.wait) await sql`select pg_advisory_xact_lock(${AUDIT_SEQUENCER_LOCK})`.execute(trx);
      else {
        const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${AUDIT_SEQUENCER_LOCK}) as ok`.execute(
          trx,
        );
        if (!got.rows[0]?.ok) return 0;
      }
      const pending = await trx
        .selectFrom('audit_log')
        .select(['id', 'at', 'actor_user_id', 'action', 'entity', 'entity_id', 'data'])
        .where('seq', 'is', null)
        .orderBy('id')
        .limit(SEAL_BATCH)
        .execute();
      if (pending.length === 0) return 0;
      const last = await trx
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .where('seq', 'is not', null)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      let seq = last?.seq ?? 0;
      let prev = last?.hash ?? GENESIS;
      const ids: number[] = [];
      const seqs: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const r of pending) {
        const hash = chainHash(prev, hashedForm(r));
        ids.push(r.id);
        seqs.push(++seq);
        prevs.push(prev);
        hashes.push(hash);
        prev = hash;
      }
      await sql`update audit_log a set seq = v.seq, prev_hash = v.prev, hash = v.hash
        from unnest(${ids}::bigint[], ${seqs}::bigint[], ${prevs}::text[], ${hashes}::text[]) as v(id, seq, prev, hash)
        where a.id = v.id`.execute(trx);
      return pending.length;
    });
    sealed += n;
    if (n < SEAL_BATCH) return sealed;
  }
}

export interface ChainCheck {
  ok: boolean;
  /** Rows checked, in chain order. */
  rows: number;
  /** The first row (id) whose hash or link does not match, or that is missing from the order. */
  firstBrokenId: number | null;
  /** Committed rows not chained yet (written while the check ran). */
  pending: number;
}

/**
 * Chains what is pending, then recomputes the chain in its order: a row changed after the fact
 * breaks it there; a row removed leaves a gap in the places (or a wrong link).
 */
export async function verifyAuditChain(db: Db): Promise<ChainCheck> {
  await sealAuditChain(db, { wait: true });
  let prevHash = GENESIS;
  let rows = 0;
  let afterSeq = 0;
  for (;;) {
    const batch = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(5000)
      .execute();
    if (batch.length === 0) break;
    for (const r of batch) {
      const broken =
        r.seq !== afterSeq + 1 || r.prev_hash !== prevHash || chainHash(prevHash, hashedForm(r)) !== r.hash;
      if (broken) return { ok: false, rows, firstBrokenId: r.id, pending: await pendingRows(db) };
      prevHash = r.hash!;
      rows++;
      afterSeq = r.seq!;
    }
  }
  return { ok: true, rows, firstBrokenId: null, pending: await pendingRows(db) };
}

async function pendingRows(db: Db): Promise<number> {
  const r = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('seq', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
