/**
 * Prints how well tasks are read from directive texts: the development set in
 * test/fixtures/directives (or another folder given as argument), per field.
 * Run: npm run score:extraction [-- folder]
 */
import { loadDirectives } from '../test/helpers/directives.js';
import { scoreDirectives } from '../src/server/domain/extraction-score.js';

const folder = process.argv.slice(2).find((a) => !a.startsWith('--'));
const result = scoreDirectives(loadDirectives(folder));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const row = (name: string, s: { precision: number; recall: number; f1: number }) =>
  console.log(
    `${name.padEnd(22)} P ${pct(s.precision).padStart(6)}  R ${pct(s.recall).padStart(6)}  F1 ${pct(s.f1).padStart(6)}`,
  );
row('task found', result.task);
console.log(`${'lead unit'.padEnd(22)} accuracy ${pct(result.leadAccuracy)}`);
row('coordinating units', result.coordinating);
console.log(`${'deadline kind'.padEnd(22)} accuracy ${pct(result.deadlineKindAccuracy)}`);
console.log(`${'deadline value'.padEnd(22)} accuracy ${pct(result.deadlineValueAccuracy)}`);
row('expected product', result.product);
if (process.argv.includes('--misses')) for (const m of result.misses) console.log(`  ${m}`);
