import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from './calendar.js';
import { expandDeadline } from './deadlines.js';

const calendar = new WorkingCalendar([{ date: '2020-09-02', kind: 'holiday', name: 'Quốc khánh' }]);

describe('expandDeadline', () => {
  it('keeps a fixed date', () => {
    expect(expandDeadline({ kind: 'fixed', date: '2020-07-31' }, '2020-07-03', calendar)).toEqual([
      { assignedOn: '2020-07-03', deadline: '2020-07-31', periodLabel: null },
    ]);
  });

  it('counts working days from the document date, skipping weekends and holidays', () => {
    // Fri 2020-08-28 + 3 working days: Mon 31, Tue 1, (Wed 2 holiday), Thu 3.
    expect(expandDeadline({ kind: 'working_days', days: 3 }, '2020-08-28', calendar)[0]?.deadline).toBe('2020-09-03');
  });

  it('gives no deadline for ongoing work', () => {
    expect(expandDeadline({ kind: 'none' }, '2020-07-03', calendar)[0]?.deadline).toBeNull();
  });

  it('gives one instance per quarter, due on the 20th of its last month', () => {
    const instances = expandDeadline(
      { kind: 'periodic', period: 'quarterly', from: '2020-07-01', until: '2021-06-30' },
      '2020-07-03',
      calendar,
    );
    expect(instances).toEqual([
      { assignedOn: '2020-07-03', deadline: '2020-09-20', periodLabel: '2020-Q3' },
      { assignedOn: '2020-10-01', deadline: '2020-12-20', periodLabel: '2020-Q4' },
      { assignedOn: '2021-01-01', deadline: '2021-03-20', periodLabel: '2021-Q1' },
      { assignedOn: '2021-04-01', deadline: '2021-06-20', periodLabel: '2021-Q2' },
    ]);
  });

  it('clamps the due day to short months and skips periods already past', () => {
    const instances = expandDeadline(
      { kind: 'periodic', period: 'monthly', from: '2021-01-01', until: '2021-03-31', dueDay: 31 },
      '2021-02-10',
      calendar,
    );
    expect(instances.map((i) => i.deadline)).toEqual(['2021-02-28', '2021-03-31']);
    expect(instances.map((i) => i.periodLabel)).toEqual(['2021-02', '2021-03']);
  });

  it('labels half-year and year periods', () => {
    const half = expandDeadline(
      { kind: 'periodic', period: 'half_yearly', from: '2020-01-01', until: '2020-12-31' },
      '2020-01-01',
      calendar,
    );
    expect(half.map((i) => i.periodLabel)).toEqual(['2020-H1', '2020-H2']);
    const year = expandDeadline(
      { kind: 'periodic', period: 'yearly', from: '2020-01-01', until: '2021-12-31', dueDay: 15 },
      '2020-01-01',
      calendar,
    );
    expect(year.map((i) => i.deadline)).toEqual(['2020-12-15', '2021-12-15']);
  });
});
