/**
 * Who may see and do what (DESIGN.md §1). Pure rules over a principal's grants and a task's
 * references; every route asks these (or the SQL filter built from the same grants).
 * A grant's scope is a unit subtree, written as the unit's materialized path ('/5/12/').
 */
export type Role = 'officer' | 'leader' | 'unit_head' | 'clerk' | 'staff' | 'inspector' | 'admin' | 'auditor';

export interface Grant {
  role: Role;
  scopeUnitId: number;
  scopePath: string;
  /** Leaders direct some fields; empty means all. */
  fieldCodes: readonly string[];
}

export interface Principal {
  userId: number;
  unitId: number;
  grants: readonly Grant[];
}

export interface TaskRefs {
  assignerPath: string;
  leadPath: string;
  coordinatorPaths: readonly string[];
  assigneeUserId: number | null;
  fieldCode: string | null;
}

export type TaskAction =
  | 'receive'
  | 'progress'
  | 'request_extension'
  | 'decide_extension'
  | 'report_completion'
  | 'confirm'
  | 'return'
  | 'reassign'
  | 'withdraw'
  | 'cancel'
  | 'comment'
  | 'hand_down'
  | 'urge'
  | 'recompute_deadline'
  | 'undo_decision'
  | 'set_delay_causes';

export const covers = (grant: Grant, path: string): boolean => path.startsWith(grant.scopePath);

const depth = (path: string): number => path.split('/').filter(Boolean).length;

/**
 * The city office (an officer whose scope is a top-level unit) also tracks the directives of
 * the other top-level authorities — Government, Prime Minister, Party Committee, People's
 * Council and their standing bodies — which it enters and follows on their behalf.
 */
export const coversAssigner = (g: Grant, assignerPath: string): boolean =>
  covers(g, assignerPath) || (g.role === 'officer' && depth(g.scopePath) === 1 && depth(assignerPath) <= 2);

const fieldAllowed = (grant: Grant, fieldCode: string | null): boolean =>
  grant.fieldCodes.length === 0 || (fieldCode !== null && grant.fieldCodes.includes(fieldCode));

export const hasRole = (p: Principal, ...roles: Role[]): boolean => p.grants.some((g) => roles.includes(g.role));

export function canSeeTask(p: Principal, t: TaskRefs): boolean {
  return p.grants.some((g) => grantSeesTask(g, p.userId, t));
}

function grantSeesTask(g: Grant, userId: number, t: TaskRefs): boolean {
  if (g.role === 'admin') return true;
  if (g.role === 'staff') return t.assigneeUserId === userId;
  const touches = covers(g, t.assignerPath) || covers(g, t.leadPath) || t.coordinatorPaths.some((c) => covers(g, c));
  if (g.role === 'leader') return touches && fieldAllowed(g, t.fieldCode);
  return touches;
}

/** Acting for the lead unit: its head or clerk, or the staff member the task was handed to. */
export function actsForLead(p: Principal, t: TaskRefs): boolean {
  return p.grants.some(
    (g) =>
      ((g.role === 'unit_head' || g.role === 'clerk') && covers(g, t.leadPath)) ||
      (g.role === 'staff' && t.assigneeUserId === p.userId),
  );
}

/** Acting for the assigning side: the tracking office, a leader of the field, or the head of the assigning unit. */
export function actsForAssigner(p: Principal, t: TaskRefs): boolean {
  return p.grants.some(
    (g) =>
      (g.role === 'officer' && coversAssigner(g, t.assignerPath)) ||
      (g.role === 'unit_head' && covers(g, t.assignerPath)) ||
      (g.role === 'leader' && covers(g, t.assignerPath) && fieldAllowed(g, t.fieldCode)),
  );
}

export type TaskStateName =
  'assigned' | 'received' | 'in_progress' | 'completion_reported' | 'completed' | 'withdrawn' | 'cancelled';

export interface TaskSituation extends TaskRefs {
  state: TaskStateName;
  deadline: string | null;
  hasPendingExtension: boolean;
  today: string;
}

const OPEN: readonly TaskStateName[] = ['assigned', 'received', 'in_progress', 'completion_reported'];
const WORKING: readonly TaskStateName[] = ['received', 'in_progress'];

export function allowedTaskActions(p: Principal, t: TaskSituation): TaskAction[] {
  if (!canSeeTask(p, t)) return [];
  const lead = actsForLead(p, t);
  const assigner = actsForAssigner(p, t);
  const open = OPEN.includes(t.state);
  const actions: TaskAction[] = ['comment'];
  if (lead && t.state === 'assigned') actions.push('receive');
  if (lead && WORKING.includes(t.state)) actions.push('progress', 'report_completion');
  // Extensions are asked before the deadline passes (DESIGN.md §3); the deadline day still counts.
  const beforeDeadline = t.deadline !== null && t.today <= t.deadline;
  if (lead && open && t.state !== 'completion_reported' && beforeDeadline && !t.hasPendingExtension)
    actions.push('request_extension');
  if (lead && open && t.state !== 'completion_reported' && !isStaffOnly(p)) actions.push('hand_down');
  if (assigner && t.hasPendingExtension) actions.push('decide_extension');
  if (assigner && t.state === 'completion_reported') actions.push('confirm', 'return');
  if (assigner && open) actions.push('reassign', 'withdraw', 'cancel', 'urge', 'recompute_deadline');
  // A confirmation or a return made by mistake is taken back by the side that made it.
  if (assigner && (open || t.state === 'completed')) actions.push('undo_decision');
  // The lead unit explains a delay while the task runs, and after a late completion.
  if (lead && (open || t.state === 'completed')) actions.push('set_delay_causes');
  return actions;
}

const isStaffOnly = (p: Principal): boolean => p.grants.every((g) => g.role === 'staff');
