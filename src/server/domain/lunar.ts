/**
 * The Vietnamese lunisolar calendar (âm lịch), after Hồ Ngọc Đức's astronomical algorithm
 * (https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html).
 *
 * Why computed, not a table: the statutory holidays of any year (Tết Nguyên Đán, Giỗ Tổ Hùng
 * Vương) must be pre-filled without anyone maintaining a list.
 *
 * Why UTC+7: a lunar month starts on the day, in local time, of the new moon, and the leap
 * month is the first month without a major solar term, also in local time. Vietnam has used
 * UTC+7 since 1968 and China UTC+8, so the two calendars differ when a new moon falls between
 * 16:00 and 17:00 UTC: Tết 1985 was 21 Jan in Vietnam and 20 Feb in China, Tết 2007 17 Feb
 * against 18 Feb.
 *
 * Checked against Hồ Ngọc Đức's own published month tables: every month of 1968–2053 agrees.
 * Before 1968 Vietnam followed China's UTC+8 calendar, which is not modelled (UTC+7 is used
 * throughout). From 2054 to 2199 the truncated series puts eight new moons that fall within
 * minutes of midnight on the next day, Tết 2175 and 2199 among them.
 */
import { formatIsoDate, fromDayNumber, parseIsoDate, toDayNumber, type IsoDate } from './dates.js';

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  /** True in the repeated (nhuận) month, which follows the ordinary month of the same number. */
  leap: boolean;
}

const TIME_ZONE_HOURS = 7;
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;
/** Julian day number of 1970-01-01, the origin of `toDayNumber`. */
const JDN_OF_DAY_ZERO = 2_440_588;
/** Julian day of the new moon of 1900-01-01, the origin of the new moon index `k`. */
const NEW_MOON_EPOCH = 2_415_021.076998695;
const SYNODIC_MONTH = 29.530588853;
const RAD = Math.PI / 180;

/** Julian day (UT) of the `k`-th new moon after the epoch; Meeus' series, truncated. */
function newMoon(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const mean =
    2_415_020.75933 +
    29.53058868 * k +
    0.0001178 * t2 -
    0.000000155 * t3 +
    0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RAD);
  const sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * RAD;
  const moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * RAD;
  const latitude = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * RAD;
  const correction =
    (0.1734 - 0.000393 * t) * Math.sin(sunAnomaly) +
    0.0021 * Math.sin(2 * sunAnomaly) -
    0.4068 * Math.sin(moonAnomaly) +
    0.0161 * Math.sin(2 * moonAnomaly) -
    0.0004 * Math.sin(3 * moonAnomaly) +
    0.0104 * Math.sin(2 * latitude) -
    0.0051 * Math.sin(sunAnomaly + moonAnomaly) -
    0.0074 * Math.sin(sunAnomaly - moonAnomaly) +
    0.0004 * Math.sin(2 * latitude + sunAnomaly) -
    0.0004 * Math.sin(2 * latitude - sunAnomaly) -
    0.0006 * Math.sin(2 * latitude + moonAnomaly) +
    0.001 * Math.sin(2 * latitude - moonAnomaly) +
    0.0005 * Math.sin(2 * moonAnomaly + sunAnomaly);
  // ΔT (terrestrial minus universal time) in days.
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return mean + correction - deltaT;
}

/** The Sun's apparent longitude at Julian day `jd`, in radians in [0, 2π). */
function sunLongitude(jd: number): number {
  const t = (jd - 2_451_545) / 36_525;
  const t2 = t * t;
  const anomaly = (357.5291 + 35_999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * RAD;
  const meanLongitude = 280.46645 + 36_000.76983 * t + 0.0003032 * t2;
  const center =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(anomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * anomaly) +
    0.00029 * Math.sin(3 * anomaly);
  const longitude = (meanLongitude + center) * RAD;
  return longitude - 2 * Math.PI * Math.floor(longitude / (2 * Math.PI));
}

/** Which 30° sector (0–11) the Sun is in at local midnight starting day `jdn`; 9 = winter solstice. */
function sunSector(jdn: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - TIME_ZONE_HOURS / 24) / Math.PI) * 6);
}

/** Julian day number of the local day holding the `k`-th new moon. */
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + TIME_ZONE_HOURS / 24);
}

// Every conversion needs month 11 of two years; it depends only on the year, so it is memoised.
const month11Cache = new Map<number, number>();

/** Julian day number on which the 11th lunar month (the one holding the winter solstice) of `year` starts. */
function month11Start(year: number): number {
  const cached = month11Cache.get(year);
  if (cached !== undefined) return cached;
  const k = Math.floor((toDayNumber(formatIsoDate(year, 12, 31)) + JDN_OF_DAY_ZERO - 2_415_021) / SYNODIC_MONTH);
  let start = newMoonDay(k);
  // A new moon after the solstice belongs to month 12; month 11 began one lunation earlier.
  if (sunSector(start) >= 9) start = newMoonDay(k - 1);
  month11Cache.set(year, start);
  return start;
}

