import { jsonArrayFrom } from 'kysely/helpers/postgres';
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
  return rows.map((r) => ({
    role: r.role as Role,
    scopeUnitId: r.scope_unit_id,
    scopePath: r.path,
    fieldCodes: r.field_codes,
  }));
}

export async function loadUserView(db: Db, userId: number) {
  const user = await db
    .selectFrom('users as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select([
      's.id',
      's.username',
      's.full_name',
      's.email',
      's.title',
      's.locale',
      's.active',
      's.digest_mail',
      'u.id as unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
    ])
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

/**
 * The session with its user and the user's grants, in one round trip: every API request
 * starts here, so it reads the current roles each time (no cache to go stale on a change of
 * role or a deactivation) but as one query instead of three.
 */
export async function findSessionCaller(db: Db, sessionId: string) {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as usr', 'usr.id', 's.user_id')
    .select((eb) => [
      's.user_id',
      's.csrf_token',
      's.expires_at',
      's.last_seen_at',
      'usr.unit_id',
      'usr.active',
      jsonArrayFrom(
        eb
          .selectFrom('user_roles as r')
          .innerJoin('units as u', 'u.id', 'r.scope_unit_id')
          .select(['r.role', 'r.scope_unit_id', 'u.path', 'r.field_codes'])
          .whereRef('r.user_id', '=', 's.user_id'),
      ).as('grants'),
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const grants: Grant[] = row.grants.map((r) => ({
    role: r.role as Role,
    scopeUnitId: r.scope_unit_id,
    scopePath: r.path,
    fieldCodes: r.field_codes,
  }));
  return {
    userId: row.user_id,
    unitId: row.unit_id,
    active: row.active,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at as Date,
    grants,
  };
}

export async function findActiveToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'user_id'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}
