/**
 * Working days (DESIGN.md §5): Monday–Friday, minus the holidays and plus the make-up working
 * days of the administrator's table. Deadlines "within N working days" are counted here.
 */
import { addDays, isWeekend, parseIsoDate, toDayNumber, type IsoDate } from './dates.js';
import { statutoryHolidays, type CalendarEntry } from './holidays.js';

export type { CalendarEntry } from './holidays.js';

/** Day number of Monday 1970-01-05, the origin for counting weekdays by whole weeks. */
const A_MONDAY = 4;

/** Weekdays among day numbers A_MONDAY..n, extended below A_MONDAY so that differences count (a, b]. */
function weekdaysThrough(n: number): number {
  const days = n - A_MONDAY + 1;
  const weeks = Math.floor(days / 7);
  return 5 * weeks + Math.min(days - 7 * weeks, 5);
}

/** Index of the first element of sorted `values` greater than `n`, i.e. how many are <= n. */
function countAtMost(values: readonly number[], n: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((values[mid] ?? Infinity) <= n) low = mid + 1;
    else high = mid;
  }
  return low;
}

export class WorkingCalendar {
  private readonly kinds = new Map<IsoDate, CalendarEntry['kind']>();
  /** Holidays on Monday–Friday: the only ones that remove a working day. Sorted day numbers. */
  private readonly weekdayHolidays: number[];
  /** Make-up days on Saturday/Sunday: the only ones that add a working day. Sorted day numbers. */
  private readonly weekendWorkdays: number[];

  /**
   * @param entries the holiday table. A date listed twice takes its last entry, as a table
   * edited row by row would. Throws a RangeError on a malformed date.
   */
  constructor(entries: readonly CalendarEntry[]) {
    for (const entry of entries) {
      parseIsoDate(entry.date);
      this.kinds.set(entry.date, entry.kind);
    }
    const holidays: number[] = [];
    const workdays: number[] = [];
    for (const [date, kind] of this.kinds) {
      if (kind === 'holiday' && !isWeekend(date)) holidays.push(toDayNumber(date));
      if (kind === 'makeup_workday' && isWeekend(date)) workdays.push(toDayNumber(date));
    }
    this.weekdayHolidays = holidays.sort((a, b) => a - b);
    this.weekendWorkdays = workdays.sort((a, b) => a - b);
  }

  /** True on Monday–Friday unless a holiday, and on a make-up working day even at the weekend. */
  isWorkingDay(date: IsoDate): boolean {
    const kind = this.kinds.get(date);
    if (kind === 'holiday') return false;
    if (kind === 'makeup_workday') return true;
    return !isWeekend(date);
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    let day = addDays(date, 1);
    while (!this.isWorkingDay(day)) day = addDays(day, 1);
    return day;
  }

  /** `date` itself when it is a working day, else the first working day after it (Civil Code art. 148). */
  onOrNextWorkingDay(date: IsoDate): IsoDate {
    return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
  }

  /**
   * The deadline "n working days from" `from`: `from` itself is day 0 (whether or not it is a
   * working day) and the n-th working day after it is the deadline. `n` must be an integer >= 1.
   */
  addWorkingDays(from: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`A number of working days must be a whole number of at least 1, not ${n}`);
    }
    let day = from;
    for (let counted = 0; counted < n; counted += 1) day = this.nextWorkingDay(day);
    return day;
  }

  /**
   * Working days in (a, b]: 0 when equal, negative (minus those in (b, a]) when b is before a.
   * So `workingDaysBetween(d, addWorkingDays(d, n)) === n`. Counted without walking the days,
   * since reports call it for every task.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const from = toDayNumber(a);
    const to = toDayNumber(b);
    if (to < from) return -this.countIn(to, from);
    return this.countIn(from, to);
  }

  /** Working days among day numbers (from, to], from <= to. */
  private countIn(from: number, to: number): number {
    const weekdays = weekdaysThrough(to) - weekdaysThrough(from);
    const holidays = countAtMost(this.weekdayHolidays, to) - countAtMost(this.weekdayHolidays, from);
    const workdays = countAtMost(this.weekendWorkdays, to) - countAtMost(this.weekendWorkdays, from);
    return weekdays - holidays + workdays;
  }
}

/** Statutory holidays of every year in fromYear..toYear (1900–2199), the table's starting content. */
export function defaultCalendarEntries(fromYear: number, toYear: number): CalendarEntry[] {
  const entries: CalendarEntry[] = [];
  for (let year = fromYear; year <= toYear; year += 1) entries.push(...statutoryHolidays(year));
  return entries;
}
