import type { AppContext } from '../../context.js';
import type { Db } from '../../db/connection.js';
import { hasRole, type Principal } from '../../domain/access.js';
import { Conflict, notAllowed } from '../../errors.js';
import { decideRecomputation } from '../tasks/corrections.js';
import { visibilityOf } from '../tasks/queries.js';
import { loadWorkingCalendar } from './service.js';

/** An open task whose working-day deadline the holiday table now gives differently. */
export interface Recomputation {
  taskId: number;
  version: number;
  content: string;
  leadUnitId: number;
  leadUnitName: string;
  from: string;
  workingDays: number;
  deadline: string;
  computed: string;
}

/**
 * The open tasks whose deadline "N working days from" a date comes out differently on the
 * holiday table as it stands, for the officer to apply or keep: nothing moves by itself. Only
 * deadlines never extended (an extension set a date of its own), and not those the officer
 * already kept for this same recomputed date.
 */
export async function pendingRecomputations(db: Db, p: Principal): Promise<Recomputation[]> {
  const rows = await db
    .selectFrom('tasks')
    .innerJoin('units', 'units.id', 'tasks.lead_unit_id')
    .select([
      'tasks.id',
      'tasks.version',
      'tasks.content',
      'tasks.lead_unit_id',
      'units.name as lead_name',
      'tasks.assigned_on',
      'tasks.received_on',
      'tasks.deadline_from',
      'tasks.working_days',
      'tasks.original_deadline',
    ])
    .where('tasks.deadline_kind', '=', 'working_days')
    .where('tasks.extension_count', '=', 0)
    .where('tasks.original_deadline', 'is not', null)
    .where('tasks.confirmed_on', 'is', null)
    .where('tasks.ended_on', 'is', null)
    .where(await visibilityOf(db, p))
    .orderBy('tasks.id')
    .execute();
  if (rows.length === 0) return [];
  const calendar = await loadWorkingCalendar(db);
  const changed = rows
    .map((r) => {
      const from = r.deadline_from === 'receipt' ? r.received_on : r.assigned_on;
      const computed = from && r.working_days ? calendar.addWorkingDays(from, r.working_days) : null;
      return { r, from, computed };
    })
    .filter((x) => x.computed !== null && x.computed !== x.r.original_deadline);
  const kept = await keptComputations(
    db,
    changed.map((x) => x.r.id),
  );
  return changed
    .filter((x) => kept.get(x.r.id) !== x.computed)
    .map(({ r, from, computed }) => ({
      taskId: r.id,
      version: r.version,
      content: r.content,
      leadUnitId: r.lead_unit_id,
      leadUnitName: r.lead_name,
      from: from!,
      workingDays: r.working_days!,
      deadline: r.original_deadline!,
      computed: computed!,
    }));
}

/** The recomputed date the officer last chose to keep the old deadline against, per task. */
async function keptComputations(db: Db, taskIds: number[]): Promise<Map<number, string>> {
  const kept = new Map<number, string>();
  if (taskIds.length === 0) return kept;
  const events = await db
    .selectFrom('task_events')
    .select(['task_id', 'data'])
    .where('task_id', 'in', taskIds)
    .where('kind', '=', 'deadline_recomputation_kept')
    .orderBy('id')
    .execute();
  for (const e of events) kept.set(e.task_id, String((e.data as { computed?: string }).computed));
  return kept;
}

export interface RecomputationDecision {
  taskId: number;
  version: number;
  apply: boolean;
}

/**
 * Applies (an event moving the deadline) or keeps (an event recording the choice) each listed
 * recomputation, all in one transaction; a task no longer pending is refused with the rest.
 */
export async function decideRecomputations(
  ctx: AppContext,
  p: Principal,
  decisions: RecomputationDecision[],
  reason: string,
): Promise<{ applied: number[]; kept: number[] }> {
  if (!hasRole(p, 'officer', 'leader', 'admin')) throw notAllowed();
  const pending = new Map((await pendingRecomputations(ctx.db, p)).map((r) => [r.taskId, r]));
  return ctx.db.transaction().execute(async (trx) => {
    const applied: number[] = [];
    const kept: number[] = [];
    for (const d of decisions) {
      const candidate = pending.get(d.taskId);
      if (!candidate) throw notPending(d.taskId);
      await decideRecomputation(trx, ctx, p, { ...d, computed: candidate.computed, reason });
      (d.apply ? applied : kept).push(d.taskId);
    }
    return { applied, kept };
  });
}

function notPending(taskId: number) {
  return new Conflict({
    vi: `Nhiệm vụ #${taskId} không còn trong danh sách cần tính lại hạn.`,
    en: `Task #${taskId} is no longer waiting for a recomputed deadline.`,
  });
}
