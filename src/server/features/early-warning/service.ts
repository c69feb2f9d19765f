import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/connection.js';
import type { Grant, Principal, Role } from '../../domain/access.js';
import { addDays, type IsoDate } from '../../domain/dates.js';
import { assessRisk, AT_RISK_SCORE, type RiskAssessment } from '../../domain/risk.js';
import { visibleTo } from '../tasks/queries.js';

/**
 * Early warning (DESIGN.md §6): open tasks not yet overdue, scored by domain/risk.ts. The
 * lead units' past late rates are one grouped scan, kept for a few minutes per day.
 */
export interface AtRiskQuery {
  unitId?: number;
  ids?: number[];
  minScore?: number;
  horizonDays: number;
  limit: number;
}

export interface RiskItem extends RiskAssessment {
  taskId: number;
  content: string;
  deadline: IsoDate;
  daysLeft: number;
  progress: number;
  lastProgressOn: IsoDate | null;
  leadUnit: { id: number; name: string };
}

const RATE_TTL_MS = 10 * 60_000;
const rateCache = new WeakMap<
  Db,
  { date: IsoDate; at: number; rates: Map<number, { rate: number; sample: number }> }
>();

/** Per lead unit: share of its tasks due in the past 365 days that were completed late or are still open past the deadline. */
export async function leadLateRates(db: Db, today: IsoDate): Promise<Map<number, { rate: number; sample: number }>> {
  const cached = rateCache.get(db);
  if (cached && cached.date === today && Date.now() - cached.at < RATE_TTL_MS) return cached.rates;
  const rows = await sql<{ unit: number; sample: number; late: number }>`
    select lead_unit_id as unit, count(*)::int as sample,
      count(*) filter (where (completed_on is not null and completed_on > deadline) or (completed_on is null and ended_on is null))::int as late
    from tasks
    where coalesce(deadline, '9999-12-31'::date) >= ${addDays(today, -365)}::date and coalesce(deadline, '9999-12-31'::date) < ${today}::date
      and (ended_on is null or ended_on > deadline or completed_on is not null)
    group by lead_unit_id`.execute(db);
  const rates = new Map(rows.rows.map((r) => [r.unit, { rate: r.sample ? r.late / r.sample : 0, sample: r.sample }]));
  rateCache.set(db, { date: today, at: Date.now(), rates });
  return rates;
}

/** Open, not yet overdue tasks the caller can see, with their risk; only those at risk unless `ids` asks for flags. */
export async function listAtRisk(
  ctx: AppContext,
  p: Principal,
  q: AtRiskQuery,
  today = ctx.clock.today(),
): Promise<{ asOf: IsoDate; threshold: number; items: RiskItem[] }> {
  let qb = ctx.db
    .selectFrom('tasks')
    .innerJoin('units as lu', 'lu.id', 'tasks.lead_unit_id')
    .select([
      'tasks.id',
      'tasks.content',
      'tasks.deadline',
      'tasks.assigned_on',
      'tasks.progress',
      'tasks.last_progress_on',
      'tasks.lead_unit_id',
      'lu.name as lead_name',
    ])
    .where('tasks.state', 'in', ['assigned', 'received', 'in_progress'])
    .where('tasks.deadline', '>=', today)
    .where(visibleTo(p));
  if (q.ids?.length) qb = qb.where('tasks.id', 'in', q.ids);
  else qb = qb.where('tasks.deadline', '<=', addDays(today, q.horizonDays));
  if (q.unitId)
    qb = qb.where(
      'tasks.lead_unit_id',
      'in',
      sql<number>`(select id from units where path like (select path from units where id = ${q.unitId}) || '%')`,
    );
  const rows = await qb.orderBy('tasks.deadline').orderBy('tasks.id').limit(20_000).execute();
  const rates = await leadLateRates(ctx.db, today);
  const threshold = q.minScore ?? AT_RISK_SCORE;
  const items: RiskItem[] = [];
  for (const r of rows) {
    const rate = rates.get(r.lead_unit_id);
    const risk = assessRisk(
      {
        today,
        assignedOn: r.assigned_on,
        deadline: r.deadline!,
        progress: r.progress,
        lastProgressOn: r.last_progress_on,
        leadLateRate: rate?.rate ?? null,
        leadSample: rate?.sample ?? 0,
      },
      threshold,
    );
    if (!risk || (!q.ids?.length && !risk.atRisk)) continue;
    items.push({
      taskId: r.id,
      content: r.content,
      deadline: r.deadline!,
      daysLeft: Math.round((Date.parse(r.deadline!) - Date.parse(today)) / 86_400_000),
      progress: r.progress,
      lastProgressOn: r.last_progress_on,
      leadUnit: { id: r.lead_unit_id, name: r.lead_name },
      ...risk,
    });
  }
  items.sort((a, b) => b.score - a.score || a.deadline.localeCompare(b.deadline) || a.taskId - b.taskId);
  return { asOf: today, threshold, items: items.slice(0, q.limit) };
}

/** A user's grants as a principal (for the digest and the calendar feed, where there is no session). */
export async function principalOfUser(db: Db, userId: number): Promise<Principal | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'unit_id', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user?.active) return null;
  const rows = await db
    .selectFrom('user_roles as r')
    .innerJoin('units as u', 'u.id', 'r.scope_unit_id')
    .select(['r.role', 'r.scope_unit_id', 'u.path', 'r.field_codes'])
    .where('r.user_id', '=', userId)
    .execute();
  const grants: Grant[] = rows.map((r) => ({
    role: r.role as Role,
    scopeUnitId: r.scope_unit_id,
    scopePath: r.path,
    fieldCodes: r.field_codes,
  }));
  return { userId: user.id, unitId: user.unit_id, grants };
}

/** The digest's "at risk" list: the riskiest tasks the user can see. */
export async function atRiskForUser(ctx: AppContext, userId: number, today: IsoDate, limit: number) {
  const p = await principalOfUser(ctx.db, userId);
  if (!p) return [];
  const { items } = await listAtRisk(ctx, p, { horizonDays: 30, limit }, today);
  return items.map((i) => ({
    taskId: i.taskId,
    content: i.content,
    deadline: i.deadline,
    reason: i.reasons[0] ?? { vi: `Điểm rủi ro ${i.score}`, en: `Risk score ${i.score}` },
  }));
}
