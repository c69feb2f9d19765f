import { sql, type Expression } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { StatusRules } from '../../domain/task-status.js';
import type { GroupBy, StatsFilter } from './queries.js';

/**
 * The counts kept per month and year of the tasks' last fact day (migration 0007): the part of
 * the statistics that needs no task read on a cut-off. A task whose last fact day is before the
 * cut-off's month has the same category on the cut-off as on any later day; those are summed
 * here, whole years before the cut-off's year and whole months of its year before its month.
 */

/** The filters the kept counts can answer: no period (those read the tasks' own dates). */
export function frozenCountsAnswer(f: StatsFilter): boolean {
  return !f.assignedFrom && !f.assignedTo && !f.dueFrom && !f.dueTo;
}

/** First day of the cut-off's month: tasks whose last fact day is on it or later are counted one by one. */
export const frozenBefore = (asOf: string) => `${asOf.slice(0, 7)}-01`;

export function frozenCounts(
  db: Db,
  groupBy: GroupBy,
  f: StatsFilter,
  rules: StatusRules,
  fields: readonly string[] | null,
) {
  const month = frozenBefore(f.asOf);
  const year = `${f.asOf.slice(0, 4)}-01-01`;
  const onTime = rules.extensionCountsAsOnTime ? sql.ref('c.on_time_extended') : sql.ref('c.on_time_original');
  const sum = (e: Expression<unknown>) => sql<number>`sum(${e})`;
  let q = db
    .selectFrom('frozen_task_counts as c')
    .select([
      keyOf(groupBy).as('key'),
      sum(onTime).as('on_time'),
      sum(sql`c.confirmed - ${onTime}`).as('late'),
      sum(sql`c.tasks - c.confirmed - c.dated + c.confirmed_dated`).as('in_progress'),
      sum(sql`c.dated - c.confirmed_dated`).as('overdue'),
      sum(sql`c.dated`).as('due_by_cutoff'),
      sum(sql`c.confirmed_dated`).as('completed_of_due'),
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('c.span', '=', 'year'), eb('c.bucket', '<', year)]),
        eb.and([eb('c.span', '=', 'month'), eb('c.bucket', '>=', year), eb('c.bucket', '<', month)]),
      ]),
    );
  if (fields) q = q.where('c.field_code', 'in', fields.length ? [...fields] : [NO_FIELD_MATCH]);
  if (f.topLevel) q = q.where('c.top_level', '=', true);
  if (f.fieldCode) q = q.where('c.field_code', '=', f.fieldCode);
  if (f.unitId)
    q = q.where(
      'c.lead_unit_id',
      'in',
      sql<number>`(select id from units where path like (select path from units where id = ${f.unitId}) || '%')`,
    );
  return q.groupBy(sql`1`);
}

/** No field has this code: a scope of no fields sees nothing. */
const NO_FIELD_MATCH = '\u0000';

function keyOf(groupBy: GroupBy) {
  switch (groupBy) {
    case 'lead_unit':
      return sql<string | number | null>`c.lead_unit_id`;
    case 'authority':
      return sql<string | number | null>`c.assigner_unit_id`;
    case 'field':
      return sql<string | number | null>`nullif(c.field_code, '')`;
    case 'leader':
      return sql<string | number | null>`nullif(c.leader_user_id, 0)`;
  }
}

/**
 * Folds the signed rows the triggers added since the last compaction into one row per group:
 * the groups touched are rewritten, the rest stay. Safe beside writers and other compactions
 * (rows committed after the statement began are left for the next one). Returns the rows folded.
 */
export async function compactFrozenCounts(db: Db): Promise<number> {
  const keys = sql.raw('span, bucket, lead_unit_id, assigner_unit_id, field_code, leader_user_id, top_level');
  const same = sql.raw(
    ['span', 'bucket', 'lead_unit_id', 'assigner_unit_id', 'field_code', 'leader_user_id', 'top_level']
      .map((k) => `c.${k} = t.${k}`)
      .join(' and '),
  );
  const counts = ['tasks', 'confirmed', 'on_time_extended', 'on_time_original', 'dated', 'confirmed_dated'];
  const result = await sql<{ folded: number }>`
    with touched as (select distinct ${keys} from frozen_task_counts where not compacted),
    gone as (delete from frozen_task_counts c using touched t where ${same} returning c.*),
    kept as (
      insert into frozen_task_counts (${keys}, ${sql.raw(counts.join(', '))}, compacted)
      select ${keys}, ${sql.raw(counts.map((c) => `sum(${c})`).join(', '))}, true from gone
      group by ${keys}
      having ${sql.raw(counts.map((c) => `sum(${c}) <> 0`).join(' or '))}
      returning 1)
    select (select count(*) from gone)::int as folded`.execute(db);
  return result.rows[0]?.folded ?? 0;
}
