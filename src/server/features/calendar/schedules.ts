import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { hasRole, type Principal } from '../../domain/access.js';
import { isWeekend } from '../../domain/dates.js';
import { LAST_DECIDED_YEAR, officialSchedule } from '../../domain/official-holidays.js';
import { Invalid, notAllowed, notFound } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { parseDateCell, readTableFile, normalizeToken } from '../files/table-file.js';
import { pendingRecomputations, type Recomputation } from './recompute.js';

export interface ScheduleDay {
  date: string;
  kind: 'holiday' | 'makeup_workday';
  name: string;
  source: string;
}

export interface CalendarYear {
  year: number;
  status: 'provisional' | 'decided';
  source: string;
  decidedAt: string | null;
  days: number;
  /** The product ships this year's decided schedule (it can be applied to an older table). */
  officialAvailable: boolean;
}

/** Every year of the holiday table, decided or provisional, with its source. */
export async function listYears(ctx: AppContext): Promise<CalendarYear[]> {
  const rows = await ctx.db
    .selectFrom('calendar_years as y')
    .select([
      'y.year',
      'y.status',
      'y.source',
      'y.decided_at',
      sql<number>`(select count(*) from calendar_days d where extract(year from d.date) = y.year)::int`.as('days'),
    ])
    .orderBy('y.year')
    .execute();
  return rows.map((r) => ({
    year: r.year,
    status: r.status,
    source: r.source,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    days: Number(r.days),
    officialAvailable: officialSchedule(r.year) !== null,
  }));
}

/** Marks a provisional year as decided as it stands (the administrator checked it against the decision). */
export async function confirmYear(ctx: AppContext, p: Principal, year: number, source: string): Promise<CalendarYear> {
  assertAdmin(p);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('calendar_years')
      .select('status')
      .where('year', '=', year)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound({ vi: 'năm trong lịch', en: 'Calendar year' }, year);
    await markDecided(trx, p, year, source);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'calendar_year_confirmed',
      entity: 'calendar_year',
      entityId: year,
      data: { source },
    });
  });
  return (await listYears(ctx)).find((y) => y.year === year)!;
}

export interface ReplaceResult {
  year: number;
  dryRun: boolean;
  added: ScheduleDay[];
  removed: ScheduleDay[];
  changed: { before: ScheduleDay; after: ScheduleDay }[];
  /** The open tasks whose working-day deadline the new table gives differently (to apply or keep). */
  recomputations: Recomputation[];
}

class DryRun extends Error {
  constructor(readonly result: ReplaceResult) {
    super('dry run');
  }
}

/**
 * Replaces a year's holidays with a decided schedule (an imported file, or the one shipped
 * with the product) and marks the year decided. A dry run does all of it and rolls back, so
 * its answer shows exactly what would change, deadlines included.
 */
export async function replaceYear(
  ctx: AppContext,
  p: Principal,
  year: number,
  days: ScheduleDay[],
  options: { dryRun: boolean; source: string; origin: 'import' | 'official' },
): Promise<ReplaceResult> {
  assertAdmin(p);
  checkDays(year, days);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('calendar_days')
        .select(['date', 'kind', 'name', 'source'])
        .where((eb) =>
          eb.or([
            eb.between('date', `${year}-01-01`, `${year}-12-31`),
            eb(
              'date',
              'in',
              days.map((d) => d.date),
            ),
          ]),
        )
        .execute();
      await trx
        .deleteFrom('calendar_days')
        .where('date', '>=', `${year}-01-01`)
        .where('date', '<=', `${year}-12-31`)
        .execute();
      if (days.length)
        await trx
          .insertInto('calendar_days')
          .values(days)
          .onConflict((oc) =>
            oc.column('date').doUpdateSet((eb) => ({
              kind: eb.ref('excluded.kind'),
              name: eb.ref('excluded.name'),
              source: eb.ref('excluded.source'),
            })),
          )
          .execute();
      await markDecided(trx, p, year, options.source);
      await sql`select refresh_deadline_shifts()`.execute(trx);
      const result: ReplaceResult = {
        year,
        dryRun: options.dryRun,
        ...diff(before, days),
        recomputations: await pendingRecomputations(trx, p),
      };
      await appendAudit(trx, {
        actorUserId: p.userId,
        action: options.origin === 'official' ? 'calendar_official_applied' : 'calendar_imported',
        entity: 'calendar_year',
        entityId: year,
        data: {
          source: options.source,
          added: result.added.length,
          removed: result.removed.length,
          changed: result.changed.length,
        },
      });
      if (options.dryRun) throw new DryRun(result);
      return result;
    });
  } catch (e) {
    if (e instanceof DryRun) return e.result;
    throw e;
  }
}

/** The shipped decided schedule of a year, applied like an import. */
export function applyOfficial(ctx: AppContext, p: Principal, year: number, dryRun: boolean) {
  const schedule = officialSchedule(year);
  if (!schedule)
    throw new Invalid(
      {
        vi: `Chưa có lịch nghỉ chính thức năm ${year} kèm theo phần mềm (có đến năm ${LAST_DECIDED_YEAR}); hãy nhập tệp lịch đã quyết định.`,
        en: `No decided schedule for ${year} ships with the product (up to ${LAST_DECIDED_YEAR}); import the decided schedule as a file.`,
      },
      'year',
    );
  return replaceYear(ctx, p, year, schedule.days, { dryRun, source: schedule.source, origin: 'official' });
}

