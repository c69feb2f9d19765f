import { describe, expect, it } from 'vitest';
import { addDays } from './dates.js';
import { leapMonthOf, lunarMonthLength, lunarToSolar, solarToLunar } from './lunar.js';

/** [solar date, lunar day, month, year, leap, what it is]: published Vietnamese dates. */
const KNOWN: [string, number, number, number, boolean, string][] = [
  ['2019-02-05', 1, 1, 2019, false, 'Tết Kỷ Hợi'],
  ['2020-01-25', 1, 1, 2020, false, 'Tết Canh Tý'],
  ['2021-02-12', 1, 1, 2021, false, 'Tết Tân Sửu'],
  ['2022-02-01', 1, 1, 2022, false, 'Tết Nhâm Dần'],
  ['2023-01-22', 1, 1, 2023, false, 'Tết Quý Mão'],
  ['2024-02-10', 1, 1, 2024, false, 'Tết Giáp Thìn'],
  ['2025-01-29', 1, 1, 2025, false, 'Tết Ất Tỵ'],
  ['2026-02-17', 1, 1, 2026, false, 'Tết Bính Ngọ'],
  ['2027-02-06', 1, 1, 2027, false, 'Tết Đinh Mùi'],
  // The new moon is at 23:07 in Hanoi, 00:07 the next day in Beijing: China's New Year is 3 Feb.
  ['2030-02-02', 1, 1, 2030, false, 'Tết Canh Tuất'],
  // UTC+7 against China's UTC+8: the famous differences.
  ['1985-01-21', 1, 1, 1985, false, 'Tết Ất Sửu (China: 20 Feb)'],
  ['2007-02-17', 1, 1, 2007, false, 'Tết Đinh Hợi (China: 18 Feb)'],
  ['1968-01-29', 1, 1, 1968, false, 'Tết Mậu Thân, the first on UTC+7'],
  ['2020-04-02', 10, 3, 2020, false, 'Giỗ Tổ Hùng Vương'],
  ['2023-04-29', 10, 3, 2023, false, 'Giỗ Tổ Hùng Vương, after a leap 2nd month'],
  ['2024-04-18', 10, 3, 2024, false, 'Giỗ Tổ Hùng Vương'],
  ['2025-04-07', 10, 3, 2025, false, 'Giỗ Tổ Hùng Vương'],
  ['2020-05-23', 1, 4, 2020, true, 'first day of the leap 4th month'],
  ['2023-03-22', 1, 2, 2023, true, 'first day of the leap 2nd month'],
  ['2025-07-25', 1, 6, 2025, true, 'first day of the leap 6th month'],
  ['2017-07-23', 1, 6, 2017, true, 'first day of the leap 6th month'],
  ['2023-09-29', 15, 8, 2023, false, 'Tết Trung thu'],
  ['2024-09-17', 15, 8, 2024, false, 'Tết Trung thu'],
  ['2024-02-09', 30, 12, 2023, false, '30 Tết: tháng Chạp Quý Mão has 30 days'],
  ['2025-01-28', 29, 12, 2024, false, '29 Tết: tháng Chạp Giáp Thìn has 29 days'],
  ['2020-01-24', 30, 12, 2019, false, '30 Tết: tháng Chạp Kỷ Hợi began with the eclipse of 26 Dec 2019'],
];

describe('known dates', () => {
  it.each(KNOWN)('%s is %i/%i/%i (leap: %s), %s', (solar, day, month, year, leap) => {
    expect(solarToLunar(solar)).toEqual({ day, month, year, leap });
    expect(lunarToSolar(day, month, year, leap)).toBe(solar);
  });
});

describe('leap months', () => {
  it.each([
    [2017, 6],
    [2020, 4],
    [2023, 2],
    [2025, 6],
    [2028, 5],
    [2033, 11],
    [1900, 8],
    [2019, null],
    [2024, null],
    [2026, null],
  ])('lunar year %i repeats month %s', (year, month) => {
    expect(leapMonthOf(year)).toBe(month);
  });

  it('gives the leap month after the ordinary month of the same number', () => {
    expect(solarToLunar(addDays('2020-05-23', -1))).toEqual({ day: 30, month: 4, year: 2020, leap: false });
    expect(lunarToSolar(1, 4, 2020)).toBe('2020-04-23');
    expect(lunarToSolar(1, 5, 2020)).toBe('2020-06-21');
  });

  it('refuses a leap month the year does not have', () => {
    expect(() => lunarToSolar(1, 3, 2020, true)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 4, 2021, true)).toThrow(RangeError);
  });
});

describe('lunarMonthLength', () => {
  it.each([
    [12, 2019, false, 30],
    [12, 2023, false, 30],
    [12, 2024, false, 29],
    [4, 2020, false, 30],
    [4, 2020, true, 29],
  ])('month %i of %i (leap: %s) has %i days', (month, year, leap, length) => {
    expect(lunarMonthLength(month, year, leap)).toBe(length);
  });

  it('refuses day 30 of a 29-day month', () => {
    expect(() => lunarToSolar(30, 12, 2024)).toThrow(RangeError);
    expect(lunarToSolar(29, 12, 2024)).toBe('2025-01-28');
  });
});

describe('range', () => {
  it.each([
    () => solarToLunar('1899-12-31'),
    () => solarToLunar('2200-01-01'),
    () => lunarToSolar(1, 1, 2200),
    () => lunarToSolar(1, 13, 2024),
    () => lunarToSolar(0, 1, 2024),
    () => lunarToSolar(1.5, 1, 2024),
  ])('refuses out-of-range input %#', (call) => {
    expect(call).toThrow(RangeError);
  });

  it('covers both ends', () => {
    expect(solarToLunar('1900-01-01')).toEqual({ day: 1, month: 12, year: 1899, leap: false });
    expect(lunarToSolar(1, 1, 1900)).toBe('1900-01-31');
    expect(solarToLunar('2199-12-31').year).toBe(2199);
  });
});

describe('every day of 2000–2100', () => {
  it('converts back to itself, one lunar day after another', () => {
    // Failures are collected, not asserted one by one: 36,890 days would bury a report.
    const failures: string[] = [];
    let previous = solarToLunar('1999-12-31');
    for (let date = '2000-01-01'; date <= '2100-12-31'; date = addDays(date, 1)) {
      const lunar = solarToLunar(date);
      const back = lunarToSolar(lunar.day, lunar.month, lunar.year, lunar.leap);
      if (back !== date) failures.push(`${date} → ${JSON.stringify(lunar)} → ${back}`);
      // A new month starts the day after the last day (29 or 30) of the previous one.
      const continues =
        lunar.day === 1
          ? previous.day === lunarMonthLength(previous.month, previous.year, previous.leap)
          : lunar.day === previous.day + 1 &&
            lunar.month === previous.month &&
            lunar.year === previous.year &&
            lunar.leap === previous.leap;
      if (!continues) failures.push(`${date}: ${JSON.stringify(previous)} then ${JSON.stringify(lunar)}`);
      previous = lunar;
    }
    expect(failures).toEqual([]);
  });
});
