import fs from 'node:fs';
import path from 'node:path';
import type { LabelledDirective } from '../../src/server/domain/extraction-score.js';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const SEED = path.resolve(import.meta.dirname, '../../seed-data');

function units(file: string) {
  const found = [path.join(SEED, file), path.join(DATA, file)].find((f) => fs.existsSync(f));
  if (!found) throw new Error(`${file} not found`);
  return fs
    .readFileSync(found, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line, i) => {
      const [code = '', name = '', kind = ''] = line.split(',');
      return { id: i + 1, code, name, kind };
    });
}

/** The labelled directives of a folder (NAME.txt with NAME.json), with the units of their date. */
export function loadDirectives(
  folder = path.resolve(import.meta.dirname, '../fixtures/directives'),
): LabelledDirective[] {
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const label = JSON.parse(fs.readFileSync(path.join(folder, f.replace(/\.txt$/, '.json')), 'utf8'));
      const era = label.issuedOn >= '2025-07-01' ? 'hanoi-2025-units.csv' : 'hanoi-2020-units.csv';
      return {
        name: f,
        text: fs.readFileSync(path.join(folder, f), 'utf8'),
        issuedOn: label.issuedOn,
        units: units(era),
        tasks: label.tasks,
      };
    });
}
