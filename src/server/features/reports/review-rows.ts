import type { Db } from '../../db/connection.js';
import { addCounts, computeRates, emptyCounts, type CategoryCounts } from '../../domain/rates.js';
import { rankBy, type Fraction } from '../../domain/review.js';
import type { ReviewTaskRow } from './queries.js';
import { keyString } from './queries.js';

/** The numbers of one review row: the four categories, due, extensions. Additive, so rows roll up. */
export interface RowCounts extends CategoryCounts {
  extAsked: number;
  extGranted: number;
}

export const emptyRowCounts = (): RowCounts => ({ ...emptyCounts(), extAsked: 0, extGranted: 0 });

export function addRowCounts(a: RowCounts, b: Partial<RowCounts>): RowCounts {
  const base = addCounts(a, { ...emptyCounts(), ...b });
  return { ...base, extAsked: a.extAsked + (b.extAsked ?? 0), extGranted: a.extGranted + (b.extGranted ?? 0) };
}

/** The measures a number in a review can be: each links to the tasks behind it. */
export const MEASURES = [
  'assigned',
  'due',
  'completed',
  'onTime',
  'late',
  'inProgress',
  'overdue',
  'completedOfDue',
  'extAsked',
  'extGranted',
] as const;
export type Measure = (typeof MEASURES)[number];

const STATUS_OF: Partial<Record<Measure, string>> = {
  onTime: 'completed_on_time',
  late: 'completed_late',
  inProgress: 'in_progress_on_time',
  overdue: 'in_progress_overdue',
};
const isCompleted = (s: string) => s === 'completed_on_time' || s === 'completed_late';

/** Whether one counted task is behind a number of the given measure. */
export function taskCountsIn(
  t: Pick<ReviewTaskRow, 'status' | 'is_due' | 'ext_asked' | 'ext_granted'>,
  measure: Measure,
): boolean {
  switch (measure) {
    case 'assigned':
      return true;
    case 'due':
      return t.is_due;
    case 'completed':
      return isCompleted(t.status);
    case 'completedOfDue':
      return t.is_due && isCompleted(t.status);
    case 'extAsked':
      return t.ext_asked > 0;
    case 'extGranted':
      return t.ext_granted > 0;
    default:
      return t.status === STATUS_OF[measure];
  }
}

/** Counts of one task, to sum tasks into rows the same way the SQL aggregate does. */
export function countsOfTask(t: ReviewTaskRow): RowCounts {
  return {
    onTime: t.status === 'completed_on_time' ? 1 : 0,
    late: t.status === 'completed_late' ? 1 : 0,
    inProgress: t.status === 'in_progress_on_time' ? 1 : 0,
    overdue: t.status === 'in_progress_overdue' ? 1 : 0,
    dueByCutoff: t.is_due ? 1 : 0,
    completedOfDue: t.is_due && isCompleted(t.status) ? 1 : 0,
    extAsked: t.ext_asked,
    extGranted: t.ext_granted,
  };
}

/** What a row shows: counts under the names of the review table, and the four rates. */
export function presentCounts(c: RowCounts) {
  const completed = c.onTime + c.late;
  return {
    assigned: completed + c.inProgress + c.overdue,
    due: c.dueByCutoff,
    completed,
    onTime: c.onTime,
    late: c.late,
    inProgress: c.inProgress,
    overdue: c.overdue,
    completedOfDue: c.completedOfDue,
    extAsked: c.extAsked,
    extGranted: c.extGranted,
    ...computeRates(c),
  };
}

export type RankMeasure = 'completionRate' | 'completionOfDueRate' | 'onTimeRate' | 'overdueRate';

/** The fraction each ranking uses, and whether higher is better. */
export const RANKINGS: Record<
  RankMeasure,
  { order: 'desc' | 'asc'; value: (c: RowCounts) => Fraction; method: { vi: string; en: string } }
