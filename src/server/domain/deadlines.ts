/**
 * Turns a deadline as written in a directive into dates (DESIGN.md §2): a fixed date, N
 * working days from the document date, one instance per period, or none (ongoing work).
 */
import type { WorkingCalendar } from './calendar.js';
import type { IsoDate } from './dates.js';

export type Period = 'monthly' | 'quarterly' | 'half_yearly' | 'yearly';

export type DeadlineSpec =
  | { kind: 'fixed'; date: IsoDate }
  | { kind: 'working_days'; days: number; from?: 'document' | 'receipt' }
  | { kind: 'periodic'; period: Period; from: IsoDate; until: IsoDate; dueDay?: number }
  | { kind: 'none' };

export interface TaskInstance {
  assignedOn: IsoDate;
  deadline: IsoDate | null;
  periodLabel: string | null;
}

const MONTHS_IN: Record<Period, number> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 };
export const DEFAULT_DUE_DAY = 20;

/**
 * The instances a spec gives for a document dated `documentDate`. A periodic task gives one
 * instance per period that ends within [from, until], due on `dueDay` of the period's last
 * month ("báo cáo trước ngày 20"), assigned at the start of its period (or the document date).
 */
export function expandDeadline(spec: DeadlineSpec, documentDate: IsoDate, calendar: WorkingCalendar): TaskInstance[] {
  switch (spec.kind) {
    case 'fixed':
      return [{ assignedOn: documentDate, deadline: spec.date, periodLabel: null }];
    case 'working_days':
      // Counted from receipt, the deadline is known only when the lead unit receives the task.
      return [
        {
          assignedOn: documentDate,
          deadline: spec.from === 'receipt' ? null : calendar.addWorkingDays(documentDate, spec.days),
          periodLabel: null,
        },
      ];
    case 'none':
      return [{ assignedOn: documentDate, deadline: null, periodLabel: null }];
    case 'periodic':
      return periodicInstances(spec, documentDate);
  }
}

function periodicInstances(spec: Extract<DeadlineSpec, { kind: 'periodic' }>, documentDate: IsoDate): TaskInstance[] {
  const step = MONTHS_IN[spec.period];
  const dueDay = spec.dueDay ?? DEFAULT_DUE_DAY;
  const [fromYear, fromMonth] = yearMonth(spec.from);
  // Periods are aligned to the calendar year: Q1 = Jan–Mar, H1 = Jan–Jun.
  let startIndex = fromYear * 12 + Math.floor((fromMonth - 1) / step) * step;
  const instances: TaskInstance[] = [];
  for (; ; startIndex += step) {
    const endIndex = startIndex + step - 1;
    const deadline = dateOf(endIndex, Math.min(dueDay, daysInMonth(endIndex)));
    if (deadline > spec.until) break;
    const periodStart = dateOf(startIndex, 1);
    if (deadline >= spec.from && deadline >= documentDate) {
      instances.push({
        assignedOn: periodStart > documentDate ? periodStart : documentDate,
        deadline,
        periodLabel: label(spec.period, startIndex),
      });
    }
    if (instances.length > 600) throw new RangeError('Too many periodic instances');
  }
  return instances;
}

function yearMonth(d: IsoDate): [number, number] {
  return [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
}

function dateOf(monthIndex: number, day: number): IsoDate {
  const y = Math.floor(monthIndex / 12);
  const m = (monthIndex % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(monthIndex: number): number {
  const y = Math.floor(monthIndex / 12);
  const m = (monthIndex % 12) + 1;
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function label(period: Period, startIndex: number): string {
  const y = Math.floor(startIndex / 12);
  const m = (startIndex % 12) + 1;
  if (period === 'monthly') return `${y}-${String(m).padStart(2, '0')}`;
  if (period === 'quarterly') return `${y}-Q${Math.ceil(m / 3)}`;
  if (period === 'half_yearly') return `${y}-H${m <= 6 ? 1 : 2}`;
  return `${y}`;
}
