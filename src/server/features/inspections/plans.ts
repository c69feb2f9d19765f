import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import type { Principal } from '../../domain/access.js';
import { foldForSearch } from '../../domain/text.js';
import { Conflict, Invalid, notFound, staleVersion } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { assertManager, assertReader, mayManage } from './policy.js';
import { activeUsers, findPlan, inspectableUnits, lockPlan, planTeam, recordsQuery, replaceTeam } from './queries.js';
import type { PlanInput, PlanUpdate } from './schema.js';
import { monthRange, targetingSnapshot } from './targeting.js';

const PLAN = { vi: 'kế hoạch kiểm tra', en: 'Inspection plan' };

interface PlanShape {
  periodFrom: string;
  periodTo: string;
  startsOn: string;
  endsOn: string;
  leaderUserId: number;
  memberUserIds: number[];
  units: { unitId: number; scheduledOn?: string | null }[];
}

async function checkPlan(ctx: AppContext, p: Principal, input: PlanShape) {
  if (input.periodFrom > input.periodTo)
    throw new Invalid(
      { vi: 'Thời kỳ kiểm tra không hợp lệ (từ ngày sau đến ngày).', en: 'The period inspected is reversed.' },
      'periodFrom',
    );
  if (input.startsOn > input.endsOn)
    throw new Invalid(
      { vi: 'Lịch kiểm tra không hợp lệ (ngày bắt đầu sau ngày kết thúc).', en: 'The schedule is reversed.' },
      'startsOn',
    );
  const outside = input.units.find(
    (u) => u.scheduledOn && (u.scheduledOn < input.startsOn || u.scheduledOn > input.endsOn),
  );
  if (outside)
    throw new Invalid(
      {
        vi: `Ngày kiểm tra đơn vị #${outside.unitId} nằm ngoài lịch của đoàn.`,
        en: `The visit to unit #${outside.unitId} is outside the plan's schedule.`,
      },
      'units',
    );
  const people = [input.leaderUserId, ...input.memberUserIds];
  const found = new Set((await activeUsers(ctx.db, people)).map((u) => u.id));
  const missing = people.filter((id) => !found.has(id));
  if (missing.length)
    throw new Invalid(
      {
        vi: `Thành viên đoàn không tồn tại hoặc đã ngừng hoạt động: ${missing.join(', ')}.`,
        en: `Unknown or inactive team members: ${missing.join(', ')}.`,
      },
      'memberUserIds',
    );
  const unitIds = [...new Set(input.units.map((u) => u.unitId))];
  if (unitIds.length !== input.units.length)
    throw new Invalid({ vi: 'Một đơn vị được chọn hai lần.', en: 'A unit is listed twice.' }, 'units');
  const units = await inspectableUnits(ctx.db, unitIds);
  if (units.length !== unitIds.length) {
    const ok = new Set(units.map((u) => u.id));
    throw new Invalid(
      {
        vi: `Đơn vị được kiểm tra không hợp lệ: ${unitIds.filter((u) => !ok.has(u)).join(', ')}.`,
        en: `Units that cannot be inspected: ${unitIds.filter((u) => !ok.has(u)).join(', ')}.`,
      },
      'units',
    );
  }
  for (const u of units) assertManager(p, u.path);
  return units;
}

/** Creates a plan with its team and one draft inspection record per unit. */
export async function createPlan(ctx: AppContext, p: Principal, input: PlanInput) {
  assertManager(p);
  const units = await checkPlan(ctx, p, input);
  const targeting = input.targeting
    ? await targetingSnapshot(ctx, input.targeting.month, input.targeting.weights)
    : null;
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await trx
      .insertInto('inspection_plans')
      .values({
        kind: input.kind,
        title: input.title,
        month: input.kind === 'monthly' ? input.month! : null,
        period_from: input.periodFrom,
        period_to: input.periodTo,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        targeting: targeting ? JSON.stringify(targeting) : null,
        created_by: p.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceTeam(trx, plan.id, input.leaderUserId, input.memberUserIds);
    await insertRecords(trx, p, plan.id, input, units);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'inspection_plan_created',
      entity: 'inspection_plan',
      entityId: plan.id,
      data: { title: input.title, unitIds: units.map((u) => u.id), targeting },
    });
    return { id: plan.id };
  });
}

async function insertRecords(
  trx: Transaction<Database>,
  p: Principal,
  planId: number,
  input: PlanShape & { title: string },
  units: { id: number; name: string }[],
) {
  const names = new Map(units.map((u) => [u.id, u.name]));
  const rows = input.units.map((u) => ({
    plan_id: planId,
    unit_id: u.unitId,
    scheduled_on: u.scheduledOn ?? null,
    search_text: foldForSearch(`${names.get(u.unitId)} ${input.title}`),
    created_by: p.userId,
  }));
  if (rows.length)
    await trx
      .insertInto('inspections')
      .values(rows)
      .onConflict((oc) => oc.columns(['plan_id', 'unit_id']).doNothing())
      .execute();
}

