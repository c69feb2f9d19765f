import type { StatsGroupBy, StatsRow, StatusCategory, TaskFilters } from '../../api/types';

export interface DashboardScope {
  asOf: string;
  unitId?: number;
}

/**
 * The task-list filters that show exactly the tasks behind one number of the statistics: the
 * same cut-off, top-level tasks only (as the statistics count), the row's group and the column's
 * status. Null when the group cannot be expressed as a filter (e.g. "no field").
 */
export function tasksBehind(
  groupBy: StatsGroupBy,
  row: StatsRow | null,
  status: StatusCategory | undefined,
  scope: DashboardScope,
): TaskFilters | null {
  // Without a status, "assigned" means every task the statistics count (not withdrawn or cancelled by the cut-off).
  const base: TaskFilters = { asOf: scope.asOf, topLevel: true, ...(status ? { status } : { counted: true }) };
  const scoped: TaskFilters = scope.unitId ? { unitId: scope.unitId, role: 'lead' } : {};
  if (!row) return { ...base, ...scoped };
  if (row.key === null || row.key === undefined) return null;
  switch (groupBy) {
    case 'lead_unit':
      return { ...base, unitId: Number(row.key), subtree: false, role: 'lead' };
    case 'field':
      return { ...base, ...scoped, fieldCode: String(row.key) };
    case 'authority':
      return { ...base, ...scoped, authorityId: Number(row.key) };
    case 'leader':
      return null;
  }
}
