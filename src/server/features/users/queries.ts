import { sql, type Expression, type Transaction } from 'kysely';
import type { LeaderSummary } from '../../../shared/api/users.js';
import type { Db } from '../../db/connection.js';
import type { Database, Role } from '../../db/schema.js';
import { foldForSearch, likePattern } from '../../domain/text.js';

type Executor = Db | Transaction<Database>;

export interface RoleGrantInput {
  role: Role;
  scopeUnitId: number;
  fieldCodes: string[];
}

/** The API shape of a user (docs/api.md): never the password hash. */
export interface UserSummary {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  title: string | null;
  unit: { id: number; code: string; name: string };
  roles: RoleGrantInput[];
  active: boolean;
  version: number;
}

/**
 * Users have no folded search column, so the fold is done in SQL with translate(): every
 * precomposed Vietnamese letter (either case) maps to its plain lower-case letter. lower()
 * alone would not do, because under the C locale it only folds ASCII.
 */
const FOLD_FROM_TO = (() => {
  const bases = 'aăâeêioôơuưyAĂÂEÊIOÔƠUƯY';
  const marks = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
  let from = 'đĐ';
  let to = 'dd';
  for (const b of bases) {
    for (const m of marks) {
      const c = (b + m).normalize('NFC');
      if (c.length === 1 && foldForSearch(c) !== c) {
        from += c;
        to += foldForSearch(c);
      }
    }
  }
  return { from, to };
})();

const folded = (column: string): Expression<string> =>
  sql<string>`lower(translate(${sql.ref(column)}, ${FOLD_FROM_TO.from}, ${FOLD_FROM_TO.to}))`;

export interface UserFilter {
  /** Unit subtrees the caller may list; null means everyone (administrators). */
  scopePaths: string[] | null;
  unitPath?: string;
  q?: string;
  includeInactive: boolean;
  limit: number;
}

export async function listUsers(db: Executor, f: UserFilter): Promise<UserSummary[]> {
  let qb = baseSelect(db);
  if (f.scopePaths) {
    const paths = f.scopePaths;
    qb = qb.where((eb) => eb.or(paths.map((p) => eb('u.path', 'like', `${p}%`))));
  }
  if (f.unitPath) qb = qb.where('u.path', 'like', `${f.unitPath}%`);
  if (!f.includeInactive) qb = qb.where('s.active', '=', true);
  if (f.q) {
    const pattern = likePattern(f.q);
    qb = qb.where((eb) =>
      eb.or([
        eb(folded('s.full_name'), 'like', pattern),
        eb(folded('s.username'), 'like', pattern),
        eb(folded('s.email'), 'like', pattern),
      ]),
    );
  }
  const rows = await qb.orderBy('u.path').orderBy('s.full_name').orderBy('s.id').limit(f.limit).execute();
  return present(db, rows);
}

export type { LeaderSummary };

export async function listLeaders(db: Executor): Promise<LeaderSummary[]> {
  const rows = await db
    .selectFrom('users as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .innerJoin('user_roles as r', 'r.user_id', 's.id')
    .select([
      's.id',
      's.full_name',
      's.title',
      'u.id as unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
      'r.field_codes',
    ])
    .where('r.role', '=', 'leader')
    .where('s.active', '=', true)
    .orderBy('u.path')
    .orderBy('s.full_name')
    .orderBy('s.id')
    .execute();
  const leaders = new Map<number, LeaderSummary>();
  for (const r of rows) {
    const leader = leaders.get(r.id) ?? {
      id: r.id,
      fullName: r.full_name,
      title: r.title,
      unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
      fieldCodes: [],
    };
    // One grant over all fields makes the leader direct all of them.
    const all = leaders.has(r.id) ? leader.fieldCodes.length === 0 : false;
    leader.fieldCodes = all || r.field_codes.length === 0 ? [] : [...new Set([...leader.fieldCodes, ...r.field_codes])];
    leaders.set(r.id, leader);
  }
  return [...leaders.values()];
}

export async function findUserSummary(db: Executor, id: number): Promise<UserSummary | undefined> {
  const rows = await baseSelect(db).where('s.id', '=', id).execute();
  return (await present(db, rows))[0];
}

export async function lockUser(trx: Transaction<Database>, id: number) {
  return trx
    .selectFrom('users')
    .select(['id', 'username', 'full_name', 'email', 'unit_id', 'active', 'version'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function findUserByUsername(db: Executor, username: string) {
  return db
    .selectFrom('users')
    .select('id')
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function replaceRoles(trx: Transaction<Database>, userId: number, roles: RoleGrantInput[]): Promise<void> {
  await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length === 0) return;
  await trx
    .insertInto('user_roles')
    .values(
      roles.map((r) => ({ user_id: userId, role: r.role, scope_unit_id: r.scopeUnitId, field_codes: r.fieldCodes })),
    )
    .execute();
}

/** Logging a user out everywhere: after deactivation or a password reset by the administrator. */
export async function endSessions(trx: Transaction<Database>, userId: number): Promise<void> {
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** An administrator's reset or deactivation also ends what the person's programs could do. */
export async function revokeTokens(trx: Transaction<Database>, userId: number, at: Date): Promise<void> {
  await trx
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

function baseSelect(db: Executor) {
  return db
    .selectFrom('users as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select([
      's.id',
      's.username',
      's.full_name',
      's.email',
      's.title',
      's.active',
      's.version',
      'u.id as unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
    ]);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof baseSelect>['execute']>>[number];

async function present(db: Executor, rows: UserRow[]): Promise<UserSummary[]> {
  if (rows.length === 0) return [];
  const roles = await db
    .selectFrom('user_roles')
    .select(['user_id', 'role', 'scope_unit_id', 'field_codes'])
    .where(
      'user_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('id')
    .execute();
  const byUser = new Map<number, RoleGrantInput[]>();
  for (const g of roles) {
    const list = byUser.get(g.user_id) ?? [];
    list.push({ role: g.role, scopeUnitId: g.scope_unit_id, fieldCodes: g.field_codes });
    byUser.set(g.user_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    fullName: r.full_name,
    email: r.email,
    title: r.title,
    unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
    roles: byUser.get(r.id) ?? [],
    active: r.active,
    version: r.version,
  }));
}
