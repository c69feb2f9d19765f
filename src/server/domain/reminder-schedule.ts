/**
 * When reminders fall due (DESIGN.md §6): N working days before the deadline, on the day, every
 * N days while overdue, and escalation after overdue thresholds. Each reminder has an
 * occurrence date; with the task, the rule and the recipient it is the reminder's unique key,
 * so a scan that runs twice, late, or on two servers at once sends it once. A scan that did not
 * run on the occurrence day (server down, weekend) still finds it on the next run.
 */
import { addDays, daysBetween, type IsoDate } from './dates.js';

export interface ReminderRules {
  enabled: boolean;
  /** Remind this many working days before the deadline (each value a separate reminder). */
  beforeWorkingDays: number[];
  onDueDay: boolean;
  /** While overdue, remind on the first overdue day and every N days after; 0 = never. */
  overdueEveryDays: number;
  /** Overdue days after which the assigning office's officers are told; 0 = never. */
  escalateOfficeAfterDays: number;
  /** Overdue days after which the responsible leader is told; 0 = never. */
  escalateLeaderAfterDays: number;
  /** Local time (Asia/Ho_Chi_Minh) of the daily scan, 'HH:MM'. */
  scanTime: string;
}

export const DEFAULT_REMINDER_RULES: ReminderRules = {
  enabled: true,
  beforeWorkingDays: [3],
  onDueDay: true,
  overdueEveryDays: 3,
  escalateOfficeAfterDays: 7,
  escalateLeaderAfterDays: 15,
  scanTime: '07:00',
};

export interface WorkingDays {
  isWorkingDay(date: IsoDate): boolean;
}

export interface DeadlineReminder {
  deadline: IsoDate;
  rule: string;
  occurrence: IsoDate;
}

/** The working day `n` working days before `date` (so there are n working days in (result, date]). */
export function workingDaysBefore(date: IsoDate, n: number, calendar: WorkingDays): IsoDate {
  let day = date;
  let counted = 0;
  while (counted < n) {
    day = addDays(day, -1);
    if (calendar.isWorkingDay(day)) counted += 1;
  }
  return day;
}

/**
 * The deadlines that get a reminder today before (or on) the deadline, with rule and occurrence.
 * For a deadline whose earlier reminder day was missed, the most urgent due rule is chosen, so a
 * late scan sends one catch-up reminder, not all of them.
 */
export function deadlineReminders(today: IsoDate, rules: ReminderRules, calendar: WorkingDays): DeadlineReminder[] {
  const out: DeadlineReminder[] = [];
  if (rules.onDueDay) out.push({ deadline: today, rule: 'due', occurrence: today });
  const befores = [...new Set(rules.beforeWorkingDays)].sort((a, b) => a - b);
  if (befores.length === 0) return out;
  // Far enough ahead for the longest rule across the longest holiday (Tết is up to 9 days off).
  const horizon = 2 * Math.max(...befores) + 14;
  for (let ahead = 1; ahead <= horizon; ahead += 1) {
    const deadline = addDays(today, ahead);
    for (const n of befores) {
      const occurrence = workingDaysBefore(deadline, n, calendar);
      if (occurrence <= today) {
        out.push({ deadline, rule: `before_${n}`, occurrence });
        break;
      }
    }
  }
  return out;
}

/**
 * The occurrence of the "every N days while overdue" reminder due by `today`: the first overdue
 * day, then every N days. Null while not overdue. The scan's SQL computes the same expression.
 */
export function overdueOccurrence(deadline: IsoDate, today: IsoDate, everyDays: number): IsoDate | null {
  const overdue = daysBetween(deadline, today);
  if (everyDays <= 0 || overdue < 1) return null;
  return addDays(deadline, 1 + Math.floor((overdue - 1) / everyDays) * everyDays);
}

/** The occurrence of an escalation after `afterDays` overdue days, once reached. */
export function escalationOccurrence(deadline: IsoDate, today: IsoDate, afterDays: number): IsoDate | null {
  if (afterDays <= 0 || daysBetween(deadline, today) < afterDays) return null;
  return addDays(deadline, afterDays);
}
