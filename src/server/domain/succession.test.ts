import { describe, expect, it } from 'vitest';
import {
  isValidOn,
  mapProblems,
  placeTask,
  wholeUnitSuccessor,
  type Placement,
  type SuccessorRow,
} from './succession.js';

const row = (oldUnitId: number, newUnitId: number, kind: SuccessorRow['kind'], extra: Partial<SuccessorRow> = {}) => ({
  oldUnitId,
  newUnitId,
  kind,
  fieldCodes: [],
  isDefault: false,
  ...extra,
});

// 1: a department merged into 10; 2: a district split into 20, 21, 22 (22 takes the rest);
// 3: a department merged into 30 whose transport function went to 31; 4: split with no default;
// 5: renamed to 50; 6: ended with no successor; 7: two merge rows (a mistake in the map).
const MAP: SuccessorRow[] = [
  row(1, 10, 'merge'),
  row(2, 20, 'split', { fieldCodes: ['dat_dai'] }),
  row(2, 21, 'split', { fieldCodes: ['giao_thong', 'xay_dung'] }),
  row(2, 22, 'split', { isDefault: true }),
  row(3, 30, 'merge'),
  row(3, 31, 'transfer', { fieldCodes: ['giao_thong'] }),
  row(4, 40, 'split'),
  row(4, 41, 'split'),
  row(5, 50, 'rename'),
  row(7, 70, 'merge'),
  row(7, 71, 'merge'),
  row(8, 80, 'split', { fieldCodes: ['y_te'] }),
  row(8, 81, 'split', { fieldCodes: ['y_te'] }),
  row(8, 82, 'split', { isDefault: true }),
];

describe('placeTask', () => {
  const cases: [string, number, string | null, Map<number, number> | undefined, Placement][] = [
    ['merge: the one successor', 1, 'xay_dung', undefined, { placed: true, unitId: 10, rule: 'whole_unit' }],
    ['merge: a task without a field', 1, null, undefined, { placed: true, unitId: 10, rule: 'whole_unit' }],
    ['split by field', 2, 'dat_dai', undefined, { placed: true, unitId: 20, rule: 'field' }],
    ['split by field, second row', 2, 'xay_dung', undefined, { placed: true, unitId: 21, rule: 'field' }],
    [
      'split: a field no row names goes to the default',
      2,
      'y_te',
      undefined,
      { placed: true, unitId: 22, rule: 'default' },
    ],
    ['split: no field, the default', 2, null, undefined, { placed: true, unitId: 22, rule: 'default' }],
    [
      'transfer of a function wins over the merge',
      3,
      'giao_thong',
      undefined,
      { placed: true, unitId: 31, rule: 'field' },
    ],
    [
      'the rest of a merged unit with a transfer',
      3,
      'y_te',
      undefined,
      { placed: true, unitId: 30, rule: 'whole_unit' },
    ],
    ['split without a rule', 4, 'y_te', undefined, { placed: false, candidates: [40, 41], reason: 'no_rule' }],
    ['split without a rule, chosen', 4, 'y_te', new Map([[100, 41]]), { placed: true, unitId: 41, rule: 'choice' }],
    ['a choice overrides the rule', 1, null, new Map([[100, 30]]), { placed: true, unitId: 30, rule: 'choice' }],
    [
      'a choice for another task does not',
      1,
      null,
      new Map([[101, 30]]),
      { placed: true, unitId: 10, rule: 'whole_unit' },
    ],
    ['rename', 5, null, undefined, { placed: true, unitId: 50, rule: 'whole_unit' }],
    ['no successor at all', 6, null, undefined, { placed: false, candidates: [], reason: 'no_successor' }],
    ['two merge rows are ambiguous', 7, null, undefined, { placed: false, candidates: [70, 71], reason: 'ambiguous' }],
    [
      'two rows for one field are ambiguous',
      8,
      'y_te',
      undefined,
      { placed: false, candidates: [80, 81, 82], reason: 'ambiguous' },
    ],
    [
      'other fields of that unit go to its default',
      8,
      'xay_dung',
      undefined,
      { placed: true, unitId: 82, rule: 'default' },
    ],
  ];
  it.each(cases)('%s', (_name, unitId, fieldCode, choices, expected) => {
    expect(placeTask({ id: 100, unitId, fieldCode }, MAP, choices)).toEqual(expected);
  });

  it('a single split row places everything on it', () => {
    expect(placeTask({ id: 1, unitId: 9, fieldCode: 'x' }, [row(9, 90, 'split')])).toEqual({
      placed: true,
      unitId: 90,
      rule: 'only_successor',
    });
  });
});

describe('wholeUnitSuccessor', () => {
  it.each([
    [1, 10],
    [2, 22],
    [3, 30],
    [4, null],
    [5, 50],
    [6, null],
    [7, null],
    [8, 82],
  ])('unit %i → %s', (unitId, expected) => {
    expect(wholeUnitSuccessor(unitId, MAP)).toBe(expected);
  });
  it('a transfer alone does not carry the unit', () => {
    expect(wholeUnitSuccessor(9, [row(9, 90, 'transfer', { fieldCodes: ['a'] })])).toBeNull();
  });
});

describe('isValidOn', () => {
  it.each([
    [null, null, '2020-01-01', true],
    [null, '2025-07-01', '2025-06-30', true],
    [null, '2025-07-01', '2025-07-01', false],
    ['2025-07-01', null, '2025-06-30', false],
    ['2025-07-01', null, '2025-07-01', true],
    ['2025-03-01', '2025-07-01', '2025-05-01', true],
  ])('from %s to %s on %s: %s', (validFrom, validTo, day, expected) => {
    expect(isValidOn({ validFrom, validTo }, day)).toBe(expected);
  });
});

describe('mapProblems', () => {
  it('finds ended units without successors, ended successors and two defaults', () => {
    const rows = [row(1, 2, 'merge'), row(3, 4, 'split', { isDefault: true }), row(3, 5, 'split', { isDefault: true })];
    expect(mapProblems([1, 2, 3, 6], rows)).toEqual([
      { unitId: 2, problem: 'ended_without_successor' },
      { unitId: 3, problem: 'two_defaults' },
      { unitId: 6, problem: 'ended_without_successor' },
      { unitId: 2, problem: 'successor_is_ended' },
    ]);
  });
  it('is empty for a sound map', () => {
    expect(mapProblems([1, 2], MAP)).toEqual([]);
  });
});
