import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from './calendar.js';
import { dayOfWeek, isWeekend } from './dates.js';
import { statutoryHolidays } from './holidays.js';
import { lunarToSolar } from './lunar.js';
import { LAST_DECIDED_YEAR, OFFICIAL_SCHEDULES, officialSchedule } from './official-holidays.js';

const official = new WorkingCalendar(OFFICIAL_SCHEDULES.flatMap((s) => s.days));
const computed = new WorkingCalendar(Array.from({ length: 13 }, (_, i) => statutoryHolidays(2014 + i)).flat());
const kindOn = (date: string) => OFFICIAL_SCHEDULES.flatMap((s) => s.days).find((d) => d.date === date);

describe('official holiday schedules', () => {
  it('ship every year from 2015 to 2026, each day with a source', () => {
    expect(OFFICIAL_SCHEDULES.map((s) => s.year)).toEqual([
      2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026,
    ]);
    expect(LAST_DECIDED_YEAR).toBe(2026);
    for (const s of OFFICIAL_SCHEDULES) {
      expect(s.source.length).toBeGreaterThan(10);
      for (const d of s.days) expect(d.source.length, d.date).toBeGreaterThan(10);
      expect(new Set(s.days.map((d) => d.date)).size, `${s.year} lists a day twice`).toBe(s.days.length);
    }
  });

  it.each(OFFICIAL_SCHEDULES.map((s) => [s.year, s] as const))(
    '%i: make-up days are Saturdays, each paired with a swapped weekday off',
    (_year, s) => {
      const makeups = s.days.filter((d) => d.kind === 'makeup_workday');
      const swaps = s.days.filter((d) => d.name.startsWith('Nghỉ hoán đổi'));
      expect(makeups.length).toBe(swaps.length);
      for (const m of makeups) expect(dayOfWeek(m.date), m.date).toBe(6);
      for (const w of swaps) expect(isWeekend(w.date), w.date).toBe(false);
      for (const c of s.days.filter((d) => d.name.startsWith('Nghỉ bù'))) expect(isWeekend(c.date), c.date).toBe(false);
    },
  );

  it.each(OFFICIAL_SCHEDULES.map((s) => [s.year, s] as const))(
    '%i: five consecutive days of Tết around the lunar new year, Giỗ Tổ on 10/3 lunar',
    (year, s) => {
      const tet = s.days.filter((d) => d.name.startsWith('Tết Nguyên Đán')).map((d) => d.date);
      expect(tet).toHaveLength(5);
      expect(tet).toContain(lunarToSolar(1, 1, year));
      expect(s.days.find((d) => d.name.startsWith('Giỗ Tổ'))?.date).toBe(lunarToSolar(10, 3, year));
    },
  );

  it.each(OFFICIAL_SCHEDULES.map((s) => [s.year, s] as const))(
    '%i: as many working days off as the Labour Code gives (swaps are made up)',
    (year, s) => {
      const weekdayOff = s.days.filter((d) => d.kind === 'holiday' && !isWeekend(d.date)).length;
      const madeUp = s.days.filter((d) => d.kind === 'makeup_workday').length;
      const statutory = statutoryHolidays(year).filter((d) => !isWeekend(d.date)).length;
      expect(weekdayOff - madeUp).toBe(statutory);
    },
  );

  it('has the decided days the computed table lacks (2024–2026)', () => {
    for (const date of ['2024-02-08', '2024-04-29', '2025-01-27', '2025-05-02', '2026-01-02', '2026-08-31'])
      expect(official.isWorkingDay(date), date).toBe(false);
    for (const date of ['2024-02-15', '2025-02-03']) expect(official.isWorkingDay(date), date).toBe(true);
    for (const date of ['2024-05-04', '2025-04-26', '2026-01-10', '2026-08-22']) {
      expect(kindOn(date)?.kind, date).toBe('makeup_workday');
      expect(official.isWorkingDay(date), date).toBe(true);
      expect(computed.isWorkingDay(date), date).toBe(false);
    }
  });

  it('puts the second day of Quốc khánh from 2021 only', () => {
    expect(officialSchedule(2020)!.days.filter((d) => d.name.startsWith('Quốc khánh'))).toHaveLength(1);
    for (const year of [2021, 2022, 2023, 2024, 2025, 2026])
      expect(
        officialSchedule(year)!.days.filter((d) => d.name.startsWith('Quốc khánh')),
        `${year}`,
      ).toHaveLength(2);
  });

  // Worked by hand on a printed calendar of each year.
  it.each([
    // Tết Giáp Thìn: off Thu 8 to Wed 14 February 2024.
    ['2024-02-05', 3, '2024-02-15', '2024-02-08'],
    // Off Sat 27 April to Wed 1 May 2024; Saturday 4 May worked.
    ['2024-04-25', 3, '2024-05-03', '2024-05-02'],
    ['2024-05-03', 1, '2024-05-04', '2024-05-06'],
    // Tết Ất Tỵ: off Sat 25 January to Sun 2 February 2025.
    ['2025-01-24', 1, '2025-02-03', '2025-01-27'],
    ['2025-01-24', 2, '2025-02-04', '2025-02-04'],
    // Saturday 26 April 2025 worked, Friday 2 May off.
    ['2025-04-25', 1, '2025-04-26', '2025-04-28'],
    ['2025-04-29', 2, '2025-05-06', '2025-05-05'],
    // Tết Dương lịch 2026: off Thu 1 to Sun 4 January; Saturday 10 January worked.
    ['2025-12-31', 1, '2026-01-05', '2026-01-02'],
    ['2026-01-09', 1, '2026-01-10', '2026-01-12'],
    // Quốc khánh 2026: Saturday 22 August worked, off Sat 29 August to Wed 2 September.
    ['2026-08-21', 1, '2026-08-22', '2026-08-24'],
    ['2026-08-28', 1, '2026-09-03', '2026-08-31'],
    // Tết Canh Tý: off Thu 23 to Wed 29 January 2020.
    ['2020-01-22', 1, '2020-01-30', '2020-01-23'],
  ])('%s + %i working days: %s as decided (%s by the rule alone)', (from, days, decided, byRule) => {
    expect(official.addWorkingDays(from, days)).toBe(decided);
    expect(computed.addWorkingDays(from, days)).toBe(byRule);
  });
});
