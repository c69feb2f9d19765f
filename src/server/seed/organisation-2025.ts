import fs from 'node:fs';
import type { Db } from '../db/connection.js';
import type { UnitKind } from '../db/schema.js';
import type { SuccessorKind } from '../db/schema-reorganisations.js';
import { foldForSearch } from '../domain/text.js';
import { parseCsv } from '../features/files/table-file.js';
import { inProject } from '../paths.js';

/**
 * Hanoi's 2025 organisation from seed-data/hanoi-2025-units.csv and hanoi-2025-successors.csv
 * (their README in the shared data says where each row comes from), loaded as the city would
 * record it: the new units exist ahead of their effective date, not yet active, and each
 * effective date of the successor map becomes one reorganisation act in draft. Applying the acts
 * (features/reorganisations) ends the 2020 units, which stay as history.
 */

export interface Unit2025Row {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string;
  validFrom: string;
  sourceNote: string;
}

export interface Successor2025Row {
  oldCode: string;
  newCode: string;
  effectiveOn: string;
  kind: SuccessorKind;
  note: string;
}

function seedFile(name: string): string {
  const candidates = [inProject(`seed-data/${name}`), inProject(`../shared/data/${name}`)];
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) throw new Error(`${name} not found in ${candidates.join(' or ')}`);
  return found;
}

