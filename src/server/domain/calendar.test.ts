import { describe, expect, it } from 'vitest';
import { WorkingCalendar, defaultCalendarEntries, type CalendarEntry } from './calendar.js';
import { addDays } from './dates.js';
import { statutoryHolidays } from './holidays.js';

/** The statutory table for 2019–2026, as the seed pre-fills it. */
const statutory = new WorkingCalendar(defaultCalendarEntries(2019, 2026));

/**
 * What an administrator keeps: 2020 as actually decided (Tết 23–29 Jan, with no compensatory
 * day beyond it) and 2024's swap (Mon 29 Apr off, Sat 4 May worked).
 */
const administered = new WorkingCalendar([
  ...['2020-01-23', '2020-01-24', '2020-01-27', '2020-01-28', '2020-01-29'].map((date): CalendarEntry => ({
    date,
    kind: 'holiday',
    name: 'Tết Nguyên Đán',
  })),
  { date: '2020-04-30', kind: 'holiday', name: 'Ngày Chiến thắng (30/4)' },
  { date: '2020-05-01', kind: 'holiday', name: 'Ngày Quốc tế Lao động (1/5)' },
  { date: '2024-04-29', kind: 'holiday', name: 'Nghỉ hoán đổi' },
  { date: '2024-04-30', kind: 'holiday', name: 'Ngày Chiến thắng (30/4)' },
  { date: '2024-05-01', kind: 'holiday', name: 'Ngày Quốc tế Lao động (1/5)' },
  { date: '2024-05-04', kind: 'makeup_workday', name: 'Làm bù cho ngày 29/4' },
]);

describe('isWorkingDay', () => {
  it.each([
    [statutory, '2025-03-05', true, 'a Wednesday'],
    [statutory, '2025-03-08', false, 'a Saturday'],
    [statutory, '2025-03-09', false, 'a Sunday'],
    [statutory, '2025-09-02', false, 'Quốc khánh on a Tuesday'],
    [statutory, '2025-02-03', false, 'compensatory Monday for mùng 4 Tết on a Saturday'],
    [statutory, '2025-02-04', true, 'the day after'],
    [administered, '2024-05-04', true, 'a make-up Saturday'],
    [administered, '2024-05-05', false, 'the Sunday after it'],
    [administered, '2024-04-29', false, 'a swapped Monday'],
  ])('%#: %s is a working day: %s (%s)', (calendar, date, expected) => {
    expect(calendar.isWorkingDay(date)).toBe(expected);
  });
});

describe('addWorkingDays: the document date is day 0', () => {
  it.each([
    // Mon 20 Jan 2020 + 5: 21, 22, 23, (24 Jan–30 Jan: Tết with two compensatory days), 31, 3 Feb.
    [statutory, '2020-01-20', 5, '2020-02-03'],
    // The break as actually decided (23–29 Jan) gives the same deadline: 21, 22, 30, 31, 3 Feb.
    [administered, '2020-01-20', 5, '2020-02-03'],
    [statutory, '2020-01-22', 1, '2020-01-23'],
    [statutory, '2020-01-23', 1, '2020-01-31'],
    // Across 30/4–1/5 2024 (Tue, Wed): from Mon 29 Apr, 2 May is the first working day.
    [statutory, '2024-04-29', 3, '2024-05-06'],
    // With the swap, the make-up Saturday 4 May counts.
    [administered, '2024-04-26', 3, '2024-05-04'],
    [administered, '2024-04-26', 4, '2024-05-06'],
    [statutory, '2020-04-29', 2, '2020-05-05'],
    // n = 1 on a Friday is the Monday; from a Saturday too.
    [statutory, '2025-03-07', 1, '2025-03-10'],
    [statutory, '2025-03-08', 1, '2025-03-10'],
    [statutory, '2025-03-03', 5, '2025-03-10'],
    [statutory, '2025-03-03', 10, '2025-03-17'],
    // Tết 2025 (28 Jan–1 Feb, made up Mon 3 Feb): from Mon 27 Jan, 4 Feb is the first working day.
    [statutory, '2025-01-27', 1, '2025-02-04'],
    // Quốc khánh 2023 (Fri 1, Sat 2, compensatory Mon 4 Sep).
    [statutory, '2023-08-31', 1, '2023-09-05'],
  ])('%#: from %s, %i working days → %s', (calendar, from, n, expected) => {
    expect(calendar.addWorkingDays(from, n)).toBe(expected);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses n = %s', (n) => {
    expect(() => statutory.addWorkingDays('2025-03-03', n)).toThrow(RangeError);
  });
});

