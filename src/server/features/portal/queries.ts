import type { Transaction } from 'kysely';
import { isReportingUnit } from '../../db/reporting-units.js';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';

/** The SQL of the portal's tables: used challenges and feedback. */
type Executor = Db | Transaction<Database>;

/**
 * Records a challenge nonce; false when it was used before. Expired ones are swept now and then,
 * "expired" by the app's clock (the one that dated them), never by another.
 */
export async function consumeNonce(
  db: Db,
  nonce: string,
  expiresAt: Date,
  now: Date,
  sweep = Math.random() < 0.05,
): Promise<boolean> {
  if (sweep) await db.deleteFrom('portal_challenges_used').where('expires_at', '<', now).execute();
  const res = await db
    .insertInto('portal_challenges_used')
    .values({ nonce, expires_at: expiresAt })
    .onConflict((oc) => oc.column('nonce').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

export interface NewFeedback {
  name: string;
  phone: string | null;
  title: string;
  content: string;
  inspectionId: number | null;
  clientAddress: string | null;
  searchText: string;
}

export async function insertFeedback(trx: Transaction<Database>, f: NewFeedback): Promise<number> {
  const row = await trx
    .insertInto('portal_feedback')
    .values({
      name: f.name,
      phone: f.phone,
      title: f.title,
      content: f.content,
      inspection_id: f.inspectionId,
      client_address: f.clientAddress,
      search_text: f.searchText,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function feedbackQuery(db: Executor) {
  return db
    .selectFrom('portal_feedback as f')
    .leftJoin('inspections as i', 'i.id', 'f.inspection_id')
    .leftJoin('units as u', 'u.id', 'i.unit_id')
    .leftJoin('users as a', 'a.id', 'f.answered_by')
    .select([
      'f.id',
      'f.received_at',
      'f.name',
      'f.phone',
      'f.title',
      'f.content',
      'f.inspection_id',
      'f.client_address',
      'f.status',
      'f.answer',
      'f.answered_at',
      'f.answer_published_at',
      'f.version',
      'a.full_name as answered_by_name',
      'i.conclusion_number',
      'i.published_at as inspection_published_at',
      'u.name as unit_name',
    ]);
}

export type FeedbackRow = Awaited<ReturnType<ReturnType<typeof feedbackQuery>['executeTakeFirstOrThrow']>>;

export async function lockFeedback(trx: Transaction<Database>, id: number) {
  return trx.selectFrom('portal_feedback').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Departments, districts, and wards and communes under the city, whose name or code matches a folded query (the portal's search). */
export async function searchUnits(db: Db, pattern: string, limit: number) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name'])
    .where(isReportingUnit)
    .where('active', '=', true)
    .where('search_text', 'like', pattern)
    .orderBy('name')
    .limit(limit)
    .execute();
}

export async function findPublicUnit(db: Db, id: number) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'kind'])
    .where('id', '=', id)
    .where(isReportingUnit)
    .executeTakeFirst();
}

/** The units whose record the portal shows: departments, districts, wards and communes under the city. */
export async function listPublicUnits(db: Db) {
  return db.selectFrom('units').select(['id', 'code', 'name']).where(isReportingUnit).orderBy('name').execute();
}
