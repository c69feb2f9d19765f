import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  formatIsoDate,
  fromDayNumber,
  isIsoDate,
  isWeekend,
  maxDate,
  minDate,
  parseIsoDate,
  toDayNumber,
  todayInVietnam,
} from './dates.js';

describe('isIsoDate and parseIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-1-05', false],
    ['2024-01-05T00:00', false],
    ['', false],
  ])('%s is a date: %s', (text, valid) => {
    expect(isIsoDate(text)).toBe(valid);
  });

  it('rejects what is not a string', () => {
    expect(isIsoDate(20240105)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });

  it('splits a date into numbers', () => {
    expect(parseIsoDate('2025-09-02')).toEqual({ y: 2025, m: 9, d: 2 });
  });

  it('throws on a day that does not exist', () => {
    expect(() => parseIsoDate('2025-02-30')).toThrow(RangeError);
    expect(() => formatIsoDate(2025, 2, 30)).toThrow(RangeError);
  });

  it('formats with zero padding', () => {
    expect(formatIsoDate(2025, 1, 5)).toBe('2025-01-05');
  });
});

describe('addDays and daysBetween', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2025-03-30', 1, '2025-03-31'], // Europe's DST change: no 23-hour day here
    ['2025-10-26', 1, '2025-10-27'],
    ['2020-01-20', 10, '2020-01-30'],
    ['1969-12-31', 1, '1970-01-01'],
    ['2024-05-15', 0, '2024-05-15'],
  ])('%s + %i days = %s', (from, n, expected) => {
    expect(addDays(from, n)).toBe(expected);
    expect(daysBetween(from, expected)).toBe(n);
    expect(daysBetween(expected, from)).toBe(0 - n); // not -0
  });

  it('round-trips day numbers', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(toDayNumber('2199-12-31'))).toBe('2199-12-31');
    expect(fromDayNumber(toDayNumber('1900-01-01'))).toBe('1900-01-01');
    expect(fromDayNumber(toDayNumber('0050-03-01'))).toBe('0050-03-01'); // not read as 1950
  });
});

describe('dayOfWeek', () => {
  it.each([
    ['2025-09-02', 2], // Tuesday
    ['2024-02-10', 6], // Tết Giáp Thìn, a Saturday
    ['2023-01-01', 0],
    ['1970-01-01', 4],
    ['1969-12-28', 0],
    ['1900-01-01', 1],
  ])('%s is day %i', (date, dow) => {
    expect(dayOfWeek(date)).toBe(dow);
    expect(isWeekend(date)).toBe(dow === 0 || dow === 6);
  });
});

describe('compareDates, minDate, maxDate', () => {
  it('orders dates', () => {
    expect(compareDates('2024-01-02', '2024-01-10')).toBe(-1);
    expect(compareDates('2024-01-10', '2024-01-10')).toBe(0);
    expect(compareDates('2024-10-01', '2024-09-30')).toBe(1);
    expect(['2024-10-01', '2023-12-31', '2024-02-01'].sort(compareDates)).toEqual([
      '2023-12-31',
      '2024-02-01',
      '2024-10-01',
    ]);
  });

  it('picks the earliest and latest', () => {
    expect(minDate('2024-05-01', '2024-04-30')).toBe('2024-04-30');
    expect(maxDate('2024-05-01', '2024-04-30', '2024-12-01')).toBe('2024-12-01');
    expect(minDate('2024-05-01')).toBe('2024-05-01');
  });
});

describe('todayInVietnam', () => {
  it.each([
    ['2025-01-28T16:59:59Z', '2025-01-28'],
    ['2025-01-28T17:00:00Z', '2025-01-29'], // midnight in Hanoi: Tết begins
    ['2024-12-31T23:00:00Z', '2025-01-01'],
    ['2025-06-15T00:00:00+09:00', '2025-06-14'],
  ])('at %s it is %s in Hanoi', (instant, date) => {
    expect(todayInVietnam(new Date(instant))).toBe(date);
  });

  it('defaults to now', () => {
    expect(isIsoDate(todayInVietnam())).toBe(true);
  });
});

describe('daysInMonth', () => {
  it.each([
    [2024, 2, 29],
    [2023, 2, 28],
    [1900, 2, 28],
    [2024, 4, 30],
    [2024, 12, 31],
  ])('%i-%i has %i days', (y, m, n) => {
    expect(daysInMonth(y, m)).toBe(n);
  });
});
