import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Period } from '../../domain/review.js';
import type { ReviewScope } from './queries.js';

export interface DossierCounts {
  received: number;
  resolvedOnTime: number;
  resolvedLate: number;
  pendingOnTime: number;
  pendingOverdue: number;
}

const empty = (): DossierCounts => ({
  received: 0,
  resolvedOnTime: 0,
  resolvedLate: 0,
  pendingOnTime: 0,
  pendingOverdue: 0,
});

/**
 * Administrative-procedure dossiers beside the task record: the imported periods that end
 * within the review period, per unit (rolled up like the review rows) or per field.
 */
export async function dossierSums(
  db: Db,
  groupBy: 'lead_unit' | 'field',
  period: Period,
  scope: ReviewScope,
  unitRow?: (unitId: number) => string,
) {
  let qb = db
    .selectFrom('dossier_stats as d')
    .select([
      groupBy === 'lead_unit' ? 'd.unit_id as key' : 'd.field_code as key',
      sql<number>`sum(d.received)::int`.as('received'),
      sql<number>`sum(d.resolved_on_time)::int`.as('resolved_on_time'),
      sql<number>`sum(d.resolved_late)::int`.as('resolved_late'),
      sql<number>`sum(d.pending_on_time)::int`.as('pending_on_time'),
      sql<number>`sum(d.pending_overdue)::int`.as('pending_overdue'),
    ])
    .where('d.period_end', '>=', period.start)
    .where('d.period_end', '<=', period.end)
    .groupBy(groupBy === 'lead_unit' ? 'd.unit_id' : 'd.field_code');
  if (scope.unitId)
    qb = qb.where(
      'd.unit_id',
      'in',
      sql<number>`(select id from units where path like (select path from units where id = ${scope.unitId}) || '%')`,
    );
  if (scope.fieldCode) qb = qb.where('d.field_code', '=', scope.fieldCode);
  const rows = new Map<string, DossierCounts>();
  const totals = empty();
  for (const r of await qb.execute()) {
    const key = groupBy === 'lead_unit' && unitRow ? unitRow(Number(r.key)) : String(r.key);
    const c = rows.get(key) ?? empty();
    const add: DossierCounts = {
      received: Number(r.received),
      resolvedOnTime: Number(r.resolved_on_time),
      resolvedLate: Number(r.resolved_late),
      pendingOnTime: Number(r.pending_on_time),
      pendingOverdue: Number(r.pending_overdue),
    };
    for (const k of Object.keys(add) as (keyof DossierCounts)[]) {
      c[k] += add[k];
      totals[k] += add[k];
    }
    rows.set(key, c);
  }
  return { rows, totals };
}
