import type { AppContext } from '../../context.js';
import type { Db } from '../../db/connection.js';
import { hasRole, type Principal } from '../../domain/access.js';
import { WorkingCalendar } from '../../domain/calendar.js';
import { dayOfWeek, type IsoDate } from '../../domain/dates.js';
import { statutoryHolidays } from '../../domain/holidays.js';
import { RULE_SOURCE } from '../../domain/official-holidays.js';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { Invalid, notAllowed, notFound } from '../../errors.js';
import { appendAudit } from '../audit/service.js';

export type CalendarDayKind = 'holiday' | 'makeup_workday';

export interface CalendarDay {
  date: IsoDate;
  kind: CalendarDayKind;
  name: string;
  source?: string;
}

const CALENDAR_DAY = { vi: 'ngày trong lịch', en: 'Calendar day' };

/** The administrator's holiday table as a working-day calendar. */
export async function loadWorkingCalendar(db: Db): Promise<WorkingCalendar> {
  const rows = await db.selectFrom('calendar_days').select(['date', 'kind', 'name']).execute();
  return new WorkingCalendar(rows);
}

export async function listCalendarDays(ctx: AppContext, year: number): Promise<CalendarDay[]> {
  return ctx.db
    .selectFrom('calendar_days')
    .select(['date', 'kind', 'name', 'source'])
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
}

/** Marks a date as a holiday or a make-up working day, replacing what the table said before. */
export async function putCalendarDay(
  ctx: AppContext,
  p: Principal,
  date: IsoDate,
  day: { kind: CalendarDayKind; name: string; source?: string },
): Promise<CalendarDay> {
  assertAdmin(p);
  const dow = dayOfWeek(date);
  // A make-up working day replaces a weekend day; on a weekday it would change nothing.
  if (day.kind === 'makeup_workday' && dow !== 0 && dow !== 6) {
    throw new Invalid(
      {
        vi: `Ngày làm bù ${date} phải là thứ Bảy hoặc Chủ nhật.`,
        en: `A make-up working day (${date}) must be a Saturday or Sunday.`,
      },
      'kind',
    );
  }
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('calendar_days')
      .select(['kind', 'name'])
      .where('date', '=', date)
      .forUpdate()
      .executeTakeFirst();
    const source = day.source ?? '';
    await trx
      .insertInto('calendar_days')
      .values({ date, kind: day.kind, name: day.name, source })
      .onConflict((oc) => oc.column('date').doUpdateSet({ kind: day.kind, name: day.name, source }))
      .execute();
    await calendarChanged(trx);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'calendar_day_set',
      entity: 'calendar_day',
      entityId: date,
      data: { before: before ?? null, after: day },
    });
    return { date, kind: day.kind, name: day.name, source };
  });
}

/**
 * After any change of the holiday table: the art. 148 shifts follow it, and a year first
 * touched is recorded as provisional. (Working-day deadlines do not move: the officer is shown
 * the tasks whose deadlines come out differently, features/calendar/recompute.ts.)
 */
async function calendarChanged(trx: Transaction<Database>): Promise<void> {
  await sql`insert into calendar_years (year, status)
    select distinct extract(year from date)::int, 'provisional' from calendar_days on conflict do nothing`.execute(trx);
  await sql`select refresh_deadline_shifts()`.execute(trx);
}

export async function deleteCalendarDay(ctx: AppContext, p: Principal, date: IsoDate): Promise<void> {
  assertAdmin(p);
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('calendar_days')
      .where('date', '=', date)
      .returning(['kind', 'name'])
      .executeTakeFirst();
    if (!removed) throw notFound(CALENDAR_DAY, date);
    await calendarChanged(trx);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'calendar_day_removed',
      entity: 'calendar_day',
      entityId: date,
      data: { before: removed },
    });
  });
}

/** "n working days from a date", as a task's working-day deadline is computed. */
export async function workingDaysDeadline(
  ctx: AppContext,
  from: IsoDate,
  days: number,
): Promise<{ deadline: IsoDate }> {
  const calendar = await loadWorkingCalendar(ctx.db);
  return { deadline: calendar.addWorkingDays(from, days) };
}

/**
 * Adds the statutory holidays of a year (lunar ones included) that the table lacks. Dates the
 * administrator already set, either way, are left as they are.
 */
export async function fillStatutoryHolidays(
  ctx: AppContext,
  p: Principal,
  year: number,
): Promise<{ inserted: CalendarDay[] }> {
  assertAdmin(p);
  const entries = statutoryHolidays(year);
  return ctx.db.transaction().execute(async (trx) => {
    const inserted = entries.length
      ? await trx
          .insertInto('calendar_days')
          .values(entries.map((e) => ({ date: e.date, kind: e.kind, name: e.name, source: RULE_SOURCE })))
          .onConflict((oc) => oc.column('date').doNothing())
          .returning(['date', 'kind', 'name'])
          .execute()
      : [];
    inserted.sort((a, b) => (a.date < b.date ? -1 : 1));
    await calendarChanged(trx);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'calendar_filled',
      entity: 'calendar_year',
      entityId: year,
      data: { inserted: inserted.map((d) => d.date) },
    });
    return { inserted };
  });
}

function assertAdmin(p: Principal): void {
  if (!hasRole(p, 'admin')) throw notAllowed();
}
