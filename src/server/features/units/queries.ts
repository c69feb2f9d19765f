import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database, Unit } from '../../db/schema.js';

type Executor = Db | Transaction<Database>;

/** The API shape of a unit (docs/api.md, "Reference data"). */
export interface UnitView {
  id: number;
  code: string;
  name: string;
  kind: Unit['kind'];
  parentId: number | null;
  path: string;
  active: boolean;
  successorId: number | null;
  /** First day the unit existed (null: before the product's history). */
  validFrom: string | null;
  /** Exclusive: the day the act that ended it took effect. */
  validTo: string | null;
  version: number;
}

export function presentUnit(u: Unit): UnitView {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    kind: u.kind,
    parentId: u.parent_id,
    path: u.path,
    active: u.active,
    successorId: u.successor_id,
    validFrom: u.valid_from,
    validTo: u.valid_to,
    version: u.version,
  };
}

/** The unit tree, or only the units that existed on `asOf` (valid_to exclusive). */
export async function listUnits(db: Executor, asOf?: string): Promise<Unit[]> {
  let qb = db.selectFrom('units').selectAll().orderBy('path');
  if (asOf)
    qb = qb
      .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', asOf)]))
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', asOf)]));
  return qb.execute();
}

export async function findUnit(db: Executor, id: number): Promise<Unit | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockUnit(trx: Transaction<Database>, id: number): Promise<Unit | undefined> {
  return trx.selectFrom('units').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findUnitByCode(db: Executor, code: string): Promise<Unit | undefined> {
  return db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
}

// Moves and merges rewrite paths of whole subtrees; serializing them keeps two concurrent
// moves from each passing the cycle check against the other's stale tree.
const UNIT_TREE_LOCK = 7_245_002;

export async function lockUnitTree(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${UNIT_TREE_LOCK})`.execute(trx);
}

/**
 * Rewrites the materialized path of a unit and of every unit below it in one statement:
 * the prefix `oldPath` becomes `newPath`. Paths hold only digits and slashes, so LIKE is safe.
 */
export async function rewriteSubtreePaths(
  trx: Transaction<Database>,
  oldPath: string,
  newPath: string,
): Promise<number> {
  const res = await trx
    .updateTable('units')
    .set({ path: sql<string>`${newPath} || substr(path, ${oldPath.length + 1})` })
    .where('path', 'like', `${oldPath}%`)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function activeChildren(trx: Transaction<Database>, unitId: number): Promise<Unit[]> {
  return trx
    .selectFrom('units')
    .selectAll()
    .where('parent_id', '=', unitId)
    .where('active', '=', true)
    .orderBy('path')
    .execute();
}

export const OPEN_STATES = ['assigned', 'received', 'in_progress', 'completion_reported'] as const;

/** Open tasks led by a unit, locked for the merge that moves them. */
export async function lockOpenTasksLedBy(trx: Transaction<Database>, unitId: number) {
  return trx
    .selectFrom('tasks')
    .select(['id', 'version', 'lead_unit_id'])
    .where('lead_unit_id', '=', unitId)
    .where('state', 'in', [...OPEN_STATES])
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Open sub-tasks the unit handed down: whoever decides on them (extensions, completion) is the unit. */
export async function lockOpenTasksAssignedBy(trx: Transaction<Database>, unitId: number) {
  return trx
    .selectFrom('tasks')
    .select(['id', 'version'])
    .where('assigner_unit_id', '=', unitId)
    .where('parent_id', 'is not', null)
    .where('state', 'in', [...OPEN_STATES])
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function countOpenTasksLedBy(db: Executor, unitId: number): Promise<number> {
  const row = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('lead_unit_id', '=', unitId)
    .where('state', 'in', [...OPEN_STATES])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Hands the coordinating role on open tasks from one unit to another. Where the successor
 * already leads or coordinates the task, the old row is simply dropped (no duplicate role).
 * Returns the ids of the tasks whose coordinators changed.
 */
export async function moveOpenCoordination(
  trx: Transaction<Database>,
  fromUnitId: number,
  toUnitId: number,
): Promise<number[]> {
  const rows = await trx
    .selectFrom('task_coordinators as c')
    .innerJoin('tasks as t', 't.id', 'c.task_id')
    .select(['t.id', 't.lead_unit_id'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('task_coordinators as o')
            .select('o.task_id')
            .whereRef('o.task_id', '=', 't.id')
            .where('o.unit_id', '=', toUnitId),
        )
        .as('successor_coordinates'),
    )
    .where('c.unit_id', '=', fromUnitId)
    .where('t.state', 'in', [...OPEN_STATES])
    .orderBy('t.id')
    .execute();
  for (const r of rows) {
    if (r.lead_unit_id === toUnitId || r.successor_coordinates) {
      await trx.deleteFrom('task_coordinators').where('task_id', '=', r.id).where('unit_id', '=', fromUnitId).execute();
    } else {
      await trx
        .updateTable('task_coordinators')
        .set({ unit_id: toUnitId })
        .where('task_id', '=', r.id)
        .where('unit_id', '=', fromUnitId)
        .execute();
    }
  }
  return rows.map((r) => r.id);
}

export async function listFields(db: Executor) {
  const rows = await db.selectFrom('fields').selectAll().orderBy('sort').orderBy('code').execute();
  return rows.map((f) => ({ code: f.code, nameVi: f.name_vi, nameEn: f.name_en, isPriority: f.is_priority }));
}