const COLUMNS = {
  date: ['ngay', 'date'],
  kind: ['loai', 'kind', 'loai_ngay'],
  name: ['ten', 'name', 'ten_ngay', 'noi_dung'],
  source: ['can_cu', 'nguon', 'source', 'van_ban'],
} as const;
type Column = keyof typeof COLUMNS;
const KINDS: Record<string, ScheduleDay['kind']> = {
  holiday: 'holiday',
  nghi: 'holiday',
  ngay_nghi: 'holiday',
  nghi_le: 'holiday',
  makeup_workday: 'makeup_workday',
  lam_bu: 'makeup_workday',
  ngay_lam_bu: 'makeup_workday',
};

/** Reads an uploaded schedule (CSV or Excel: ngày, loại, tên, căn cứ), with errors by line and column. */
export async function readScheduleFile(name: string, content: Buffer, defaultSource: string): Promise<ScheduleDay[]> {
  const aliases = Object.fromEntries(Object.entries(COLUMNS).map(([k, v]) => [k, [...v]])) as Record<Column, string[]>;
  const { rows, missing } = await readTableFile<Column>(name, content, aliases, ['date', 'kind', 'name']);
  if (missing.length)
    throw new Invalid(
      { vi: `Tệp thiếu cột: ${missing.join(', ')}.`, en: `Missing columns: ${missing.join(', ')}.` },
      'file',
    );
  const errors: string[] = [];
  const days: ScheduleDay[] = [];
  for (const row of rows) {
    const date = parseDateCell(row.date);
    const kind = KINDS[normalizeToken(row.kind ?? '')];
    const dayName = (row.name ?? '').trim();
    if (!date) errors.push(`dòng ${row.line}, cột ngày: "${row.date ?? ''}"`);
    if (!kind) errors.push(`dòng ${row.line}, cột loại: "${row.kind ?? ''}" (nghỉ / làm bù)`);
    if (dayName.length < 2) errors.push(`dòng ${row.line}, cột tên`);
    if (date && kind && dayName.length >= 2)
      days.push({ date, kind, name: dayName, source: (row.source ?? '').trim() || defaultSource });
  }
  if (errors.length)
    throw new Invalid(
      { vi: `Tệp có lỗi: ${errors.join('; ')}.`, en: `The file has errors: ${errors.join('; ')}.` },
      'file',
    );
  return days;
}

/** A year's days as a CSV file, in the format the import reads (also the template). */
export async function yearCsv(ctx: AppContext, year: number): Promise<string> {
  const days = await ctx.db
    .selectFrom('calendar_days')
    .select(['date', 'kind', 'name', 'source'])
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = days.map((d) =>
    [d.date, d.kind === 'holiday' ? 'nghỉ' : 'làm bù', d.name, d.source].map(quote).join(','),
  );
  return `\uFEFFngày,loại,tên,căn cứ\n${lines.join('\n')}\n`;
}

function checkDays(year: number, days: ScheduleDay[]): void {
  const seen = new Set<string>();
  for (const d of days) {
    // A schedule may reach into December before its year (2015 made up 2 January on 27 December 2014).
    if (d.date < `${year - 1}-12-01` || d.date > `${year}-12-31`)
      throw new Invalid(
        { vi: `Ngày ${d.date} không thuộc lịch năm ${year}.`, en: `${d.date} is not in the schedule of ${year}.` },
        'date',
      );
    if (seen.has(d.date))
      throw new Invalid({ vi: `Ngày ${d.date} có hai dòng.`, en: `${d.date} is listed twice.` }, 'date');
    seen.add(d.date);
    if (d.kind === 'makeup_workday' && !isWeekend(d.date))
      throw new Invalid(
        {
          vi: `Ngày làm bù ${d.date} phải là thứ Bảy hoặc Chủ nhật.`,
          en: `A make-up working day (${d.date}) must be a Saturday or Sunday.`,
        },
        'kind',
      );
  }
}

function diff(before: ScheduleDay[], after: ScheduleDay[]) {
  const old = new Map(before.map((d) => [d.date, d]));
  const now = new Map(after.map((d) => [d.date, d]));
  return {
    added: after.filter((d) => !old.has(d.date)),
    removed: before.filter((d) => !now.has(d.date)),
    changed: after
      .filter((d) => old.has(d.date) && (old.get(d.date)!.kind !== d.kind || old.get(d.date)!.name !== d.name))
      .map((d) => ({ before: old.get(d.date)!, after: d })),
  };
}

async function markDecided(trx: Transaction<Database>, p: Principal, year: number, source: string): Promise<void> {
  await trx
    .insertInto('calendar_years')
    .values({ year, status: 'decided', source, decided_by: p.userId, decided_at: new Date() })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({ status: 'decided', source, decided_by: p.userId, decided_at: new Date() }),
    )
    .execute();
}

export function assertAdmin(p: Principal): void {
  if (!hasRole(p, 'admin')) throw notAllowed();
}
