/**
 * Splits a long history into chunks the generator can produce with bounded memory: each chunk
 * has its own seed and its own consecutive range of issue dates.
 *
 * The generator stops every task's events at its `until` ("today"). A chunk that ended at its
 * own last day would leave the tasks of its last weeks open forever, so a chunk is generated
 * with `until` SLACK_DAYS past its range (capped at the real today) and only the documents
 * issued inside its range are kept: every task then has the events it would have had by the
 * real today, as in a single generation over ten years.
 */
import { generateHistory, shiftDate, type GeneratedDocument, type GeneratedTask } from '../src/server/seed/history.js';

/** Longest span from assignment to last event the generator produced in 10⁵ sampled tasks: 164 days. */
export const SLACK_DAYS = 165;

export interface ChunkPlan {
  index: number;
  seed: number;
  tasks: number;
  /** First and last issue date of the chunk's documents. */
  from: string;
  to: string;
  /** The generator's today for this chunk. */
  until: string;
}

export interface HistoryRefs {
  leadUnitIds: number[];
  authorityUnitIds: number[];
  fieldCodes: string[];
  actorUserId: number | null;
  /** Share of tasks that never complete (the benchmark's --overdue-share); see generateHistory. */
  stalledShare?: number;
}

const DAY = 86_400_000;
const days = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

export function planChunks(total: number, perChunk: number, today: string, years: number, seed: number): ChunkPlan[] {
  const count = Math.max(1, Math.ceil(total / perChunk));
  const start = shiftDate(today, -Math.round(years * 365.25));
  const length = days(start, today);
  const plans: ChunkPlan[] = [];
  for (let i = 0; i < count; i++) {
    const from = shiftDate(start, Math.floor((i * length) / count));
    const last = i === count - 1;
    const to = last ? today : shiftDate(start, Math.floor(((i + 1) * length) / count) - 1);
    const until = last ? today : minDate(shiftDate(to, SLACK_DAYS), today);
    const tasks = Math.floor(total / count) + (i < total % count ? 1 : 0);
    plans.push({ index: i, seed: seed * 1000 + i, tasks, from, to, until });
  }
  return plans;
}

/** Exactly `plan.tasks` tasks whose documents were issued within [from, to]. */
export function generateChunk(
  plan: ChunkPlan,
  refs: HistoryRefs,
): { documents: GeneratedDocument[]; tasks: GeneratedTask[]; generated: number } {
  // The generator issues documents uniformly over [from, until): keep the share inside the range.
  const keptShare = Math.min(1, (days(plan.from, plan.to) + 1) / Math.max(1, days(plan.from, plan.until)));
  for (let margin = 1.04; ; margin += 0.1) {
    const want = Math.ceil((plan.tasks / keptShare) * margin) + 20;
    const all = generateHistory({ seed: plan.seed, tasks: want, from: plan.from, until: plan.until, ...refs });
    const kept = keepIssuedUntil(all.documents, all.tasks, plan.to, plan.tasks);
    if (kept.tasks.length === plan.tasks) return { ...kept, generated: want };
  }
}

function keepIssuedUntil(documents: GeneratedDocument[], tasks: GeneratedTask[], to: string, limit: number) {
  const newIndex = new Map<number, number>();
  const keptDocs: GeneratedDocument[] = [];
  const keptTasks: GeneratedTask[] = [];
  for (const task of tasks) {
    if (keptTasks.length === limit) break;
    const doc = documents[task.documentIndex]!;
    if (doc.issuedOn > to) continue;
    let index = newIndex.get(task.documentIndex);
    if (index === undefined) {
      index = keptDocs.push(doc) - 1;
      newIndex.set(task.documentIndex, index);
    }
    keptTasks.push({ ...task, documentIndex: index });
  }
  return { documents: keptDocs, tasks: keptTasks };
}

const minDate = (a: string, b: string): string => (a < b ? a : b);