/** Edits the plan; units can be added, and removed only while their record is still empty. */
export async function updatePlan(ctx: AppContext, p: Principal, id: number, input: PlanUpdate) {
  assertManager(p);
  const units = await checkPlan(ctx, p, input);
  await ctx.db.transaction().execute(async (trx) => {
    const plan = await lockPlan(trx, id);
    if (!plan) throw notFound(PLAN, id);
    if (plan.version !== input.version) throw staleVersion();
    const keep = new Set(input.units.map((u) => u.unitId));
    const existing = await trx
      .selectFrom('inspections')
      .select(['id', 'unit_id', 'status', 'findings', 'conclusion'])
      .where('plan_id', '=', id)
      .execute();
    for (const r of existing.filter((r) => !keep.has(r.unit_id))) {
      if (r.status !== 'draft' || r.findings || r.conclusion) {
        throw new Conflict({
          vi: `Không thể bỏ đơn vị #${r.unit_id}: biên bản kiểm tra đã có nội dung.`,
          en: `Unit #${r.unit_id} cannot be removed: its inspection record has content.`,
        });
      }
      await trx.deleteFrom('inspections').where('id', '=', r.id).execute();
    }
    for (const u of input.units)
      await trx
        .updateTable('inspections')
        .set({ scheduled_on: u.scheduledOn ?? null })
        .where('plan_id', '=', id)
        .where('unit_id', '=', u.unitId)
        .execute();
    await insertRecords(trx, p, id, input, units);
    await trx
      .updateTable('inspection_plans')
      .set((eb) => ({
        title: input.title,
        period_from: input.periodFrom,
        period_to: input.periodTo,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        updated_at: new Date(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    await replaceTeam(trx, id, input.leaderUserId, input.memberUserIds);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'inspection_plan_updated',
      entity: 'inspection_plan',
      entityId: id,
      data: { title: input.title, unitIds: [...keep] },
    });
  });
  return getPlan(ctx, p, id);
}

export async function getPlan(ctx: AppContext, p: Principal, id: number) {
  assertReaderOr404(p, id);
  const plan = await findPlan(ctx.db, id);
  if (!plan) throw notFound(PLAN, id);
  const [team, records] = await Promise.all([
    planTeam(ctx.db, [id]),
    recordsQuery(ctx.db).where('i.plan_id', '=', id).orderBy('i.scheduled_on').orderBy('u.code').execute(),
  ]);
  return {
    ...presentPlan(plan, team),
    targeting: plan.targeting,
    records: records.map((r) => ({
      id: r.id,
      unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
      scheduledOn: r.scheduled_on,
      inspectedOn: r.inspected_on,
      status: r.status,
      published: r.published_at !== null,
      version: r.version,
    })),
    canEdit: mayManage(p),
  };
}

function assertReaderOr404(p: Principal, id: number): void {
  try {
    assertReader(p);
  } catch {
    throw notFound(PLAN, id);
  }
}

export async function listPlans(ctx: AppContext, p: Principal, q: { month?: string; limit?: number }) {
  assertReader(p);
  let qb = ctx.db.selectFrom('inspection_plans').selectAll();
  if (q.month) {
    const { start, end } = monthRange(q.month);
    qb = qb.where((eb) =>
      eb.or([eb('month', '=', q.month!), eb.and([eb('starts_on', '<=', end), eb('ends_on', '>=', start)])]),
    );
  }
  const plans = await qb
    .orderBy('starts_on', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit ?? 100)
    .execute();
  const team = await planTeam(
    ctx.db,
    plans.map((pl) => pl.id),
  );
  const counts = plans.length
    ? await ctx.db
        .selectFrom('inspections')
        .select(['plan_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .where(
          'plan_id',
          'in',
          plans.map((pl) => pl.id),
        )
        .groupBy(['plan_id', 'status'])
        .execute()
    : [];
  return {
    items: plans.map((pl) => ({
      ...presentPlan(
        pl,
        team.filter((m) => m.plan_id === pl.id),
      ),
      unitCount: counts.filter((c) => c.plan_id === pl.id).reduce((n, c) => n + Number(c.n), 0),
      concludedCount: Number(counts.find((c) => c.plan_id === pl.id && c.status === 'concluded')?.n ?? 0),
    })),
  };
}

type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;
type TeamRow = Awaited<ReturnType<typeof planTeam>>[number];

function presentPlan(plan: PlanRow, team: TeamRow[]) {
  const person = (m: TeamRow) => ({ id: m.id, fullName: m.full_name, title: m.title, unitName: m.unit_name });
  return {
    id: plan.id,
    kind: plan.kind,
    title: plan.title,
    month: plan.month,
    periodFrom: plan.period_from,
    periodTo: plan.period_to,
    startsOn: plan.starts_on,
    endsOn: plan.ends_on,
    leader: team.filter((m) => m.is_leader).map(person)[0] ?? null,
    members: team.filter((m) => !m.is_leader).map(person),
    version: plan.version,
  };
}

/** People an inspector can put on a team: active users, searched by name without diacritics. */
export async function teamCandidates(ctx: AppContext, p: Principal, q: { q?: string; limit: number }) {
  assertManager(p);
  let qb = ctx.db
    .selectFrom('users as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.id', 's.full_name', 's.title', 'u.name as unit_name'])
    .where('s.active', '=', true);
  if (q.q)
    qb = qb.where(
      sql<string>`lower(${sql.ref('s.full_name')})`,
      'like',
      `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    );
  const rows = await qb.orderBy('s.full_name').limit(q.limit).execute();
  return rows.map((r) => ({ id: r.id, fullName: r.full_name, title: r.title, unitName: r.unit_name }));
}
