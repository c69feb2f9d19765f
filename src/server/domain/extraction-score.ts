/**
 * Measures task extraction against hand-labelled directives (test/fixtures/directives): per
 * field precision, recall and F1. Labels name units by code, or a collective by "@kind".
 * Pure: the caller reads the files and the units.
 */
import { extractTasks, type ProposedTask } from './task-extraction.js';
import { foldText, type NamedUnit } from './unit-names.js';

export interface LabelledTask {
  lead: string;
  coordinating: string[];
  deadline: { kind: string; date?: string; days?: number; period?: string };
  product: string | null;
  /** Words of the task's content that identify it. */
  words: string;
}
export interface LabelledDirective {
  name: string;
  text: string;
  issuedOn: string;
  units: NamedUnit[];
  tasks: LabelledTask[];
}

export interface FieldScore {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  predicted: number;
  expected: number;
}

const score = (tp: number, predicted: number, expected: number): FieldScore => {
  const precision = predicted ? tp / predicted : 1;
  const recall = expected ? tp / expected : 1;
  return {
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    tp,
    predicted,
    expected,
  };
};

interface Proposal {
  leads: Set<number>;
  task: ProposedTask;
}

/** A collective lead expanded to many units is one proposal for scoring. */
function grouped(tasks: ProposedTask[]): Proposal[] {
  const bySource = new Map<string, Proposal>();
  const out: Proposal[] = [];
  for (const t of tasks) {
    const key = `${t.source}|${t.content}`;
    const same = bySource.get(key);
    const many = tasks.filter((o) => `${o.source}|${o.content}` === key).length > 3;
    if (same && many) {
      if (t.leadUnitId) same.leads.add(t.leadUnitId);
      continue;
    }
    const p = { leads: new Set(t.leadUnitId ? [t.leadUnitId] : []), task: t };
    if (many) bySource.set(key, p);
    out.push(p);
  }
  return out;
}

export function scoreDirectives(directives: LabelledDirective[]) {
  const c = { found: 0, predicted: 0, expected: 0, lead: 0, coordTp: 0, coordPred: 0, coordExp: 0 };
  const d = { kind: 0, value: 0, productTp: 0, productPred: 0, productExp: 0 };
  const misses: string[] = [];
  for (const dir of directives) {
    const ids = (code: string) =>
      code.startsWith('@')
        ? dir.units
            .filter((u) => (code === '@commune' ? ['commune', 'ward'] : [code.slice(1)]).includes(u.kind))
            .map((u) => u.id)
        : dir.units.filter((u) => u.code === code).map((u) => u.id);
    const proposals = grouped(extractTasks(dir.text, dir.issuedOn, dir.units));
    c.predicted += proposals.length;
    c.expected += dir.tasks.length;
    const free = new Set(proposals);
    for (const label of dir.tasks) {
      const leadIds = new Set(ids(label.lead));
      const words = foldText(label.words).trim();
      const candidates = [...free].filter((p) => foldText(p.task.source).includes(words));
      const match = candidates.find((p) => [...p.leads].some((l) => leadIds.has(l))) ?? candidates[0];
      if (!match) {
        misses.push(`${dir.name}: missed "${label.words}"`);
        continue;
      }
      free.delete(match);
      c.found++;
      const t = match.task;
      if ([...match.leads].length && [...match.leads].every((l) => leadIds.has(l))) c.lead++;
      else misses.push(`${dir.name}: lead of "${label.words}"`);
      const want = new Set(label.coordinating.flatMap(ids).filter((u) => !leadIds.has(u)));
      const got = new Set(t.coordinatingUnitIds);
      c.coordPred += got.size;
      c.coordExp += want.size;
      c.coordTp += [...got].filter((u) => want.has(u)).length;
      if (got.size !== want.size || [...got].some((u) => !want.has(u)))
        misses.push(`${dir.name}: coordinating of "${label.words}"`);
      if (t.deadline.kind === label.deadline.kind) {
        d.kind++;
        const dl = t.deadline as Record<string, unknown>;
        const same =
          label.deadline.kind === 'fixed'
            ? dl.date === label.deadline.date
            : label.deadline.kind === 'working_days'
              ? dl.days === label.deadline.days
              : label.deadline.kind === 'periodic'
                ? dl.period === label.deadline.period
                : true;
        if (same) d.value++;
        else misses.push(`${dir.name}: deadline value of "${label.words}"`);
      } else misses.push(`${dir.name}: deadline kind of "${label.words}" (${t.deadline.kind})`);
      if (t.expectedProduct) d.productPred++;
      if (label.product) d.productExp++;
      if (t.expectedProduct && label.product && foldText(t.expectedProduct).includes(foldText(label.product).trim()))
        d.productTp++;
    }
    for (const p of free) misses.push(`${dir.name}: extra "${p.task.content.slice(0, 60)}"`);
  }
  return {
    task: score(c.found, c.predicted, c.expected),
    leadAccuracy: c.found ? c.lead / c.found : 0,
    coordinating: score(c.coordTp, c.coordPred, c.coordExp),
    deadlineKindAccuracy: c.found ? d.kind / c.found : 0,
    deadlineValueAccuracy: c.found ? d.value / c.found : 0,
    product: score(d.productTp, d.productPred, d.productExp),
    misses,
  };
}
