/**
 * Calendar dates as the domain sees them: a day in Hanoi, written 'YYYY-MM-DD'.
 *
 * A deadline is a calendar date, not an instant, so dates are plain strings that sort and
 * compare as text. All arithmetic goes through a day number computed in UTC, where no day is
 * ever 23 or 25 hours long, so the server's own time zone can never shift a date.
 */

/** A local calendar date in Asia/Ho_Chi_Minh, formatted 'YYYY-MM-DD'. */
export type IsoDate = string;

export interface DateParts {
  y: number;
  m: number;
  d: number;
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact.
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

function partsOf(s: string): DateParts | null {
  const match = ISO_DATE.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

/** Milliseconds at UTC midnight of a day; day 0 of a month is the last day of the one before. */
function utcTime(y: number, m: number, d: number): number {
  // Not Date.UTC, which reads years 0–99 as 1900–1999.
  const time = new Date(0);
  time.setUTCFullYear(y, m - 1, d);
  return time.getTime();
}

/** Days in month `m` (1–12) of year `y` of the Gregorian calendar. */
export function daysInMonth(y: number, m: number): number {
  return new Date(utcTime(y, m + 1, 0)).getUTCDate();
}

/** True when `s` is 'YYYY-MM-DD' and names a day that exists (no 2023-02-30). */
export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === 'string' && partsOf(s) !== null;
}

/** The year, month (1–12) and day of `s`; throws a RangeError when `s` is not a real date. */
export function parseIsoDate(s: IsoDate): DateParts {
  const parts = partsOf(s);
  if (!parts) throw new RangeError(`Not a date (YYYY-MM-DD): ${JSON.stringify(s)}`);
  return parts;
}

/** Formats a year, month (1–12) and day as an IsoDate; throws when the day does not exist. */
export function formatIsoDate(y: number, m: number, d: number): IsoDate {
  const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  parseIsoDate(text); // throws when the day does not exist
  return text;
}

/** Days since 1970-01-01 (negative before it): the common ground for date arithmetic. */
export function toDayNumber(date: IsoDate): number {
  const { y, m, d } = parseIsoDate(date);
  return Math.round(utcTime(y, m, d) / MS_PER_DAY);
}

/** The date `n` days after 1970-01-01. */
export function fromDayNumber(n: number): IsoDate {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The date `n` days after `date` (before it when `n` is negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** -1, 0 or 1 as `a` is before, equal to or after `b`; usable as a sort comparator. */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `b - a` in days: positive when `b` is later. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** Day of the week of `date`: 0 = Sunday … 6 = Saturday, as `Date#getDay`. */
export function dayOfWeek(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4); the double modulo keeps earlier dates non-negative.
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** True on Saturday and Sunday. */
export function isWeekend(date: IsoDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

/** The calendar date in Hanoi at the instant `now`, whatever the server's time zone. */
export function todayInVietnam(now: Date = new Date()): IsoDate {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The earliest of the given dates. */
export function minDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  return rest.reduce((min, d) => (d < min ? d : min), first);
}

/** The latest of the given dates. */
export function maxDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  return rest.reduce((max, d) => (d > max ? d : max), first);
}
