/**
 * Which unit takes over a task of a unit that a reorganisation ends (docs/decisions.md,
 * "Reorganisation acts"). Pure: the successor map of the act, the task, and the administrator's
 * choices in; one successor and the rule that chose it, or the candidates to choose from, out.
 *
 * Order of the rules, first that places the task wins:
 * 1. the administrator's choice for this very task;
 * 2. a split or transfer row naming the task's field (a function that moved, or a split by field);
 * 3. the one successor that takes the unit as a whole (merge or rename);
 * 4. the split row marked as taking whatever no other rule placed (the default);
 * 5. the only successor, when the map names just one.
 * Two rows that would place the same task on different units at the same rule leave the task
 * unplaced: the map is ambiguous there, and the administrator must choose.
 */

export type SuccessorKind = 'merge' | 'split' | 'transfer' | 'rename';

export interface SuccessorRow {
  oldUnitId: number;
  newUnitId: number;
  kind: SuccessorKind;
  /** For split and transfer rows: the fields whose tasks go to this successor. */
  fieldCodes: readonly string[];
  isDefault: boolean;
}

export interface TaskToPlace {
  id: number;
  unitId: number;
  fieldCode: string | null;
}

export type PlacementRule = 'choice' | 'field' | 'whole_unit' | 'default' | 'only_successor';

export type Placement =
  | { placed: true; unitId: number; rule: PlacementRule }
  | { placed: false; candidates: number[]; reason: 'no_successor' | 'no_rule' | 'ambiguous' };

const distinct = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

/** One rule's answer: a unit, "ambiguous" (several), or nothing. */
function single(ids: number[]): number | 'ambiguous' | null {
  const d = distinct(ids);
  if (d.length === 1) return d[0]!;
  return d.length === 0 ? null : 'ambiguous';
}

export function placeTask(
  task: TaskToPlace,
  rows: readonly SuccessorRow[],
  choices: ReadonlyMap<number, number> = new Map(),
): Placement {
  const mine = rows.filter((r) => r.oldUnitId === task.unitId);
  const candidates = distinct(mine.map((r) => r.newUnitId));
  const chosen = choices.get(task.id);
  if (chosen !== undefined) return { placed: true, unitId: chosen, rule: 'choice' };
  const steps: [PlacementRule, number[]][] = [
    [
      'field',
      task.fieldCode === null
        ? []
        : mine
            .filter((r) => (r.kind === 'split' || r.kind === 'transfer') && r.fieldCodes.includes(task.fieldCode!))
            .map((r) => r.newUnitId),
    ],
    ['whole_unit', mine.filter((r) => r.kind === 'merge' || r.kind === 'rename').map((r) => r.newUnitId)],
    ['default', mine.filter((r) => r.kind === 'split' && r.isDefault).map((r) => r.newUnitId)],
    ['only_successor', candidates],
  ];
  for (const [rule, ids] of steps) {
    const answer = single(ids);
    // Several successors and no rule for this task is not a conflict, only a choice to make.
    if (answer === 'ambiguous')
      return { placed: false, candidates, reason: rule === 'only_successor' ? 'no_rule' : 'ambiguous' };
    if (answer !== null) return { placed: true, unitId: answer, rule };
  }
  return { placed: false, candidates, reason: 'no_successor' };
}

/**
 * The successor of a unit as a whole — where its users, divisions and the sub-tasks it handed
 * down go: the merge or rename successor, else the split default, else the only successor.
 * Transfers move a function, never the unit, so they do not count here.
 */
export function wholeUnitSuccessor(unitId: number, rows: readonly SuccessorRow[]): number | null {
  const mine = rows.filter((r) => r.oldUnitId === unitId);
  for (const ids of [
    mine.filter((r) => r.kind === 'merge' || r.kind === 'rename').map((r) => r.newUnitId),
    mine.filter((r) => r.kind === 'split' && r.isDefault).map((r) => r.newUnitId),
    mine.filter((r) => r.kind !== 'transfer').map((r) => r.newUnitId),
  ]) {
    const answer = single(ids);
    if (answer === 'ambiguous') return null;
    if (answer !== null) return answer;
  }
  return null;
}

export interface Validity {
  validFrom: string | null;
  validTo: string | null;
}

/** Whether a unit existed on a day (valid_to is exclusive: the day the act that ended it took effect). */
export function isValidOn(u: Validity, day: string): boolean {
  return (u.validFrom === null || u.validFrom <= day) && (u.validTo === null || day < u.validTo);
}

/** What is wrong with a successor map before it may be applied; empty when nothing is. */
export function mapProblems(
  endedUnitIds: readonly number[],
  rows: readonly SuccessorRow[],
): { unitId: number; problem: 'ended_without_successor' | 'successor_is_ended' | 'two_defaults' }[] {
  const ended = new Set(endedUnitIds);
  const problems: ReturnType<typeof mapProblems> = [];
  for (const id of endedUnitIds) {
    const mine = rows.filter((r) => r.oldUnitId === id);
    if (mine.length === 0) problems.push({ unitId: id, problem: 'ended_without_successor' });
    if (mine.filter((r) => r.kind === 'split' && r.isDefault).length > 1)
      problems.push({ unitId: id, problem: 'two_defaults' });
  }
  for (const r of rows)
    if (ended.has(r.newUnitId)) problems.push({ unitId: r.newUnitId, problem: 'successor_is_ended' });
  return problems;
}