> = {
  completionRate: {
    order: 'desc',
    value: (c) => ({ num: c.onTime + c.late, den: c.onTime + c.late + c.overdue }),
    method: {
      vi: 'tỷ lệ hoàn thành = hoàn thành ÷ (hoàn thành + quá hạn đang thực hiện), cao xếp trước',
      en: 'completion rate = completed ÷ (completed + overdue), highest first',
    },
  },
  completionOfDueRate: {
    order: 'desc',
    value: (c) => ({ num: c.completedOfDue, den: c.dueByCutoff }),
    method: { vi: 'tỷ lệ hoàn thành trên số đến hạn, cao xếp trước', en: 'completion of due, highest first' },
  },
  onTimeRate: {
    order: 'desc',
    value: (c) => ({ num: c.onTime, den: c.onTime + c.late }),
    method: {
      vi: 'tỷ lệ đúng hạn = hoàn thành đúng hạn ÷ hoàn thành, cao xếp trước',
      en: 'on-time rate = completed on time ÷ completed, highest first',
    },
  },
  overdueRate: {
    order: 'asc',
    value: (c) => ({ num: c.overdue, den: c.onTime + c.late + c.inProgress + c.overdue }),
    method: {
      vi: 'tỷ lệ quá hạn = quá hạn ÷ tổng số giao, thấp xếp trước',
      en: 'overdue rate = overdue ÷ assigned, lowest first',
    },
  },
};

export function rankingMethod(by: RankMeasure): { vi: string; en: string } {
  const m = RANKINGS[by].method;
  return {
    vi: `Xếp hạng theo ${m.vi}. Các đơn vị có tỷ lệ bằng nhau (so sánh chính xác theo phân số) cùng hạng, hạng kế tiếp bỏ qua số tương ứng (1, 2, 2, 4). Đơn vị không có mẫu số (0 ÷ 0) không xếp hạng, xếp cuối bảng theo tên.`,
    en: `Ranked by ${m.en}. Equal rates (compared exactly as fractions) share a rank and the next rank skips (1, 2, 2, 4). A group with an empty denominator (0 ÷ 0) is not ranked and is listed last by name.`,
  };
}

export interface LabelledCounts {
  key: string;
  code: string | null;
  label: string;
  counts: RowCounts;
}

/** Ranks rows with ties and returns them best first. */
export function rankRows<T extends LabelledCounts>(rows: T[], by: RankMeasure): (T & { rank: number | null })[] {
  const r = RANKINGS[by];
  return rankBy(
    rows,
    (x) => r.value(x.counts),
    r.order,
    (a, b) => a.label.localeCompare(b.label, 'vi'),
  ).map(({ item, rank }) => ({ ...item, rank }));
}

/**
 * Maps each unit to the review row it counts in: with a root unit, the root itself or the
 * root's child on the unit's path (so each child's row covers its subtree); without, the
 * nearest ancestor (or the unit) that is a department, a district, a ward or commune directly
 * under an authority (the two-level government), or an authority, so divisions and a district's
 * communes count in their unit.
 */
export async function unitRollup(db: Db, rootUnitId: number | undefined) {
  const units = await db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'path']).execute();
  const byId = new Map(units.map((u) => [u.id, u]));
  const rowOf = (unitId: number): number => {
    const unit = byId.get(unitId);
    if (!unit) return unitId;
    const chain = unit.path.split('/').filter(Boolean).map(Number);
    if (rootUnitId !== undefined) {
      const at = chain.indexOf(rootUnitId);
      return at >= 0 && at + 1 < chain.length ? chain[at + 1]! : unitId;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const kind = byId.get(chain[i]!)?.kind;
      if (kind === 'department' || kind === 'district' || kind === 'authority') return chain[i]!;
      // Since 1 July 2025 wards and communes report straight to the city: their own row.
      if ((kind === 'ward' || kind === 'commune') && i > 0 && byId.get(chain[i - 1]!)?.kind === 'authority')
        return chain[i]!;
    }
    return unitId;
  };
  return {
    rowKey: (key: string | number | null) => (key === null ? 'none' : String(rowOf(Number(key)))),
    unit: (key: string) => byId.get(Number(key)),
  };
}

/** Sums per-task rows into review rows (self-inspection and the check of snapshot ids against numbers). */
export function sumTasks(
  rows: ReviewTaskRow[],
  rowKey: (key: string | number | null) => string = keyString,
): Map<string, RowCounts> {
  const sums = new Map<string, RowCounts>();
  for (const t of rows) {
    const k = rowKey(t.key);
    sums.set(k, addRowCounts(sums.get(k) ?? emptyRowCounts(), countsOfTask(t)));
  }
  return sums;
}