function rowsOf(file: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(fs.readFileSync(file, 'utf8')).filter((r) => r.some((c) => c.trim()));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

export function readUnits2025(file = seedFile('hanoi-2025-units.csv')): Unit2025Row[] {
  return rowsOf(file).map((r) => ({
    code: r.code!,
    name: r.name!,
    kind: r.kind as UnitKind,
    parent: r.parent ?? '',
    validFrom: r.valid_from!,
    sourceNote: r.source_note ?? '',
  }));
}

export function readSuccessors2025(file = seedFile('hanoi-2025-successors.csv')): Successor2025Row[] {
  return rowsOf(file).map((r) => ({
    oldCode: r.old_code!,
    newCode: r.new_code!,
    effectiveOn: r.effective_on!,
    kind: r.kind as SuccessorKind,
    note: r.note ?? '',
  }));
}

/** The former district the resolution's clause names as main contributor of a ward or commune. */
export function mainFormerDistrict(sourceNote: string): string | null {
  return /main former district: ([A-Z0-9.]+)/.exec(sourceNote)?.[1] ?? null;
}

/**
 * Functions that moved (transfer rows) carry the fields of their tasks; the map itself says
 * which function, the fields are the product's reading of it (docs/decisions.md).
 */
const TRANSFER_FIELDS: Record<string, string[]> = {
  'SLDTBXH>S.YT': ['y_te'],
  'SLDTBXH>S.GDDT': ['giao_duc'],
  'STTTT>S.VHTT': [],
  'SNV>S.DTTG': [],
};

/** The legal basis of each effective date of the map. */
const ACTS: Record<string, { numberSymbol: string; signedOn: string; title: string }> = {
  '2025-03-01': {
    numberSymbol: 'NQ HĐND TP kỳ họp 21 khóa XVI',
    signedOn: '2025-02-25',
    title: 'Sắp xếp, tổ chức lại các sở, ban, ngành thuộc UBND Thành phố',
  },
  '2025-07-01': {
    numberSymbol: '1656/NQ-UBTVQH15',
    signedOn: '2025-06-16',
    title: 'Sắp xếp các đơn vị hành chính cấp xã của thành phố Hà Nội năm 2025',
  },
};

/**
 * For a district split among many wards and communes, the one that takes whatever no other rule
 * places: the ward or commune bearing the district's name if the district is its main former
 * district, else the first in the resolution's order whose main former district it is.
 */
export function defaultSplitSuccessor(oldCode: string, newCodes: string[], units: Map<string, Unit2025Row>): string {
  const suffix = oldCode.split('.').slice(1).join('.');
  const main = newCodes.filter((c) => mainFormerDistrict(units.get(c)?.sourceNote ?? '') === oldCode);
  return main.find((c) => c.split('.').slice(1).join('.') === suffix) ?? main[0] ?? newCodes[0]!;
}

/** Inserts the 2025 units (not yet active) and one draft act per effective date. Returns the acts' ids. */
export async function loadOrganisation2025(db: Db, createdBy: number | null): Promise<number[]> {
  const units = readUnits2025();
  const byCode = new Map(units.map((u) => [u.code, u]));
  const ids = new Map((await db.selectFrom('units').select(['id', 'code', 'path']).execute()).map((u) => [u.code, u]));
  for (const u of units) {
    if (ids.has(u.code)) continue;
    const parent = u.parent ? ids.get(u.parent) : undefined;
    if (u.parent && !parent) throw new Error(`2025 unit ${u.code}: unknown parent ${u.parent}`);
    const { id } = await db
      .insertInto('units')
      .values({
        code: u.code,
        name: u.name,
        kind: u.kind,
        parent_id: parent?.id ?? null,
        path: '',
        active: false,
        valid_from: u.validFrom,
        search_text: foldForSearch(`${u.code} ${u.name}`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const path = `${parent?.path ?? '/'}${id}/`;
    await db.updateTable('units').set({ path }).where('id', '=', id).execute();
    ids.set(u.code, { id, code: u.code, path });
  }
  const successors = readSuccessors2025();
  const actIds: number[] = [];
  for (const effectiveOn of [...new Set(successors.map((s) => s.effectiveOn))].sort()) {
    const basis = ACTS[effectiveOn] ?? {
      numberSymbol: `Sắp xếp ${effectiveOn}`,
      signedOn: effectiveOn,
      title: 'Sắp xếp tổ chức',
    };
    const rows = successors.filter((s) => s.effectiveOn === effectiveOn);
    const { id: actId } = await db
      .insertInto('reorganisation_acts')
      .values({ ...mapKeys(basis), effective_on: effectiveOn, created_by: createdBy })
      .returning('id')
      .executeTakeFirstOrThrow();
    actIds.push(actId);
    const unitId = (code: string) => {
      const found = ids.get(code);
      if (!found) throw new Error(`Successor map: unknown unit ${code}`);
      return found.id;
    };
    const ended = [...new Set(rows.map((r) => r.oldCode))];
    const started = units.filter((u) => u.validFrom === effectiveOn && !isCarriedOver(u)).map((u) => u.code);
    await db
      .insertInto('reorganisation_unit_changes')
      .values([
        ...ended.map((code) => ({ act_id: actId, unit_id: unitId(code), change: 'end' as const })),
        ...started.map((code) => ({ act_id: actId, unit_id: unitId(code), change: 'start' as const })),
      ])
      .execute();
    const defaults = new Map(
      ended.map((old) => {
        const splits = rows.filter((r) => r.oldCode === old && r.kind === 'split').map((r) => r.newCode);
        return [old, splits.length ? defaultSplitSuccessor(old, splits, byCode) : null];
      }),
    );
    await db
      .insertInto('reorganisation_successors')
      .values(
        rows.map((r) => ({
          act_id: actId,
          old_unit_id: unitId(r.oldCode),
          new_unit_id: unitId(r.newCode),
          kind: r.kind,
          field_codes: TRANSFER_FIELDS[`${r.oldCode}>${r.newCode}`] ?? [],
          is_default: r.kind === 'split' && defaults.get(r.oldCode) === r.newCode,
          note: r.note || null,
        })),
      )
      .execute();
  }
  return actIds;
}

// Authorities are the 2020 rows carried over; they start nothing.
const isCarriedOver = (u: Unit2025Row) => u.kind === 'authority';

const mapKeys = (b: { numberSymbol: string; signedOn: string; title: string }) => ({
  number_symbol: b.numberSymbol,
  signed_on: b.signedOn,
  title: b.title,
});
