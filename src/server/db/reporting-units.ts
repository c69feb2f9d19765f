import { sql } from 'kysely';

/**
 * The units that answer to the city themselves: departments, districts (until 1 July 2025),
 * and since then the wards and communes directly under an authority. For a query on `units`.
 */
export const isReportingUnit = sql<boolean>`(units.kind in ('department','district') or (units.kind in ('ward','commune') and units.parent_id in (select a.id from units a where a.kind = 'authority')))`;

/** Whether the unit existed on the day (valid_to is exclusive). */
export const validOn = (day: string) =>
  sql<boolean>`((units.valid_from is null or units.valid_from <= ${day}::date) and (units.valid_to is null or units.valid_to > ${day}::date))`;
