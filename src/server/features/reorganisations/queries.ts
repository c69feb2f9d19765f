import type { Transaction } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import type { ReorganisationAct } from '../../db/schema-reorganisations.js';
import type { SuccessorRow } from '../../domain/succession.js';

type Executor = Db | Transaction<Database>;

export const OPEN_STATES = ['assigned', 'received', 'in_progress', 'completion_reported'] as const;

export interface UnitChangeView {
  unitId: number;
  code: string;
  name: string;
  change: 'start' | 'end' | 'rename';
  newName: string | null;
  newCode: string | null;
}

export interface SuccessorView extends SuccessorRow {
  id: number;
  note: string | null;
}

/** The API shape of an act (docs/api.md, "Reorganisations"). */
export interface ActView {
  id: number;
  numberSymbol: string;
  signedOn: string;
  effectiveOn: string;
  title: string;
  status: 'draft' | 'applied';
  appliedAt: string | null;
  result: unknown;
  version: number;
  unitChanges: UnitChangeView[];
  successors: SuccessorView[];
  choices: { taskId: number; unitId: number }[];
}

export async function listActs(db: Executor) {
  const rows = await db
    .selectFrom('reorganisation_acts as a')
    .selectAll('a')
    .select((eb) => [
      eb
        .selectFrom('reorganisation_unit_changes as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.act_id', '=', 'a.id')
        .where('c.change', '=', 'end')
        .as('ended'),
      eb
        .selectFrom('reorganisation_unit_changes as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.act_id', '=', 'a.id')
        .where('c.change', '=', 'start')
        .as('started'),
    ])
    .orderBy('a.effective_on', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...presentHead(r), endedUnits: Number(r.ended), startedUnits: Number(r.started) }));
}

function presentHead(a: ReorganisationAct) {
  return {
    id: a.id,
    numberSymbol: a.number_symbol,
    signedOn: a.signed_on,
    effectiveOn: a.effective_on,
    title: a.title,
    status: a.status,
    appliedAt: a.applied_at ? new Date(a.applied_at).toISOString() : null,
    version: a.version,
  };
}

export async function findAct(db: Executor, id: number): Promise<ReorganisationAct | undefined> {
  return db.selectFrom('reorganisation_acts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockAct(trx: Transaction<Database>, id: number): Promise<ReorganisationAct | undefined> {
  return trx.selectFrom('reorganisation_acts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function actView(db: Executor, act: ReorganisationAct): Promise<ActView> {
  const [unitChanges, successors, choices] = await Promise.all([
    db
      .selectFrom('reorganisation_unit_changes as c')
      .innerJoin('units as u', 'u.id', 'c.unit_id')
      .select(['c.unit_id', 'u.code', 'u.name', 'c.change', 'c.new_name', 'c.new_code'])
      .where('c.act_id', '=', act.id)
      .orderBy('c.change')
      .orderBy('u.path')
      .execute(),
    successorRows(db, act.id),
    db
      .selectFrom('reorganisation_task_choices')
      .select(['task_id', 'new_unit_id'])
      .where('act_id', '=', act.id)
      .orderBy('task_id')
      .execute(),
  ]);
  return {
    ...presentHead(act),
    result: act.result ?? null,
    unitChanges: unitChanges.map((c) => ({
      unitId: c.unit_id,
      code: c.code,
      name: c.name,
      change: c.change,
      newName: c.new_name,
      newCode: c.new_code,
    })),
    successors,
    choices: choices.map((c) => ({ taskId: c.task_id, unitId: c.new_unit_id })),
  };
}

export async function successorRows(db: Executor, actId: number): Promise<SuccessorView[]> {
  const rows = await db
    .selectFrom('reorganisation_successors')
    .selectAll()
    .where('act_id', '=', actId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    oldUnitId: r.old_unit_id,
    newUnitId: r.new_unit_id,
    kind: r.kind,
    fieldCodes: r.field_codes,
    isDefault: r.is_default,
    note: r.note,
  }));
}

export async function endedUnitIds(db: Executor, actId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('reorganisation_unit_changes')
    .select('unit_id')
    .where('act_id', '=', actId)
    .where('change', '=', 'end')
    .orderBy('unit_id')
    .execute();
  return rows.map((r) => r.unit_id);
}

export async function taskChoices(db: Executor, actId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('reorganisation_task_choices')
    .select(['task_id', 'new_unit_id'])
    .where('act_id', '=', actId)
    .execute();
  return new Map(rows.map((r) => [r.task_id, r.new_unit_id]));
}

/** Open tasks led by the ended units (with their field, for the rules). */
export async function openTasksLedBy(db: Executor, unitIds: number[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('tasks')
    .select(['id', 'lead_unit_id', 'field_code', 'content', 'version'])
    .where('lead_unit_id', 'in', unitIds)
    .where('state', 'in', [...OPEN_STATES])
    .orderBy('id')
    .execute();
}

/** Open tasks whose assigning unit — the one that decides extensions and completion — is ended. */
export async function openTasksAssignedBy(db: Executor, unitIds: number[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('tasks')
    .select(['id', 'assigner_unit_id', 'field_code', 'version'])
    .where('assigner_unit_id', 'in', unitIds)
    .where('state', 'in', [...OPEN_STATES])
    .orderBy('id')
    .execute();
}

export async function openCoordination(db: Executor, unitIds: number[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('task_coordinators as c')
    .innerJoin('tasks as t', 't.id', 'c.task_id')
    .select(['c.task_id', 'c.unit_id', 't.field_code', 't.lead_unit_id'])
    .where('c.unit_id', 'in', unitIds)
    .where('t.state', 'in', [...OPEN_STATES])
    .orderBy('c.task_id')
    .execute();
}

export async function usersOf(db: Executor, unitIds: number[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'username', 'full_name', 'unit_id'])
    .where('unit_id', 'in', unitIds)
    .where('active', '=', true)
    .orderBy('id')
    .execute();
}

/** Pending extension requests on open tasks the ended units lead: they follow their tasks. */
export async function pendingExtensionCount(db: Executor, unitIds: number[]): Promise<number> {
  if (unitIds.length === 0) return 0;
  const row = await db
    .selectFrom('extension_requests as e')
    .innerJoin('tasks as t', 't.id', 'e.task_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('t.lead_unit_id', 'in', unitIds)
    .where('t.state', 'in', [...OPEN_STATES])
    .where('e.status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Open tasks the ended units lead whose completion report awaits the assigning side's decision. */
export async function reportedCount(db: Executor, unitIds: number[]): Promise<number> {
  if (unitIds.length === 0) return 0;
  const row = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('lead_unit_id', 'in', unitIds)
    .where('state', '=', 'completion_reported')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
