/**
 * The periodic review (kiểm điểm, DESIGN.md §7): which days a review period covers, and how
 * units are ranked. Pure rules, no I/O.
 */
import { daysBetween, daysInMonth, formatIsoDate, type IsoDate } from './dates.js';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

/**
 * How periods are cut: by calendar months, or by the official reporting cut-off of
 * NĐ 09/2019 (a month runs from the 15th of the previous month to the 14th).
 */
export type PeriodMode = 'calendar' | 'official';

export interface Period {
  kind: PeriodKind;
  year: number;
  /** 1–12 for a month, 1–4 for a quarter, 1–2 for a half year, 1 for a year. */
  index: number;
  start: IsoDate;
  end: IsoDate;
  mode: PeriodMode;
}

const MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6, year: 12 };
export const PERIOD_INDEX_MAX: Record<PeriodKind, number> = { month: 12, quarter: 4, half: 2, year: 1 };

/** The days a review period covers; throws a RangeError for an index the kind does not have. */
export function reviewPeriod(kind: PeriodKind, year: number, index: number, mode: PeriodMode): Period {
  if (!Number.isInteger(index) || index < 1 || index > PERIOD_INDEX_MAX[kind])
    throw new RangeError(`No ${kind} number ${index}`);
  const lastMonth = index * MONTHS[kind];
  const firstMonth = lastMonth - MONTHS[kind] + 1;
  if (mode === 'calendar') {
    return {
      kind,
      year,
      index,
      mode,
      start: formatIsoDate(year, firstMonth, 1),
      end: formatIsoDate(year, lastMonth, daysInMonth(year, lastMonth)),
    };
  }
  // Official cut-off: from the 15th of the month before the first month to the 14th of the last.
  const start = firstMonth === 1 ? formatIsoDate(year - 1, 12, 15) : formatIsoDate(year, firstMonth - 1, 15);
  return { kind, year, index, mode, start, end: formatIsoDate(year, lastMonth, 14) };
}

/** The period of `kind` that contains `date`. */
export function periodContaining(kind: PeriodKind, date: IsoDate, mode: PeriodMode): Period {
  let year = Number(date.slice(0, 4));
  let month = Number(date.slice(5, 7));
  if (mode === 'official' && Number(date.slice(8, 10)) >= 15) {
    month += 1;
    if (month === 13) [year, month] = [year + 1, 1];
  }
  return reviewPeriod(kind, year, Math.ceil(month / MONTHS[kind]), mode);
}

/** The months of a period, each as its own sub-period (for the month-by-month trend). */
export function monthsOf(p: Period): Period[] {
  const first = (p.index - 1) * MONTHS[p.kind] + 1;
  return Array.from({ length: MONTHS[p.kind] }, (_, i) => reviewPeriod('month', p.year, first + i, p.mode));
}

/** Official label of a period, e.g. "Quý III năm 2026" / "Q3 2026". */
export function periodLabel(p: Period): { vi: string; en: string } {
  const roman = ['I', 'II', 'III', 'IV'][p.index - 1];
  switch (p.kind) {
    case 'month':
      return { vi: `Tháng ${p.index} năm ${p.year}`, en: `${p.year}-${String(p.index).padStart(2, '0')}` };
    case 'quarter':
      return { vi: `Quý ${roman} năm ${p.year}`, en: `Q${p.index} ${p.year}` };
    case 'half':
      return { vi: `${p.index === 1 ? '6 tháng đầu' : '6 tháng cuối'} năm ${p.year}`, en: `H${p.index} ${p.year}` };
    case 'year':
      return { vi: `Năm ${p.year}`, en: `Year ${p.year}` };
  }
}

/** The default cut-off: the period's end, or today while the period is still running. */
export const defaultCutoff = (p: Period, today: IsoDate): IsoDate => (p.end < today ? p.end : today);

/** Days from the deadline to the cut-off: how long an overdue task has been overdue. */
export const daysOverdue = (deadline: IsoDate, asOf: IsoDate): number => Math.max(0, daysBetween(deadline, asOf));

/** A value to rank by, kept as a fraction so that equal rates compare exactly equal. */
export interface Fraction {
  num: number;
  den: number;
}

export interface Ranked<T> {
  item: T;
  /** Standard competition ranking ("1224"); null when the value is undefined (no denominator). */
  rank: number | null;
}

/**
 * Ranks items best first. Equal values share a rank and the next rank skips (1, 2, 2, 4);
 * items whose value is undefined (0 ÷ 0) are listed last without a rank. Fractions are compared
 * by cross-multiplication, so 1/3 and 2/6 tie where floating point might not.
 */
export function rankBy<T>(
  items: readonly T[],
  value: (item: T) => Fraction,
  order: 'desc' | 'asc',
  tieBreak: (a: T, b: T) => number,
): Ranked<T>[] {
  const defined = items.filter((i) => value(i).den > 0);
  const undefinedItems = items.filter((i) => value(i).den <= 0).sort(tieBreak);
  const cmp = (a: T, b: T): number => {
    const x = value(a);
    const y = value(b);
    const diff = x.num * y.den - y.num * x.den;
    return order === 'desc' ? -diff : diff;
  };
  const sorted = [...defined].sort((a, b) => cmp(a, b) || tieBreak(a, b));
  const ranked: Ranked<T>[] = [];
  sorted.forEach((item, i) => {
    const prev = ranked[i - 1];
    const rank = prev && cmp(prev.item, item) === 0 ? prev.rank : i + 1;
    ranked.push({ item, rank });
  });
  return [...ranked, ...undefinedItems.map((item) => ({ item, rank: null }))];
}
