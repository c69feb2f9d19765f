import { describe, expect, it } from 'vitest';
import {
  daysOverdue,
  defaultCutoff,
  monthsOf,
  periodContaining,
  periodLabel,
  rankBy,
  reviewPeriod,
  type PeriodKind,
  type PeriodMode,
} from './review.js';

describe('review periods', () => {
  const cases: [PeriodKind, number, number, PeriodMode, string, string][] = [
    ['month', 2026, 1, 'calendar', '2026-01-01', '2026-01-31'],
    ['month', 2024, 2, 'calendar', '2024-02-01', '2024-02-29'],
    ['month', 2026, 1, 'official', '2025-12-15', '2026-01-14'],
    ['month', 2026, 7, 'official', '2026-06-15', '2026-07-14'],
    ['quarter', 2026, 1, 'calendar', '2026-01-01', '2026-03-31'],
    ['quarter', 2026, 3, 'calendar', '2026-07-01', '2026-09-30'],
    ['quarter', 2026, 1, 'official', '2025-12-15', '2026-03-14'],
    ['quarter', 2026, 4, 'official', '2026-09-15', '2026-12-14'],
    ['half', 2026, 1, 'calendar', '2026-01-01', '2026-06-30'],
    ['half', 2026, 2, 'calendar', '2026-07-01', '2026-12-31'],
    ['half', 2026, 1, 'official', '2025-12-15', '2026-06-14'],
    ['half', 2026, 2, 'official', '2026-06-15', '2026-12-14'],
    ['year', 2026, 1, 'calendar', '2026-01-01', '2026-12-31'],
    ['year', 2026, 1, 'official', '2025-12-15', '2026-12-14'],
  ];
  it.each(cases)('%s %i #%i (%s) runs %s … %s', (kind, year, index, mode, start, end) => {
    const p = reviewPeriod(kind, year, index, mode);
    expect([p.start, p.end]).toEqual([start, end]);
  });

  it('refuses an index the kind does not have', () => {
    expect(() => reviewPeriod('quarter', 2026, 5, 'calendar')).toThrow(RangeError);
    expect(() => reviewPeriod('month', 2026, 0, 'calendar')).toThrow(RangeError);
    expect(() => reviewPeriod('year', 2026, 2, 'calendar')).toThrow(RangeError);
  });

  it('finds the period containing a day, with the official cut-off moving the 15th into the next month', () => {
    expect(periodContaining('month', '2026-03-14', 'official').index).toBe(3);
    expect(periodContaining('month', '2026-03-15', 'official').index).toBe(4);
    const dec = periodContaining('quarter', '2026-12-20', 'official');
    expect([dec.year, dec.index, dec.start]).toEqual([2027, 1, '2026-12-15']);
    expect(periodContaining('half', '2026-11-29', 'calendar').index).toBe(2);
  });

  it('splits a period into its months and labels it officially', () => {
    const h = reviewPeriod('half', 2026, 1, 'official');
    expect(monthsOf(h).map((m) => `${m.start}/${m.end}`)).toEqual([
      '2025-12-15/2026-01-14',
      '2026-01-15/2026-02-14',
      '2026-02-15/2026-03-14',
      '2026-03-15/2026-04-14',
      '2026-04-15/2026-05-14',
      '2026-05-15/2026-06-14',
    ]);
    expect(periodLabel(reviewPeriod('quarter', 2026, 3, 'calendar')).vi).toBe('Quý III năm 2026');
    expect(periodLabel(h).vi).toBe('6 tháng đầu năm 2026');
  });

  it('cuts off at the period end, or today while the period runs', () => {
    const q = reviewPeriod('quarter', 2026, 4, 'calendar');
    expect(defaultCutoff(q, '2026-11-29')).toBe('2026-11-29');
    expect(defaultCutoff(q, '2027-01-05')).toBe('2026-12-31');
  });

  it('counts days overdue from the deadline to the cut-off', () => {
    expect(daysOverdue('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysOverdue('2026-03-02', '2026-03-02')).toBe(0);
  });
});

describe('ranking with ties', () => {
  const rows = [
    { name: 'A', num: 1, den: 3 },
    { name: 'B', num: 2, den: 6 },
    { name: 'C', num: 3, den: 4 },
    { name: 'D', num: 0, den: 0 },
    { name: 'E', num: 0, den: 5 },
    { name: 'F', num: 3, den: 4 },
  ];
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

  it('gives equal values the same rank and skips the next (1, 1, 3, 3, 5), undefined last', () => {
    const ranked = rankBy(rows, (r) => r, 'desc', byName).map((r) => `${r.item.name}:${r.rank}`);
    expect(ranked).toEqual(['C:1', 'F:1', 'A:3', 'B:3', 'E:5', 'D:null']);
  });

  it('ranks ascending for "lower is better" measures', () => {
    const ranked = rankBy(rows, (r) => r, 'asc', byName).map((r) => `${r.item.name}:${r.rank}`);
    expect(ranked).toEqual(['E:1', 'A:2', 'B:2', 'C:4', 'F:4', 'D:null']);
  });
});
