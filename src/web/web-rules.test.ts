import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { parseTaskFilters } from './routes/taskSearch';
import { formPathOfIssue, toDocumentInput } from './features/documents/documentForm';
import { tasksBehind } from './features/dashboard/statsLinks';
import { buildUnitTree } from './features/admin/unitTree';
import { foldForSearch, formatDate, formatNumber } from './format';
import { toQueryString } from './api/client';
import type { StatsRow, Unit } from './api/types';

describe('task list URL filters', () => {
  it('keeps valid filters and drops malformed ones', () => {
    expect(
      parseTaskFilters({
        unitId: '12',
        status: 'in_progress_overdue',
        asOf: '2026-11-29',
        sort: '-deadline',
        subtree: 'false',
        q: ' ton dong ',
      }),
    ).toEqual({
      unitId: 12,
      status: 'in_progress_overdue',
      asOf: '2026-11-29',
      sort: '-deadline',
      subtree: false,
      q: 'ton dong',
    });
    expect(
      parseTaskFilters({
        unitId: '-3',
        status: 'late',
        asOf: '29/11/2026',
        sort: 'name',
        role: 'boss',
        documentId: 'x',
      }),
    ).toEqual({});
  });
});

describe('document entry', () => {
  it('builds the POST body, deadline by kind, periodic from the document date', () => {
    const body = toDocumentInput({
      numberSymbol: ' 2812/UBND-TKBT ',
      kind: 'Công văn',
      issuerUnitId: 7,
      issuedOn: dayjs('2020-07-03'),
      summary: 'Về kiểm điểm',
      tasks: [
        { content: 'A', leadUnitId: 1, deadlineKind: 'fixed', deadlineDate: dayjs('2020-08-15') },
        { content: 'B', leadUnitId: 2, deadlineKind: 'working_days', deadlineDays: 10, coordinatingUnitIds: [3] },
        {
          content: 'C',
          leadUnitId: 2,
          deadlineKind: 'periodic',
          period: 'quarterly',
          periodUntil: dayjs('2020-12-31'),
          dueDay: 15,
          leaderUserId: 9,
        },
        {
          content: 'D',
          leadUnitId: 2,
          deadlineKind: 'none',
          fieldCode: 'dat_dai',
          paragraph: ' Mục 2.1 ',
          expectedProduct: ' Báo cáo kết quả ',
          isKey: true,
        },
      ],
    });
    expect(body.numberSymbol).toBe('2812/UBND-TKBT');
    expect(body.tasks.map((t) => t.deadline)).toEqual([
      { kind: 'fixed', date: '2020-08-15' },
      { kind: 'working_days', days: 10 },
      { kind: 'periodic', period: 'quarterly', from: '2020-07-03', until: '2020-12-31', dueDay: 15 },
      { kind: 'none' },
    ]);
    expect(body.tasks[3]).toMatchObject({
      fieldCode: 'dat_dai',
      paragraph: 'Mục 2.1',
      expectedProduct: 'Báo cáo kết quả',
      isKey: true,
    });
    expect(body.tasks[0]).not.toHaveProperty('paragraph');
    expect(body.tasks[2]).toMatchObject({ leaderUserId: 9 });
    expect(body.tasks[0]).not.toHaveProperty('leaderUserId');
  });

  it('puts a server issue on a deadline next to the input that shows it', () => {
    expect(formPathOfIssue(['tasks', 0, 'deadline', 'date'])).toEqual(['tasks', 0, 'deadlineDate']);
    expect(formPathOfIssue(['tasks', 2, 'deadline', 'days'])).toEqual(['tasks', 2, 'deadlineDays']);
    expect(formPathOfIssue(['tasks', 1, 'content'])).toEqual(['tasks', 1, 'content']);
    expect(formPathOfIssue(['tasks', 3, 'deadline', 'dueDay'])).toEqual(['tasks', 3, 'dueDay']);
  });
});

describe('dashboard click-through', () => {
  const row = { key: 42, label: 'Quận Ba Đình' } as StatsRow;
  it('links a lead unit cell to exactly that unit, top-level tasks, same cut-off', () => {
    expect(tasksBehind('lead_unit', row, 'in_progress_overdue', { asOf: '2026-11-29' })).toEqual({
      asOf: '2026-11-29',
      topLevel: true,
      status: 'in_progress_overdue',
      unitId: 42,
      subtree: false,
      role: 'lead',
    });
  });
  it('links a field row within the chosen unit scope, and the totals to the scope', () => {
    expect(
      tasksBehind('field', { ...row, key: 'dat_dai' }, 'completed_late', { asOf: '2026-11-29', unitId: 5 }),
    ).toMatchObject({ fieldCode: 'dat_dai', unitId: 5, role: 'lead' });
    expect(tasksBehind('field', null, undefined, { asOf: '2026-11-29' })).toEqual({
      asOf: '2026-11-29',
      topLevel: true,
      counted: true,
    });
  });
  it('has no link for a group that no filter can express', () => {
    expect(tasksBehind('field', { ...row, key: null }, 'completed_late', { asOf: '2026-11-29' })).toBeNull();
  });
});

describe('unit tree', () => {
  const unit = (id: number, parentId: number | null, code: string, name: string, kind: Unit['kind']): Unit => ({
    id,
    parentId,
    code,
    name,
    kind,
    path: '',
    active: true,
    successorId: null,
    validFrom: null,
    validTo: null,
    version: 1,
  });
  const units = [
    unit(1, null, 'UBND', 'Ủy ban nhân dân Thành phố', 'authority'),
    unit(3, 1, 'Q.BADINH', 'Quận Ba Đình', 'district'),
    unit(2, 1, 'SXD', 'Sở Xây dựng', 'department'),
    unit(4, 3, 'Q.BADINH.VP', 'Văn phòng quận', 'division'),
  ];
  it('orders departments before districts and filters without diacritics, keeping ancestors', () => {
    expect(buildUnitTree(units)[0]!.children.map((c) => c.unit.code)).toEqual(['SXD', 'Q.BADINH']);
    const filtered = buildUnitTree(units, 'van phong');
    expect(filtered[0]!.children.map((c) => c.unit.code)).toEqual(['Q.BADINH']);
    expect(filtered[0]!.children[0]!.children.map((c) => c.unit.code)).toEqual(['Q.BADINH.VP']);
  });
});

describe('formatting and search', () => {
  it('uses Vietnamese dates and separators, and folds đ to d', () => {
    expect(formatDate('2026-11-29')).toBe('29/11/2026');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(foldForSearch('Quận Đống Đa')).toBe('quan dong da');
  });
  it('leaves empty values out of query strings', () => {
    expect(toQueryString({ a: 1, b: undefined, c: '', d: false })).toBe('?a=1&d=false');
  });
});
