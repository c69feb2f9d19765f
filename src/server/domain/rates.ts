/**
 * The counts and the three rates in use (DESIGN.md §4), each labelled with its method, so a
 * reader never has to guess which "completion rate" a number is.
 */
export interface CategoryCounts {
  onTime: number;
  late: number;
  inProgress: number;
  overdue: number;
  /** Tasks whose deadline (as it stood on the cut-off) is on or before the cut-off. */
  dueByCutoff: number;
  /** Of those, the completed ones. */
  completedOfDue: number;
}

export interface Rates {
  /** completed ÷ (completed + overdue) */
  completionRate: number | null;
  /** completed ÷ due by the cut-off */
  completionOfDueRate: number | null;
  /** overdue ÷ all assigned */
  overdueRate: number | null;
  /** on time ÷ completed */
  onTimeRate: number | null;
}

export const RATE_METHODS = {
  completionRate: {
    vi: 'Tỷ lệ hoàn thành = hoàn thành ÷ (hoàn thành + quá hạn đang thực hiện)',
    en: 'Completion rate = completed ÷ (completed + overdue in progress)',
  },
  completionOfDueRate: {
    vi: 'Tỷ lệ hoàn thành trên số đến hạn = hoàn thành (có hạn đến ngày chốt) ÷ số đến hạn đến ngày chốt',
    en: 'Completion of due = completed (due by cut-off) ÷ due by cut-off',
  },
  overdueRate: {
    vi: 'Tỷ lệ quá hạn = quá hạn đang thực hiện ÷ tổng số giao',
    en: 'Overdue rate = overdue in progress ÷ all assigned',
  },
  onTimeRate: {
    vi: 'Tỷ lệ đúng hạn = hoàn thành đúng hạn ÷ hoàn thành',
    en: 'On-time rate = completed on time ÷ completed',
  },
} as const;

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

export function computeRates(c: CategoryCounts): Rates {
  const completed = c.onTime + c.late;
  const assigned = completed + c.inProgress + c.overdue;
  return {
    completionRate: ratio(completed, completed + c.overdue),
    completionOfDueRate: ratio(c.completedOfDue, c.dueByCutoff),
    overdueRate: ratio(c.overdue, assigned),
    onTimeRate: ratio(c.onTime, completed),
  };
}

export const emptyCounts = (): CategoryCounts => ({
  onTime: 0,
  late: 0,
  inProgress: 0,
  overdue: 0,
  dueByCutoff: 0,
  completedOfDue: 0,
});

export function addCounts(a: CategoryCounts, b: CategoryCounts): CategoryCounts {
  return {
    onTime: a.onTime + b.onTime,
    late: a.late + b.late,
    inProgress: a.inProgress + b.inProgress,
    overdue: a.overdue + b.overdue,
    dueByCutoff: a.dueByCutoff + b.dueByCutoff,
    completedOfDue: a.completedOfDue + b.completedOfDue,
  };
}