describe('nextWorkingDay', () => {
  it.each([
    ['2020-01-23', '2020-01-31'],
    ['2025-03-07', '2025-03-10'],
    ['2025-03-04', '2025-03-05'],
    ['2024-12-31', '2025-01-02'],
  ])('after %s comes %s', (date, expected) => {
    expect(statutory.nextWorkingDay(date)).toBe(expected);
  });
});

describe('workingDaysBetween counts (a, b]', () => {
  it.each([
    [statutory, '2025-03-03', '2025-03-03', 0],
    [statutory, '2025-03-07', '2025-03-08', 0], // Fri → Sat
    [statutory, '2025-03-07', '2025-03-10', 1], // Fri → Mon
    [statutory, '2025-03-10', '2025-03-07', -1],
    [statutory, '2025-03-08', '2025-03-09', 0],
    [statutory, '2020-01-20', '2020-02-03', 5],
    [statutory, '2020-02-03', '2020-01-20', -5],
    [administered, '2024-04-26', '2024-05-05', 3],
    [statutory, '2024-12-31', '2025-12-31', 250],
  ])('%#: %s to %s: %i', (calendar, a, b, expected) => {
    expect(calendar.workingDaysBetween(a, b)).toBe(expected);
  });

  it('agrees with counting day by day, around every holiday of 2019–2026', () => {
    const calendar = new WorkingCalendar([
      ...defaultCalendarEntries(2019, 2026),
      { date: '2020-02-01', kind: 'makeup_workday', name: 'Làm bù' },
      { date: '2025-02-08', kind: 'makeup_workday', name: 'Làm bù' },
      { date: '2025-02-12', kind: 'makeup_workday', name: 'no effect on a Wednesday' },
    ]);
    const failures: string[] = [];
    for (let a = '2018-12-20'; a <= '2027-01-10'; a = addDays(a, 4)) {
      for (const span of [0, 1, 2, 6, 7, 13, 40, 120]) {
        const b = addDays(a, span);
        let expected = 0;
        for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) expected += 1;
        const forward = calendar.workingDaysBetween(a, b);
        const backward = calendar.workingDaysBetween(b, a);
        if (forward !== expected || backward !== -expected)
          failures.push(`${a}..${b}: ${forward}/${backward}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('is the inverse of addWorkingDays', () => {
    const failures: string[] = [];
    for (let from = '2019-12-01'; from <= '2025-12-31'; from = addDays(from, 1)) {
      for (const n of [1, 2, 5, 10, 15, 30]) {
        const deadline = statutory.addWorkingDays(from, n);
        if (statutory.workingDaysBetween(from, deadline) !== n || !statutory.isWorkingDay(deadline))
          failures.push(`${from}+${n}=${deadline}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('the table', () => {
  it('takes the last entry for a date listed twice', () => {
    const calendar = new WorkingCalendar([
      { date: '2025-03-08', kind: 'holiday', name: 'first' },
      { date: '2025-03-08', kind: 'makeup_workday', name: 'then' },
      { date: '2025-03-12', kind: 'makeup_workday', name: 'first' },
      { date: '2025-03-12', kind: 'holiday', name: 'then' },
    ]);
    expect(calendar.isWorkingDay('2025-03-08')).toBe(true);
    expect(calendar.isWorkingDay('2025-03-12')).toBe(false);
    expect(calendar.workingDaysBetween('2025-03-07', '2025-03-14')).toBe(5);
  });

  it('refuses a malformed date', () => {
    expect(() => new WorkingCalendar([{ date: '2025-02-30', kind: 'holiday', name: 'x' }])).toThrow(RangeError);
  });

  it('treats an empty table as Monday to Friday', () => {
    const plain = new WorkingCalendar([]);
    expect(plain.addWorkingDays('2025-01-01', 5)).toBe('2025-01-08');
    expect(plain.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(261);
  });
});

describe('defaultCalendarEntries', () => {
  it('is the statutory holidays of each year, in order', () => {
    expect(defaultCalendarEntries(2020, 2021)).toEqual([...statutoryHolidays(2020), ...statutoryHolidays(2021)]);
    expect(defaultCalendarEntries(2021, 2020)).toEqual([]);
  });

  it("has one entry per date, as the table's primary key requires", () => {
    const dates = defaultCalendarEntries(1990, 2060).map((e) => e.date);
    expect(new Set(dates).size).toBe(dates.length);
  });
});
