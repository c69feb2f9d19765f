import { sql, type Transaction, type Updateable } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import type { InspectionsTable } from '../../db/schema-inspections.js';

/** The SQL of the inspection tables, in one place. */
type Executor = Db | Transaction<Database>;

export async function findPlan(db: Executor, id: number) {
  return db.selectFrom('inspection_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockPlan(trx: Transaction<Database>, id: number) {
  return trx.selectFrom('inspection_plans').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function planTeam(db: Executor, planIds: number[]) {
  if (planIds.length === 0) return [];
  return db
    .selectFrom('inspection_team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('units as un', 'un.id', 'u.unit_id')
    .select(['m.plan_id', 'm.is_leader', 'u.id', 'u.full_name', 'u.title', 'un.name as unit_name'])
    .where('m.plan_id', 'in', planIds)
    .orderBy('m.is_leader', 'desc')
    .orderBy('u.full_name')
    .execute();
}

export async function replaceTeam(
  trx: Transaction<Database>,
  planId: number,
  leaderUserId: number,
  memberUserIds: number[],
): Promise<void> {
  await trx.deleteFrom('inspection_team_members').where('plan_id', '=', planId).execute();
  const members = [...new Set(memberUserIds)].filter((u) => u !== leaderUserId);
  await trx
    .insertInto('inspection_team_members')
    .values([
      { plan_id: planId, user_id: leaderUserId, is_leader: true },
      ...members.map((user_id) => ({ plan_id: planId, user_id, is_leader: false })),
    ])
    .execute();
}

export async function activeUsers(db: Executor, ids: number[]) {
  return ids.length
    ? db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', ids).where('active', '=', true).execute()
    : [];
}

export async function inspectableUnits(db: Executor, ids: number[]) {
  return ids.length
    ? db
        .selectFrom('units')
        .select(['id', 'path', 'name', 'code'])
        .where('id', 'in', ids)
        .where('active', '=', true)
        .where('kind', '!=', 'authority')
        .execute()
    : [];
}

/** Records with their unit and plan, the columns every presenter needs. */
export function recordsQuery(db: Executor) {
  return db
    .selectFrom('inspections as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .innerJoin('inspection_plans as p', 'p.id', 'i.plan_id')
    .leftJoin('units as au', 'au.id', 'i.assigner_unit_id')
    .select([
      'i.id',
      'i.plan_id',
      'i.unit_id',
      'i.scheduled_on',
      'i.inspected_on',
      'i.status',
      'i.findings',
      'i.conclusion',
      'i.conclusion_number',
      'i.concluded_on',
      'i.assigner_unit_id',
      'i.document_id',
      'i.published_at',
      'i.version',
      'i.updated_at',
      'u.code as unit_code',
      'u.name as unit_name',
      'u.path as unit_path',
      'p.title as plan_title',
      'p.kind as plan_kind',
      'p.month as plan_month',
      'p.period_from',
      'p.period_to',
      'au.code as assigner_code',
      'au.name as assigner_name',
    ]);
}

export type RecordRow = Awaited<ReturnType<ReturnType<typeof recordsQuery>['executeTakeFirstOrThrow']>>;

export async function findRecord(db: Executor, id: number): Promise<RecordRow | undefined> {
  return recordsQuery(db).where('i.id', '=', id).executeTakeFirst();
}

export async function lockRecord(trx: Transaction<Database>, id: number) {
  await trx.selectFrom('inspections').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return findRecord(trx, id);
}

export async function recordResponsibilities(db: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('inspection_responsibilities')
    .selectAll()
    .where('inspection_id', 'in', ids)
    .orderBy('inspection_id')
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

/** Recommendations with the state of the task each became. */
export async function recordRecommendations(db: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('inspection_recommendations as r')
    .leftJoin('tasks as t', 't.id', 'r.task_id')
    .select([
      'r.id',
      'r.inspection_id',
      'r.content',
      'r.deadline',
      'r.field_code',
      'r.task_id',
      'r.sort',
      't.state as task_state',
      't.deadline as task_deadline',
      't.completed_on as task_completed_on',
    ])
    .where('r.inspection_id', 'in', ids)
    .orderBy('r.inspection_id')
    .orderBy('r.sort')
    .orderBy('r.id')
    .execute();
}

export async function replaceResponsibilities(
  trx: Transaction<Database>,
  inspectionId: number,
  rows: { personName: string; position?: string | null; fault: string; measure?: string | null }[],
) {
  await trx.deleteFrom('inspection_responsibilities').where('inspection_id', '=', inspectionId).execute();
  if (rows.length === 0) return;
  await trx
    .insertInto('inspection_responsibilities')
    .values(
      rows.map((r, i) => ({
        inspection_id: inspectionId,
        person_name: r.personName,
        position: r.position ?? null,
        fault: r.fault,
        measure: r.measure ?? null,
        sort: i,
      })),
    )
    .execute();
}

/** Replaces the recommendations that are not tasks yet; those already tasks stay. */
export async function replaceOpenRecommendations(
  trx: Transaction<Database>,
  inspectionId: number,
  rows: { content: string; deadline: string; fieldCode?: string | null }[],
) {
  await trx
    .deleteFrom('inspection_recommendations')
    .where('inspection_id', '=', inspectionId)
    .where('task_id', 'is', null)
    .execute();
  if (rows.length === 0) return;
  const { n } = await trx
    .selectFrom('inspection_recommendations')
    .select(sql<number>`count(*)`.as('n'))
    .where('inspection_id', '=', inspectionId)
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('inspection_recommendations')
    .values(
      rows.map((r, i) => ({
        inspection_id: inspectionId,
        content: r.content,
        deadline: r.deadline,
        field_code: r.fieldCode ?? null,
        sort: Number(n) + i,
      })),
    )
    .execute();
}

/** The conclusion as a directive document, so its follow-up tasks have a source like any other. */
export async function insertConclusionDocument(
  trx: Transaction<Database>,
  d: {
    numberSymbol: string;
    issuerUnitId: number;
    issuedOn: string;
    signer: string | null;
    summary: string;
    searchText: string;
    createdBy: number;
  },
): Promise<number> {
  const row = await trx
    .insertInto('documents')
    .values({
      number_symbol: d.numberSymbol,
      kind: 'Kết luận kiểm tra',
      issuer_unit_id: d.issuerUnitId,
      issued_on: d.issuedOn,
      signer: d.signer,
      summary: d.summary,
      search_text: d.searchText,
      created_by: d.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates a record if nobody changed it since `version` was read (optimistic locking). */
export async function bumpRecord(
  trx: Transaction<Database>,
  id: number,
  version: number,
  set: Updateable<InspectionsTable>,
): Promise<boolean> {
  const res = await trx
    .updateTable('inspections')
    .set((eb) => ({ ...set, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

const GENERATION_KEY = 'portal_generation';

/**
 * A counter bumped in every transaction that changes what the public portal shows (publish,
 * unpublish, edits of published items), so each app server can tell in one indexed read
 * whether its cached pages are still good. It lives in the settings table as `{ "n": 42 }`.
 */
export async function bumpPublicGeneration(trx: Transaction<Database>): Promise<void> {
  await sql`insert into settings (key, value) values (${GENERATION_KEY}, '{"n":1}'::jsonb)
    on conflict (key) do update set value = jsonb_build_object('n', coalesce((settings.value->>'n')::bigint, 0) + 1), updated_at = now()`.execute(
    trx,
  );
}

export async function publicGeneration(db: Db): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', GENERATION_KEY).executeTakeFirst();
  return Number((row?.value as { n?: number } | undefined)?.n ?? 0);
}
