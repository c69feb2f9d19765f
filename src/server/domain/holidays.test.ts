import { describe, expect, it } from 'vitest';
import { dayOfWeek } from './dates.js';
import { statutoryHolidays } from './holidays.js';

const datesOf = (year: number) => statutoryHolidays(year).map((e) => e.date);
const nameOn = (year: number, date: string) => statutoryHolidays(year).find((e) => e.date === date)?.name;

describe('statutoryHolidays', () => {
  it('lists 2020 in full: Tết over a weekend gives two compensatory days', () => {
    // 24 Jan 2020 is 30 tháng Chạp (Chạp Kỷ Hợi has 30 days); Sat 25 and Sun 26 are compensated.
    expect(statutoryHolidays(2020)).toEqual([
      { date: '2020-01-01', kind: 'holiday', name: 'Tết Dương lịch' },
      { date: '2020-01-24', kind: 'holiday', name: 'Tết Nguyên Đán (30 tháng Chạp)' },
      { date: '2020-01-25', kind: 'holiday', name: 'Tết Nguyên Đán (mùng 1 tháng Giêng)' },
      { date: '2020-01-26', kind: 'holiday', name: 'Tết Nguyên Đán (mùng 2 tháng Giêng)' },
      { date: '2020-01-27', kind: 'holiday', name: 'Tết Nguyên Đán (mùng 3 tháng Giêng)' },
      { date: '2020-01-28', kind: 'holiday', name: 'Tết Nguyên Đán (mùng 4 tháng Giêng)' },
      { date: '2020-01-29', kind: 'holiday', name: 'Nghỉ bù Tết Nguyên Đán (mùng 1 tháng Giêng)' },
      { date: '2020-01-30', kind: 'holiday', name: 'Nghỉ bù Tết Nguyên Đán (mùng 2 tháng Giêng)' },
      { date: '2020-04-02', kind: 'holiday', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
      { date: '2020-04-30', kind: 'holiday', name: 'Ngày Chiến thắng (30/4)' },
      { date: '2020-05-01', kind: 'holiday', name: 'Ngày Quốc tế Lao động (1/5)' },
      { date: '2020-09-02', kind: 'holiday', name: 'Quốc khánh (2/9)' },
    ]);
  });

  it.each([
    // year, the five days of Tết, then the compensatory days that follow them
    [2019, ['2019-02-04', '2019-02-05', '2019-02-06', '2019-02-07', '2019-02-08'], []],
    [2021, ['2021-02-11', '2021-02-12', '2021-02-13', '2021-02-14', '2021-02-15'], ['2021-02-16', '2021-02-17']],
    [2024, ['2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13'], ['2024-02-14', '2024-02-15']],
    // 29 Tết: tháng Chạp Giáp Thìn has 29 days; mùng 4 is a Saturday, made up on Monday.
    [2025, ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01'], ['2025-02-03']],
    [2026, ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'], []],
  ])('Tết %i: %j, made up on %j', (year, tet, compensatory) => {
    const dates = datesOf(year);
    const afterTet = dates.slice(
      dates.indexOf(tet[0] ?? ''),
      dates.indexOf(tet[0] ?? '') + tet.length + compensatory.length,
    );
    expect(afterTet).toEqual([...tet, ...compensatory]);
  });

  it('names the eve by its lunar day', () => {
    expect(nameOn(2025, '2025-01-28')).toBe('Tết Nguyên Đán (29 tháng Chạp)');
    expect(nameOn(2024, '2024-02-09')).toBe('Tết Nguyên Đán (30 tháng Chạp)');
  });

  it.each([
    [2020, '2020-04-02'],
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
  ])('Giỗ Tổ Hùng Vương %i is on %s', (year, date) => {
    expect(nameOn(year, date)).toBe('Giỗ Tổ Hùng Vương (10/3 âm lịch)');
  });

  it("compensates 2023's run of Giỗ Tổ (Sat), 30/4 (Sun), 1/5 (Mon) on Tue and Wed", () => {
    expect(datesOf(2023).filter((d) => d >= '2023-04-01' && d <= '2023-05-31')).toEqual([
      '2023-04-29',
      '2023-04-30',
      '2023-05-01',
      '2023-05-02',
      '2023-05-03',
    ]);
    expect(nameOn(2023, '2023-05-02')).toBe('Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)');
    expect(nameOn(2023, '2023-05-03')).toBe('Nghỉ bù Ngày Chiến thắng (30/4)');
  });

  it("compensates New Year's Day on a Sunday on the Monday", () => {
    expect(datesOf(2023).slice(0, 2)).toEqual(['2023-01-01', '2023-01-02']);
    expect(nameOn(2023, '2023-01-02')).toBe('Nghỉ bù Tết Dương lịch');
  });

  it.each([
    // year, weekday of 2/9, the National Day dates
    [2019, 1, ['2019-09-02']], // before the 2019 Code: one day
    [2020, 3, ['2020-09-02']],
    [2021, 4, ['2021-09-01', '2021-09-02']],
    [2022, 5, ['2022-09-01', '2022-09-02']],
    [2023, 6, ['2023-09-01', '2023-09-02', '2023-09-04']], // Saturday, made up on Monday
    [2024, 1, ['2024-09-02', '2024-09-03']], // Monday: the second day is 3/9
    [2025, 2, ['2025-09-01', '2025-09-02']],
    [2029, 0, ['2029-09-01', '2029-09-02', '2029-09-03', '2029-09-04']], // Sat and Sun both made up
  ])('Quốc khánh %i (2/9 is day %i): %j', (year, weekday, dates) => {
    expect(dayOfWeek(`${year}-09-02`)).toBe(weekday);
    expect(datesOf(year).filter((d) => d.slice(5, 7) === '09')).toEqual(dates);
  });

  it('compensates a holiday that shares its date with another (Giỗ Tổ on 30/4 in 1947)', () => {
    const entries = statutoryHolidays(1947).filter((e) => e.date >= '1947-04-01' && e.date <= '1947-05-31');
    expect(entries.map((e) => e.date)).toEqual(['1947-04-30', '1947-05-01', '1947-05-02']);
    expect(entries[2]?.name).toBe('Nghỉ bù Ngày Chiến thắng (30/4)');
  });

  it.each([1900, 1985, 2000, 2020, 2021, 2050, 2100, 2199])(
    '%i: one sorted entry per date, all holidays, none at the weekend unless statutory',
    (year) => {
      const entries = statutoryHolidays(year);
      const dates = entries.map((e) => e.date);
      expect(new Set(dates).size).toBe(dates.length);
      expect([...dates].sort()).toEqual(dates);
      expect(dates.every((d) => d.startsWith(`${year}-`))).toBe(true);
      expect(entries.every((e) => e.kind === 'holiday')).toBe(true);
      const weekendCompensations = entries.filter(
        (e) => e.name.startsWith('Nghỉ bù') && [0, 6].includes(dayOfWeek(e.date)),
      );
      expect(weekendCompensations).toEqual([]);
      // 1 + 5 + 1 + 1 + 1 + National Day, plus as many compensatory days as days lost.
      const lost = entries.filter((e) => !e.name.startsWith('Nghỉ bù') && [0, 6].includes(dayOfWeek(e.date))).length;
      const nationalDays = year >= 2021 ? 2 : 1;
      expect(entries.length).toBe(9 + nationalDays + lost);
    },
  );
});
