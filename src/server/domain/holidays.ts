/**
 * Vietnam's statutory public holidays of a year, to pre-fill the administrator's table.
 *
 * The rules (Labour Code 2012 art. 115 for years up to 2020, Labour Code 2019 art. 112 from 2021):
 * - Tết Dương lịch: 1 January.
 * - Tết Nguyên Đán: five days, the last day of the lunar year (30, or 29 when tháng Chạp is
 *   short) through mùng 4 tháng Giêng. The law fixes only the count; each year the Prime
 *   Minister picks the days, often one day earlier. This is the usual pattern, to be corrected
 *   by the administrator when the year's decision differs.
 * - Giỗ Tổ Hùng Vương: 10 tháng 3 âm lịch.
 * - Ngày Chiến thắng 30 April and Quốc tế Lao động 1 May.
 * - Quốc khánh 2 September and, from 2021, one adjacent day. The law leaves the choice of that
 *   day to the Prime Minister; we take 1 September, or 3 September when 2 September is a
 *   Monday (so the pair is not split by a Sunday).
 * - Nghỉ bù: a holiday that falls on a Saturday or Sunday gives a compensatory day off on the
 *   next Monday–Friday that is not already off. Two holidays on the same date (Giỗ Tổ can
 *   fall on 30 April) are treated the same way, so no day off is lost.
 * Not modelled: laws before the 2012 Code (four days of Tết, no Giỗ Tổ before 2007) — older
 * years use the same rules; and make-up working days (ngày làm bù), which are not statutory
 * but announced each year by the Ministry of Home Affairs, so the administrator enters them.
 */
import { addDays, dayOfWeek, formatIsoDate, isWeekend, type IsoDate } from './dates.js';
import { lunarToSolar, solarToLunar } from './lunar.js';

/** One row of the holiday table: a day off, or a Saturday/Sunday worked in exchange. */
export interface CalendarEntry {
  date: IsoDate;
  kind: 'holiday' | 'makeup_workday';
  /** Vietnamese, as shown to users. */
  name: string;
}

interface Holiday {
  date: IsoDate;
  name: string;
}

/** The year the Labour Code 2019 added a second day of Quốc khánh. */
const SECOND_NATIONAL_DAY_FROM = 2021;
const TET_DAY_NAMES = ['mùng 1', 'mùng 2', 'mùng 3', 'mùng 4'];

/** The five days of Tết Nguyên Đán of lunar year `year`, all in January–February of `year`. */
function tetHolidays(year: number): Holiday[] {
  const newYear = lunarToSolar(1, 1, year);
  const lastDayOfYear = addDays(newYear, -1);
  // People name the eve by its number: 30 Tết, or 29 Tết when tháng Chạp is short.
  const eve = solarToLunar(lastDayOfYear).day;
  const days: Holiday[] = [{ date: lastDayOfYear, name: `Tết Nguyên Đán (${eve} tháng Chạp)` }];
  TET_DAY_NAMES.forEach((dayName, i) => {
    days.push({ date: addDays(newYear, i), name: `Tết Nguyên Đán (${dayName} tháng Giêng)` });
  });
  return days;
}

function nationalDayHolidays(year: number): Holiday[] {
  const nationalDay = formatIsoDate(year, 9, 2);
  const days: Holiday[] = [{ date: nationalDay, name: 'Quốc khánh (2/9)' }];
  if (year >= SECOND_NATIONAL_DAY_FROM) {
    const isMonday = dayOfWeek(nationalDay) === 1;
    days.push(
      isMonday
        ? { date: formatIsoDate(year, 9, 3), name: 'Quốc khánh (3/9)' }
        : { date: formatIsoDate(year, 9, 1), name: 'Quốc khánh (1/9)' },
    );
  }
  return days;
}

/** The holidays themselves, before compensatory days, in date order. */
function holidaysOf(year: number): Holiday[] {
  const days: Holiday[] = [
    { date: formatIsoDate(year, 1, 1), name: 'Tết Dương lịch' },
    ...tetHolidays(year),
    { date: lunarToSolar(10, 3, year), name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { date: formatIsoDate(year, 4, 30), name: 'Ngày Chiến thắng (30/4)' },
    { date: formatIsoDate(year, 5, 1), name: 'Ngày Quốc tế Lao động (1/5)' },
    ...nationalDayHolidays(year),
  ];
  // A stable sort keeps list order for two holidays on one date, so the later one is compensated.
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Adds a compensatory day for each holiday that gives no day off of its own: on a weekend,
 * or on a date another holiday already takes. Going in date order keeps the days in order.
 */
function withCompensatoryDays(holidays: Holiday[]): CalendarEntry[] {
  const daysOff = new Set(holidays.map((h) => h.date));
  const entries: CalendarEntry[] = [];
  const taken = new Set<IsoDate>();
  for (const holiday of holidays) {
    const alreadyOff = isWeekend(holiday.date) || taken.has(holiday.date);
    if (!taken.has(holiday.date)) {
      entries.push({ date: holiday.date, kind: 'holiday', name: holiday.name });
      taken.add(holiday.date);
    }
    if (!alreadyOff) continue;
    let day = addDays(holiday.date, 1);
    while (isWeekend(day) || daysOff.has(day)) day = addDays(day, 1);
    daysOff.add(day);
    taken.add(day);
    entries.push({ date: day, kind: 'holiday', name: `Nghỉ bù ${holiday.name}` });
  }
  return entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The statutory holidays of `year` (1900–2199) with their compensatory days, one entry per
 * date, in date order. Never returns make-up working days: those are not statutory.
 */
export function statutoryHolidays(year: number): CalendarEntry[] {
  return withCompensatoryDays(holidaysOf(year));
}
