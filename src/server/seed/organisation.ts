import fs from 'node:fs';
import type { Db } from '../db/connection.js';
import type { Role } from '../domain/access.js';
import { sql } from 'kysely';
import { defaultCalendarEntries } from '../domain/calendar.js';
import { officialSchedule, RULE_SOURCE } from '../domain/official-holidays.js';
import { foldForSearch } from '../domain/text.js';
import { inProject } from '../paths.js';
import { hashPassword } from '../features/auth/service.js';
import type { UnitKind } from '../db/schema.js';
import { FIELDS } from './fields.js';

export interface UnitRow {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string;
}

/** The city's units from the shared CSV (code,name,kind,parent). */
export function readUnitsCsv(file: string): UnitRow[] {
  const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [code = '', name = '', kind = '', parent = ''] = line.split(',').map((s) => s.trim());
    return { code, name, kind: kind as UnitKind, parent };
  });
}

export function defaultUnitsCsv(): string {
  const candidates = [inProject('seed-data/hanoi-2020-units.csv'), inProject('../shared/data/hanoi-2020-units.csv')];
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) throw new Error(`Units CSV not found in ${candidates.join(' or ')}`);
  return found;
}

/** Inserts units parents-first and fills their materialized paths. Returns code → id. */
export async function loadUnits(db: Db, rows: UnitRow[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const paths = new Map<string, string>();
  const pending = [...rows];
  while (pending.length > 0) {
    const ready = pending.findIndex((r) => !r.parent || paths.has(r.parent));
    if (ready < 0) throw new Error(`Units with unknown parents: ${pending.map((r) => r.code).join(', ')}`);
    const row = pending.splice(ready, 1)[0]!;
    const parentId = row.parent ? ids.get(row.parent)! : null;
    const inserted = await db
      .insertInto('units')
      .values({
        code: row.code,
        name: row.name,
        kind: row.kind,
        parent_id: parentId,
        path: '',
        search_text: foldForSearch(`${row.code} ${row.name}`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const unitPath = `${row.parent ? paths.get(row.parent)! : '/'}${inserted.id}/`;
    await db.updateTable('units').set({ path: unitPath }).where('id', '=', inserted.id).execute();
    ids.set(row.code, inserted.id);
    paths.set(row.code, unitPath);
  }
  return ids;
}

export async function loadFields(db: Db): Promise<void> {
  await db
    .insertInto('fields')
    .values(FIELDS.map((f, i) => ({ ...f, sort: i })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * The holiday table of a new database: the decided schedules shipped with the product
 * (domain/official-holidays.ts) for the years they cover, the Labour Code's rule for the
 * others, which stay provisional until an administrator confirms or imports them.
 */
export async function loadCalendar(db: Db, fromYear: number, toYear: number): Promise<void> {
  const years: { year: number; status: 'decided' | 'provisional'; source: string }[] = [];
  const days: { date: string; kind: 'holiday' | 'makeup_workday'; name: string; source: string }[] = [];
  for (let year = fromYear; year <= toYear; year += 1) {
    const official = officialSchedule(year);
    years.push({ year, status: official ? 'decided' : 'provisional', source: official?.source ?? RULE_SOURCE });
    if (official) days.push(...official.days);
    else days.push(...defaultCalendarEntries(year, year).map((e) => ({ ...e, source: RULE_SOURCE })));
  }
  if (years.length === 0) return;
  await db
    .insertInto('calendar_days')
    .values(days)
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('calendar_years')
    .values(years)
    .onConflict((oc) => oc.doNothing())
    .execute();
  await sql`select refresh_deadline_shifts()`.execute(db);
}

/** A handful of units' own divisions, so hand-down and self-inspection have somewhere to go. */
export const DEMO_DIVISIONS: UnitRow[] = [
  { code: 'Q.BADINH.VP', name: 'Văn phòng HĐND và UBND quận Ba Đình', kind: 'division', parent: 'Q.BADINH' },
  { code: 'Q.BADINH.QLDT', name: 'Phòng Quản lý đô thị quận Ba Đình', kind: 'division', parent: 'Q.BADINH' },
  { code: 'Q.BADINH.TNMT', name: 'Phòng Tài nguyên và Môi trường quận Ba Đình', kind: 'division', parent: 'Q.BADINH' },
  { code: 'SXD.QLN', name: 'Phòng Quản lý nhà - Sở Xây dựng', kind: 'division', parent: 'SXD' },
  { code: 'SXD.TTXD', name: 'Thanh tra Sở Xây dựng', kind: 'division', parent: 'SXD' },
];

export interface DemoUser {
  username: string;
  fullName: string;
  unit: string;
  roles: { role: Role; scope: string; fields?: string[] }[];
  email?: string;
}

export const DEMO_PASSWORD = 'demo1234';

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', fullName: 'Quản trị hệ thống', unit: 'VPUB', roles: [{ role: 'admin', scope: 'UBND' }] },
  { username: 'chuyenvien', fullName: 'Nguyễn Thị Hương', unit: 'VPUB', roles: [{ role: 'officer', scope: 'UBND' }] },
  {
    username: 'lanhdao',
    fullName: 'Trần Văn Minh',
    unit: 'UBND',
    roles: [{ role: 'leader', scope: 'UBND', fields: ['xay_dung', 'giao_thong', 'quy_hoach', 'dat_dai'] }],
  },
  {
    username: 'vanthu.badinh',
    fullName: 'Lê Thu Trang',
    unit: 'Q.BADINH',
    roles: [{ role: 'clerk', scope: 'Q.BADINH' }],
  },
  {
    username: 'truongphong.badinh',
    fullName: 'Phạm Quốc Hùng',
    unit: 'Q.BADINH',
    roles: [{ role: 'unit_head', scope: 'Q.BADINH' }],
  },
  {
    username: 'canbo.badinh',
    fullName: 'Đỗ Minh Anh',
    unit: 'Q.BADINH.QLDT',
    roles: [{ role: 'staff', scope: 'Q.BADINH.QLDT' }],
  },
  {
    username: 'vanthu.hoankiem',
    fullName: 'Vũ Hải Yến',
    unit: 'Q.HOANKIEM',
    roles: [{ role: 'clerk', scope: 'Q.HOANKIEM' }],
  },
  { username: 'vanthu.sxd', fullName: 'Hoàng Văn Nam', unit: 'SXD', roles: [{ role: 'clerk', scope: 'SXD' }] },
  { username: 'giamdoc.sxd', fullName: 'Ngô Đức Thắng', unit: 'SXD', roles: [{ role: 'unit_head', scope: 'SXD' }] },
  { username: 'thanhtra.snv', fullName: 'Bùi Thị Lan', unit: 'SNV', roles: [{ role: 'inspector', scope: 'UBND' }] },
];

export async function loadUsers(
  db: Db,
  users: DemoUser[],
  unitIds: Map<string, number>,
  password = DEMO_PASSWORD,
): Promise<Map<string, number>> {
  const passwordHash = await hashPassword(password);
  const ids = new Map<string, number>();
  for (const u of users) {
    const unitId = unitIds.get(u.unit);
    if (!unitId) throw new Error(`Unknown unit ${u.unit} for user ${u.username}`);
    const { id } = await db
      .insertInto('users')
      .values({
        username: u.username,
        full_name: u.fullName,
        email: u.email ?? `${u.username}@hanoi.gov.vn`,
        unit_id: unitId,
        password_hash: passwordHash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const r of u.roles) {
      await db
        .insertInto('user_roles')
        .values({ user_id: id, role: r.role, scope_unit_id: unitIds.get(r.scope)!, field_codes: r.fields ?? [] })
        .execute();
    }
    ids.set(u.username, id);
  }
  return ids;
}

export interface Organisation {
  unitIds: Map<string, number>;
  userIds: Map<string, number>;
}

/** Units (CSV + demo divisions), fields, calendar and demo users: the base every database needs. */
export async function seedOrganisation(db: Db, csvFile = defaultUnitsCsv()): Promise<Organisation> {
  await loadFields(db);
  await loadCalendar(db, 2015, 2035);
  const unitIds = await loadUnits(db, [...readUnitsCsv(csvFile), ...DEMO_DIVISIONS]);
  const userIds = await loadUsers(db, DEMO_USERS, unitIds);
  return { unitIds, userIds };
}