/** New moon index of the month starting on day `jdn`. */
function newMoonIndex(jdn: number): number {
  return Math.floor((jdn - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
}

/**
 * In a 13-month year starting at month 11 (day `a11`), the offset (1–12) of the leap month:
 * the first month during which the Sun enters no new sector (no major solar term).
 */
function leapOffset(a11: number): number {
  const k = newMoonIndex(a11);
  let offset = 1;
  let sector = sunSector(newMoonDay(k + offset));
  let previous: number;
  do {
    previous = sector;
    offset += 1;
    sector = sunSector(newMoonDay(k + offset));
  } while (sector !== previous && offset < 14);
  return offset - 1;
}

/** The leap month number of the year starting at month 11 on day `a11`, or null in a 12-month year. */
function leapMonthAfter(a11: number, nextA11: number): number | null {
  if (nextA11 - a11 <= 365) return null;
  return ((leapOffset(a11) + 9) % 12) + 1;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new RangeError(`Lunar calendar supports years ${FIRST_YEAR}–${LAST_YEAR}, not ${year}`);
  }
}

/** The lunar date of a solar date in Vietnam. */
export function solarToLunar(date: IsoDate): LunarDate {
  const { y } = parseIsoDate(date);
  checkYear(y);
  const jdn = toDayNumber(date) + JDN_OF_DAY_ZERO;
  // The mean lunation only estimates which new moon comes last before this day: the true
  // one can be more than half a day off (in 2054 the published code then gives day 0), so step back.
  let k = Math.floor((jdn - NEW_MOON_EPOCH) / SYNODIC_MONTH) + 1;
  while (newMoonDay(k) > jdn) k -= 1;
  const monthStart = newMoonDay(k);
  // The year runs month 11 to month 11; find the one that holds this month.
  let a11 = month11Start(y);
  let b11 = a11;
  let year = y;
  if (a11 >= monthStart) {
    a11 = month11Start(y - 1);
  } else {
    year = y + 1;
    b11 = month11Start(y + 1);
  }
  // Months have 29 or 30 days, so whole 29-day steps count the months since month 11.
  const offset = Math.floor((monthStart - a11) / 29);
  let month = offset + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapAt = leapOffset(a11);
    if (offset >= leapAt) {
      month = offset + 10;
      leap = offset === leapAt;
    }
  }
  if (month > 12) month -= 12;
  // Months 11 and 12 at the start of the cycle still belong to the lunar year before.
  if (month >= 11 && offset < 4) year -= 1;
  return { day: jdn - monthStart + 1, month, year, leap };
}

/** Julian day numbers of the first day of the given lunar month and of the month after it. */
function monthBounds(month: number, year: number, leap: boolean): { start: number; end: number } {
  checkYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`No lunar month ${month}`);
  const a11 = month < 11 ? month11Start(year - 1) : month11Start(year);
  const b11 = month < 11 ? month11Start(year) : month11Start(year + 1);
  const k = newMoonIndex(a11);
  let offset = (month + 1) % 12; // month 11 → 0, 12 → 1, 1 → 2 …
  const leapMonth = leapMonthAfter(a11, b11);
  if (leap && leapMonth !== month) {
    throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
  }
  if (leapMonth !== null && (leap || offset >= leapOffset(a11))) offset += 1;
  return { start: newMoonDay(k + offset), end: newMoonDay(k + offset + 1) };
}

/** Number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(month: number, year: number, leap = false): 29 | 30 {
  const { start, end } = monthBounds(month, year, leap);
  return end - start === 30 ? 30 : 29;
}

/** The solar date of a lunar date in Vietnam; throws a RangeError when that lunar day does not exist. */
export function lunarToSolar(day: number, month: number, year: number, leap = false): IsoDate {
  const { start, end } = monthBounds(month, year, leap);
  if (!Number.isInteger(day) || day < 1 || day > end - start) {
    throw new RangeError(`Lunar month ${month}${leap ? ' (leap)' : ''} of ${year} has no day ${day}`);
  }
  return fromDayNumber(start + day - 1 - JDN_OF_DAY_ZERO);
}

/** The month repeated as a leap month in lunar year `year`, or null when the year has 12 months. */
export function leapMonthOf(year: number): number | null {
  checkYear(year);
  // Months 1–10 of `year` lie in the 11-to-11 cycle that starts in year - 1; 11 and 12 in the next.
  const early = leapMonthAfter(month11Start(year - 1), month11Start(year));
  if (early !== null && early <= 10) return early;
  const late = leapMonthAfter(month11Start(year), month11Start(year + 1));
  return late !== null && late >= 11 ? late : null;
}
