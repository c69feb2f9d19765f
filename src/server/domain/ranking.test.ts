import { describe, expect, it } from 'vitest';
import {
  describeMethod,
  monthsBetween,
  normaliseWeights,
  parseWeights,
  rankUnits,
  type UnitFigures,
  type Weights,
} from './ranking.js';

const unit = (
  code: string,
  backlog: number,
  assigned: number,
  lateDossiers: number,
  monthsSinceInspection: number | null,
): UnitFigures => ({
  unitId: code.charCodeAt(0),
  code,
  name: `Unit ${code}`,
  backlog,
  assigned,
  lateDossiers,
  monthsSinceInspection,
});

const only = (c: keyof Weights): Weights => ({
  backlog: 0,
  overdueRate: 0,
  lateDossiers: 0,
  sinceInspection: 0,
  [c]: 1,
});

describe('rankUnits', () => {
  const cases: {
    name: string;
    units: UnitFigures[];
    weights: Weights;
    order: string[];
    ranks: number[];
    scores?: number[];
  }[] = [
    {
      name: 'backlog only: scores are shares of the largest backlog',
      units: [unit('A', 5, 10, 0, 0), unit('B', 10, 100, 0, 0), unit('C', 0, 10, 0, 0)],
      weights: only('backlog'),
      order: ['B', 'A', 'C'],
      ranks: [1, 2, 3],
      scores: [100, 50, 0],
    },
    {
      name: 'overdue rate only: a small unit with a high rate comes first',
      units: [unit('A', 5, 10, 0, 0), unit('B', 10, 100, 0, 0)],
      weights: only('overdueRate'),
      order: ['A', 'B'],
      ranks: [1, 2],
      scores: [100, 20],
    },
    {
      name: 'late dossiers only',
      units: [unit('A', 0, 0, 3, 0), unit('B', 0, 0, 12, 0)],
      weights: only('lateDossiers'),
      order: ['B', 'A'],
      ranks: [1, 2],
      scores: [100, 25],
    },
    {
      name: 'never inspected counts as the cap, longer ago is capped',
      units: [unit('A', 0, 0, 0, 3), unit('B', 0, 0, 0, null), unit('C', 0, 0, 0, 40)],
      weights: only('sinceInspection'),
      order: ['B', 'C', 'A'],
      ranks: [1, 1, 3],
      scores: [100, 100, 25],
    },
    {
      name: 'ties on score are broken by backlog, then dossiers, then code, and share a rank',
      units: [unit('Z', 0, 0, 0, null), unit('Y', 0, 0, 0, null), unit('X', 0, 0, 0, null)],
      weights: only('sinceInspection'),
      order: ['X', 'Y', 'Z'],
      ranks: [1, 1, 1],
    },
    {
      name: 'a criterion that is zero everywhere gives no points',
      units: [unit('A', 0, 10, 0, 0), unit('B', 0, 10, 0, 0)],
      weights: { backlog: 1, overdueRate: 1, lateDossiers: 1, sinceInspection: 0 },
      order: ['A', 'B'],
      ranks: [1, 1],
      scores: [0, 0],
    },
    {
      name: 'weights mix the criteria (equal weights)',
      units: [unit('A', 10, 20, 0, 0), unit('B', 0, 20, 10, 0), unit('C', 5, 10, 5, 0)],
      weights: { backlog: 1, overdueRate: 1, lateDossiers: 1, sinceInspection: 1 },
      // A: 25 + 25 + 0 = 50; B: 0 + 0 + 25 = 25; C: 12.5 + 25 + 12.5 = 50 → tie, A has more backlog
      order: ['A', 'C', 'B'],
      ranks: [1, 1, 3],
      scores: [50, 50, 25],
    },
  ];
  it.each(cases)('$name', ({ units, weights, order, ranks, scores }) => {
    const r = rankUnits(units, weights);
    expect(r.units.map((u) => u.code)).toEqual(order);
    expect(r.units.map((u) => u.rank)).toEqual(ranks);
    if (scores) expect(r.units.map((u) => u.score)).toEqual(scores);
  });

  it('is reproducible: input order does not matter, points add up to the score', () => {
    const units = [unit('A', 7, 30, 4, 2), unit('B', 3, 5, 9, null), unit('C', 12, 80, 1, 11), unit('D', 0, 0, 0, 0)];
    const a = rankUnits(units);
    const b = rankUnits([...units].reverse());
    expect(b).toEqual(a);
    for (const u of a.units) expect(Object.values(u.points).reduce((s, p) => s + p, 0)).toBeCloseTo(u.score, 1);
  });

  it('weights scale freely: 40/30/20/10 is the same as 0.4/0.3/0.2/0.1', () => {
    const units = [unit('A', 7, 30, 4, 2), unit('B', 3, 5, 9, null)];
    expect(rankUnits(units, { backlog: 40, overdueRate: 30, lateDossiers: 20, sinceInspection: 10 }).units).toEqual(
      rankUnits(units, { backlog: 0.4, overdueRate: 0.3, lateDossiers: 0.2, sinceInspection: 0.1 }).units,
    );
  });

  it('an empty list ranks nothing', () => {
    expect(rankUnits([]).units).toEqual([]);
  });
});

describe('weights', () => {
  it.each([
    ['', { backlog: 35, overdueRate: 25, lateDossiers: 30, sinceInspection: 10 }],
    ['backlog:1', { backlog: 1, overdueRate: 0, lateDossiers: 0, sinceInspection: 0 }],
    [
      'backlog:40, overdueRate:30,lateDossiers:20,sinceInspection:10',
      { backlog: 40, overdueRate: 30, lateDossiers: 20, sinceInspection: 10 },
    ],
  ])('parses %j', (text, expected) => expect(parseWeights(text)).toEqual(expected));

  it.each(['backlog', 'backlog:-1', 'speed:3', 'backlog:abc', 'backlog:1e9'])('rejects %j', (text) =>
    expect(() => parseWeights(text)).toThrow(RangeError),
  );

  it('rejects all-zero and negative weights', () => {
    expect(() => normaliseWeights({ backlog: 0, overdueRate: 0, lateDossiers: 0, sinceInspection: 0 })).toThrow(
      RangeError,
    );
    expect(() => normaliseWeights({ backlog: -1, overdueRate: 2, lateDossiers: 0, sinceInspection: 0 })).toThrow(
      RangeError,
    );
  });
});

describe('method text and months', () => {
  it.each([
    ['2026-01', '2026-11', 10],
    ['2025-11', '2026-11', 12],
    ['2026-11', '2026-11', 0],
  ])('months from %s to %s = %i', (a, b, n) => expect(monthsBetween(a, b)).toBe(n));

  it('names the constants used', () => {
    const r = rankUnits([unit('A', 8, 16, 4, 1)]);
    const m = describeMethod(r, '2026-11-29', '2026-11');
    expect(m.vi.join(' ')).toContain('tồn đọng 8');
    expect(m.en.join(' ')).toContain('backlog 35%');
    expect(m.en.join(' ')).toContain('2026-11-29');
  });
});
