import type { Db } from '../../db/connection.js';
import type { Grant, Role } from '../../domain/access.js';

export async function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function loadGrants(db: Db, userId: number): Promise<Grant[]> {
  const rows = await db
    .selectFrom('user_roles as r')
    .innerJoin('units as u', 'u.id', 'r.scope_unit_id')
    .select(['r.role', 'r.scope_unit_id', 'u.path', 'r.field_codes'])
    .where('r.user_id', '=', userId)
    .execute();
  return rows.map((r) => ({ role: r.role as Role, scopeUnitId: r.scope_unit_id, scopePath: r.path, fieldCodes: r.field_codes }));
}

export async function loadUserView(db: Db, userId: number) {
  const user = await db
    .selectFrom('users as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.id', 's.username', 's.full_name', 's.email', 's.title', 's.locale', 's.active', 's.digest_mail', 'u.id as unit_id', 'u.code as unit_code', 'u.name as unit_name'])
    .where('s.id', '=', userId)
    .executeTakeFirst();
  if (!user) return undefined;
  const grants = await loadGrants(db, userId);
  return {
    id: user.id,
    username: user.username,
    fullName: user.full_name,
    email: user.email,
    title: user.title,
    locale: user.locale,
    active: user.active,
    digestMail: user.digest_mail,
    unit: { id: user.unit_id, code: user.unit_code, name: user.unit_name },
    roles: grants.map((g) => ({ role: g.role, scopeUnitId: g.scopeUnitId, fieldCodes: [...g.fieldCodes] })),
  };
}

export type UserView = NonNullable<Awaited<ReturnType<typeof loadUserView>>>;

export async function findSession(db: Db, sessionId: string) {
  return db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
}

export async function findActiveToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'user_id'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}
