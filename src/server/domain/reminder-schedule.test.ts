import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from './calendar.js';
import {
  DEFAULT_REMINDER_RULES,
  deadlineReminders,
  escalationOccurrence,
  overdueOccurrence,
  workingDaysBefore,
} from './reminder-schedule.js';

// 2026: Tết holidays 16–20 Feb (Mon–Fri); a plain week in late November.
const calendar = new WorkingCalendar([
  { date: '2026-02-16', kind: 'holiday', name: 'Tết' },
  { date: '2026-02-17', kind: 'holiday', name: 'Tết' },
  { date: '2026-02-18', kind: 'holiday', name: 'Tết' },
  { date: '2026-02-19', kind: 'holiday', name: 'Tết' },
  { date: '2026-02-20', kind: 'holiday', name: 'Tết' },
]);

describe('workingDaysBefore', () => {
  it.each([
    ['2026-12-02', 3, '2026-11-27'], // Wed → the Friday before (Mon, Tue, Wed counted)
    ['2026-11-30', 1, '2026-11-27'], // Mon → Fri
    ['2026-11-28', 1, '2026-11-27'], // Sat deadline → the Friday before it
    ['2026-02-23', 3, '2026-02-11'], // across Tết week: Mon 23 Feb ← Wed 11 Feb (12, 13, 23)
  ])('%s minus %i working days is %s', (date, n, expected) => {
    expect(workingDaysBefore(date, n, calendar)).toBe(expected);
    // For a deadline on a working day, exactly n working days lie in (result, deadline].
    if (calendar.isWorkingDay(date)) expect(calendar.workingDaysBetween(expected, date)).toBe(n);
  });
});

describe('deadlineReminders', () => {
  const rules = { ...DEFAULT_REMINDER_RULES, beforeWorkingDays: [3] };
  const byDeadline = (today: string, r = rules) =>
    Object.fromEntries(deadlineReminders(today, r, calendar).map((x) => [x.deadline, `${x.rule}@${x.occurrence}`]));

  it('on Friday 27 Nov reminds the deadlines of Mon–Wed and the day itself', () => {
    expect(byDeadline('2026-11-27')).toEqual({
      '2026-11-27': 'due@2026-11-27',
      '2026-11-28': 'before_3@2026-11-25',
      '2026-11-29': 'before_3@2026-11-25',
      '2026-11-30': 'before_3@2026-11-25',
      '2026-12-01': 'before_3@2026-11-26',
      '2026-12-02': 'before_3@2026-11-27',
    });
  });

  it('picks the most urgent rule when an earlier one was missed', () => {
    const two = { ...rules, beforeWorkingDays: [5, 1] };
    const r = byDeadline('2026-11-27', two);
    expect(r['2026-11-30']).toBe('before_1@2026-11-27');
    expect(r['2026-12-04']).toBe('before_5@2026-11-27');
    expect(r['2026-12-07']).toBeUndefined();
  });

  it('reaches across a long holiday', () => {
    expect(byDeadline('2026-02-11')['2026-02-23']).toBe('before_3@2026-02-11');
  });

  it('can be limited to the day itself', () => {
    expect(deadlineReminders('2026-11-27', { ...rules, beforeWorkingDays: [] }, calendar)).toEqual([
      { deadline: '2026-11-27', rule: 'due', occurrence: '2026-11-27' },
    ]);
  });
});

describe('overdue and escalation occurrences', () => {
  it.each([
    ['2026-11-20', '2026-11-20', 3, null],
    ['2026-11-20', '2026-11-21', 3, '2026-11-21'],
    ['2026-11-20', '2026-11-23', 3, '2026-11-21'],
    ['2026-11-20', '2026-11-24', 3, '2026-11-24'],
    ['2026-11-20', '2026-11-29', 3, '2026-11-27'],
    ['2026-11-20', '2026-11-29', 0, null],
    ['2026-11-20', '2026-11-29', 1, '2026-11-29'],
  ])('deadline %s, today %s, every %i days → %s', (deadline, today, every, expected) => {
    expect(overdueOccurrence(deadline, today, every)).toBe(expected);
  });

  it.each([
    ['2026-11-20', '2026-11-26', 7, null],
    ['2026-11-20', '2026-11-27', 7, '2026-11-27'],
    ['2026-11-20', '2026-12-27', 7, '2026-11-27'],
    ['2026-11-20', '2026-12-27', 0, null],
  ])('escalation: deadline %s, today %s, after %i days → %s', (deadline, today, after, expected) => {
    expect(escalationOccurrence(deadline, today, after)).toBe(expected);
  });
});
