import { sql, type Expression, type SqlBool } from 'kysely';
import type { Answer } from '../../../shared/api/common.js';
import type { MyWork, WorkBucket } from '../../../shared/api/tasks.js';
import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
import { addDays } from '../../domain/dates.js';
import { getStatusRules } from '../settings/service.js';
import { baseSelect } from './list.js';
import { presentSummaries, type SummaryRow } from './presenter.js';
import { statusAsOfSql } from './queries.js';

const OPEN = ['assigned', 'received', 'in_progress', 'completion_reported'] as const;
const LIMIT = 20;

const subtree = (path: string) => sql<number>`(select id from units where path like ${`${path}%`})`;

/** Tasks the caller works on: led by a unit they act for, or handed to them. */
function leadSide(p: Principal): Expression<SqlBool> {
  const ors = p.grants
    .filter((g) => g.role === 'clerk' || g.role === 'unit_head')
    .map((g) => sql<boolean>`tasks.lead_unit_id in ${subtree(g.scopePath)}`);
  ors.push(sql<boolean>`tasks.assignee_user_id = ${p.userId}`);
  return sql<boolean>`(${sql.join(ors, sql` or `)})`;
}

// A city-wide officer also decides for the other top-level authorities (access.coversAssigner).
const topAuthorities = sql<number>`(select id from units where length(path) - length(replace(path, '/', '')) <= 3)`;

/** Tasks the caller decides on: assigned by a unit they act for (office, leader of the field, head). */
function assignerSide(p: Principal): Expression<SqlBool> {
  const ors = p.grants
    .filter((g) => g.role === 'officer' || g.role === 'unit_head' || g.role === 'leader')
    .map((g) => {
      if (g.role === 'leader' && g.fieldCodes.length) {
        return sql<boolean>`(tasks.assigner_unit_id in ${subtree(g.scopePath)} and tasks.field_code in (${sql.join([...g.fieldCodes])}))`;
      }
      if (g.role === 'officer' && g.scopePath.split('/').filter(Boolean).length === 1) {
        return sql<boolean>`(tasks.assigner_unit_id in ${subtree(g.scopePath)} or tasks.assigner_unit_id in ${topAuthorities})`;
      }
      return sql<boolean>`tasks.assigner_unit_id in ${subtree(g.scopePath)}`;
    });
  return ors.length ? sql<boolean>`(${sql.join(ors, sql` or `)})` : sql<boolean>`false`;
}

/** The home screen: what waits for me, with counts. */
export async function myWork(ctx: AppContext, p: Principal): Promise<Answer<typeof MyWork>> {
  const today = ctx.clock.today();
  const rules = await getStatusRules(ctx.db);
  const status = statusAsOfSql(
    today,
    rules.extensionCountsAsOnTime,
    rules.deadlineOnNonWorkingDay === 'next_working_day',
  );
  const mine = sql<boolean>`(${leadSide(p)} or ${assignerSide(p)})`;
  const pendingExtension = sql<boolean>`exists (select 1 from extension_requests er where er.task_id = tasks.id and er.status = 'pending')`;
  const buckets = {
    toReceive: [leadSide(p), sql<boolean>`tasks.state = 'assigned'`],
    dueThisWeek: [
      mine,
      sql<boolean>`tasks.state in (${sql.join([...OPEN])}) and tasks.deadline between ${today}::date and ${addDays(today, 7)}::date`,
    ],
    overdue: [mine, sql<boolean>`${status} = 'in_progress_overdue'`],
    extensionsToDecide: [assignerSide(p), pendingExtension],
    completionsToConfirm: [assignerSide(p), sql<boolean>`tasks.state = 'completion_reported'`],
  } as const;
  const result = {} as Record<keyof typeof buckets, Answer<typeof WorkBucket>>;
  for (const [name, [who, what]] of Object.entries(buckets) as [
    keyof typeof buckets,
    (typeof buckets)[keyof typeof buckets],
  ][]) {
    const where = sql<boolean>`${who} and ${what}`;
    const [{ n }] = (await ctx.db
      .selectFrom('tasks')
      .select(sql<number>`count(*)`.as('n'))
      .where(where)
      .execute()) as [{ n: number }];
    const rows = (await baseSelect(ctx.db, today, status)
      .where(where)
      .orderBy(sql`coalesce(tasks.deadline, '9999-12-31'::date)`)
      .orderBy('tasks.id')
      .limit(LIMIT)
      .execute()) as SummaryRow[];
    result[name] = { count: Number(n), items: presentSummaries(rows, today) };
  }
  return { today, ...result };
}
