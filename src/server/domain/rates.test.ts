import { describe, expect, it } from 'vitest';
import { addCounts, computeRates, emptyCounts } from './rates.js';

describe('computeRates', () => {
  it('computes the three rates and the on-time rate, each with its own denominator', () => {
    const r = computeRates({ onTime: 6, late: 2, inProgress: 8, overdue: 4, dueByCutoff: 10, completedOfDue: 5 });
    expect(r.completionRate).toBeCloseTo(8 / 12);
    expect(r.completionOfDueRate).toBeCloseTo(5 / 10);
    expect(r.overdueRate).toBeCloseTo(4 / 20);
    expect(r.onTimeRate).toBeCloseTo(6 / 8);
  });

  it('gives null, not zero or NaN, when a denominator is empty', () => {
    expect(computeRates(emptyCounts())).toEqual({
      completionRate: null,
      completionOfDueRate: null,
      overdueRate: null,
      onTimeRate: null,
    });
  });

  it('adds counts field by field', () => {
    const one = { onTime: 1, late: 2, inProgress: 3, overdue: 4, dueByCutoff: 5, completedOfDue: 6 };
    expect(addCounts(one, one)).toEqual({
      onTime: 2,
      late: 4,
      inProgress: 6,
      overdue: 8,
      dueByCutoff: 10,
      completedOfDue: 12,
    });
  });
});
