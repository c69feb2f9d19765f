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
// One advisory lock key for the chain: appends are serialized so each row names its predecessor.
const AUDIT_CHAIN_LOCK = 7_245_001;

/** Appends a hash-chained audit row inside the caller's transaction. */
export async function appendAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS;
  const at = new Date();
  const row = {
    at: at.toISOString(),
    actor_user_id: entry.actorUserId,
    action: entry.action,
    entity: entry.entity,
    entity_id: String(entry.entityId),
    data: entry.data ?? {},
  };
  await trx
    .insertInto('audit_log')
    .values({ ...row, at, data: JSON.stringify(row.data), prev_hash: prevHash, hash: chainHash(prevHash, row) })
    .execute();
}

function chainHash(prevHash: string, row: Record<string, unknown>): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex');
}

/** JSON with sorted keys, so the hash does not depend on the order jsonb returns keys in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface ChainCheck {
  ok: boolean;
  rows: number;
  firstBrokenId: number | null;
}

/** Recomputes the chain; a row changed or removed after the fact breaks it from there on. */
export async function verifyAuditChain(db: Db): Promise<ChainCheck> {
  let prevHash = GENESIS;
  let rows = 0;
  let afterId = 0;
  for (;;) {
    const batch = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (batch.length === 0) return { ok: true, rows, firstBrokenId: null };
    for (const r of batch) {
      const row = {
        at: new Date(r.at).toISOString(),
        actor_user_id: r.actor_user_id,
        action: r.action,
        entity: r.entity,
        entity_id: r.entity_id,
        data: r.data,
      };
      if (r.prev_hash !== prevHash || chainHash(prevHash, row) !== r.hash)
        return { ok: false, rows, firstBrokenId: r.id };
      prevHash = r.hash;
      rows++;
      afterId = r.id;
    }
  }
}
