import type { Db } from '../../db/connection.js';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { mapProblems, placeTask, wholeUnitSuccessor, type PlacementRule } from '../../domain/succession.js';
import * as q from './queries.js';

type Executor = Db | Transaction<Database>;

export interface TaskMove {
  taskId: number;
  fromUnitId: number;
  toUnitId: number;
  rule: PlacementRule;
}

export interface UnplacedTask {
  taskId: number;
  content: string;
  fromUnitId: number;
  fieldCode: string | null;
  candidates: number[];
  reason: 'no_successor' | 'no_rule' | 'ambiguous';
  /** What the ended unit is to the task: it leads it, coordinates it or assigned it. */
  role: 'lead' | 'coordinator' | 'assigner';
}

/** Everything an act would do, computed from the database as it is now; preview and apply share it. */
export interface ActPlan {
  endedUnitIds: number[];
  problems: ReturnType<typeof mapProblems>;
  leads: TaskMove[];
  assigners: TaskMove[];
  coordination: { taskId: number; fromUnitId: number; toUnitId: number }[];
  unplaced: UnplacedTask[];
  users: { userId: number; username: string; fullName: string; fromUnitId: number; toUnitId: number | null }[];
  /** The unit each ended unit passes to as a whole (users, divisions), or null. */
  wholeSuccessors: Map<number, number | null>;
  pendingExtensions: number;
  completionsToConfirm: number;
}

export async function planAct(db: Executor, actId: number): Promise<ActPlan> {
  const [endedUnitIds, successors, choices] = await Promise.all([
    q.endedUnitIds(db, actId),
    q.successorRows(db, actId),
    q.taskChoices(db, actId),
  ]);
  const wholeSuccessors = new Map(endedUnitIds.map((id) => [id, wholeUnitSuccessor(id, successors)]));
  const [led, assigned, coordinating, users, pendingExtensions, completionsToConfirm] = await Promise.all([
    q.openTasksLedBy(db, endedUnitIds),
    q.openTasksAssignedBy(db, endedUnitIds),
    q.openCoordination(db, endedUnitIds),
    q.usersOf(db, endedUnitIds),
    q.pendingExtensionCount(db, endedUnitIds),
    q.reportedCount(db, endedUnitIds),
  ]);
  const plan: ActPlan = {
    endedUnitIds,
    problems: mapProblems(endedUnitIds, successors),
    leads: [],
    assigners: [],
    coordination: [],
    unplaced: [],
    users: users.map((u) => ({
      userId: u.id,
      username: u.username,
      fullName: u.full_name,
      fromUnitId: u.unit_id,
      toUnitId: wholeSuccessors.get(u.unit_id) ?? null,
    })),
    wholeSuccessors,
    pendingExtensions,
    completionsToConfirm,
  };
  const content = new Map(led.map((t) => [t.id, t.content]));
  for (const t of led) {
    const p = placeTask({ id: t.id, unitId: t.lead_unit_id, fieldCode: t.field_code }, successors, choices);
    if (p.placed) plan.leads.push({ taskId: t.id, fromUnitId: t.lead_unit_id, toUnitId: p.unitId, rule: p.rule });
    else plan.unplaced.push({ ...unplaced(t.id, t.lead_unit_id, t.field_code, p), content: t.content, role: 'lead' });
  }
  // The assigning and coordinating roles follow the same rules; the administrator's choices are
  // about who leads, so they do not apply here, and a unit passing as a whole is the fallback.
  for (const t of assigned) {
    const p = placeTask({ id: t.id, unitId: t.assigner_unit_id, fieldCode: t.field_code }, successors);
    const to = p.placed ? p.unitId : (wholeSuccessors.get(t.assigner_unit_id) ?? null);
    if (to !== null)
      plan.assigners.push({
        taskId: t.id,
        fromUnitId: t.assigner_unit_id,
        toUnitId: to,
        rule: p.placed ? p.rule : 'whole_unit',
      });
    else if (!p.placed)
      plan.unplaced.push({
        ...unplaced(t.id, t.assigner_unit_id, t.field_code, p),
        content: content.get(t.id) ?? '',
        role: 'assigner',
      });
  }
  for (const c of coordinating) {
    const p = placeTask({ id: c.task_id, unitId: c.unit_id, fieldCode: c.field_code }, successors);
    const to = p.placed ? p.unitId : (wholeSuccessors.get(c.unit_id) ?? null);
    // A coordinating role with no successor simply ends: the lead carries the task.
    if (to !== null) plan.coordination.push({ taskId: c.task_id, fromUnitId: c.unit_id, toUnitId: to });
  }
  return plan;
}

function unplaced(
  taskId: number,
  fromUnitId: number,
  fieldCode: string | null,
  p: { candidates: number[]; reason: UnplacedTask['reason'] },
) {
  return { taskId, fromUnitId, fieldCode, candidates: p.candidates, reason: p.reason };
}

/** The preview's API shape: counts per move, the lists an administrator must look at in full. */
export function presentPlan(plan: ActPlan) {
  const moves = new Map<string, { fromUnitId: number; toUnitId: number; rule: PlacementRule; tasks: number }>();
  for (const m of plan.leads) {
    const key = `${m.fromUnitId}>${m.toUnitId}>${m.rule}`;
    const row = moves.get(key) ?? { fromUnitId: m.fromUnitId, toUnitId: m.toUnitId, rule: m.rule, tasks: 0 };
    row.tasks += 1;
    moves.set(key, row);
  }
  return {
    endedUnitIds: plan.endedUnitIds,
    problems: plan.problems,
    openTasks: plan.leads.length + plan.unplaced.filter((u) => u.role === 'lead').length,
    moves: [...moves.values()],
    assignerChanges: plan.assigners.length,
    coordinationChanges: plan.coordination.length,
    pendingExtensions: plan.pendingExtensions,
    completionsToConfirm: plan.completionsToConfirm,
    unplaced: plan.unplaced,
    users: plan.users,
    canApply: plan.problems.length === 0 && plan.unplaced.length === 0,
  };
}
