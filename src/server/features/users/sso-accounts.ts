import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import type { Role } from '../../domain/access.js';
import { appendAudit } from '../audit/service.js';
import * as q from './queries.js';

/** A person as the single sign-on provider describes them (auth/sso-claims.ts). */
export interface SsoPersonInput {
  subject: string;
  username: string | null;
  fullName: string | null;
  email: string | null;
  unitCode: string | null;
  roles: Role[];
  fieldCodes: string[];
}

export type SsoRefusal = 'unknown_user' | 'administrator' | 'inactive' | 'username_taken';
export type SsoAccount = { userId: number } | { refused: SsoRefusal };

// Roles that work city-wide are granted over the top of the person's unit tree; the others over their own unit.
const CITY_WIDE: Role[] = ['officer', 'leader', 'inspector'];
// A password no argon2 hash can match: such accounts sign in only through the provider.
const NO_PASSWORD = '!sso';

type Row = { id: number; active: boolean; sso_subject: string | null; sso_managed: boolean };

/**
 * The account of a person the provider vouches for, in one transaction: found by the
 * provider's subject, or else by username (then linked to the subject), or else created from
 * the claims (a known unit code and at least one role) when provisioning is on. An account the
 * provider created follows its claims at each sign-in (unit and roles). Administrators never
 * sign in this way: their accounts keep local passwords.
 */
export async function accountForSsoPerson(
  ctx: AppContext,
  person: SsoPersonInput,
  options: { provision: boolean },
): Promise<SsoAccount> {
  return ctx.db.transaction().execute(async (trx) => {
    const user = (await bySubject(trx, person.subject)) ?? (await byUsername(trx, person.username));
    if (user) return existing(trx, user, person);
    if (!options.provision) return { refused: 'unknown_user' };
    const grants = await grantsFromClaims(trx, person);
    if (!grants || !person.username) return { refused: 'unknown_user' };
    if (await q.findUserByUsername(trx, person.username)) return { refused: 'username_taken' };
    const { id } = await trx
      .insertInto('users')
      .values({
        username: person.username,
        full_name: person.fullName ?? person.username,
        email: person.email,
        unit_id: grants.unitId,
        password_hash: NO_PASSWORD,
        sso_subject: person.subject,
        sso_managed: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await q.replaceRoles(trx, id, grants.roles);
    await audit(trx, id, 'user_provisioned', { username: person.username, unitId: grants.unitId, roles: grants.roles });
    return { userId: id };
  });
}

async function existing(trx: Transaction<Database>, user: Row, person: SsoPersonInput): Promise<SsoAccount> {
  if (!user.active) return { refused: 'inactive' };
  const admin = await trx
    .selectFrom('user_roles')
    .select('id')
    .where('user_id', '=', user.id)
    .where('role', '=', 'admin')
    .executeTakeFirst();
  if (admin) return { refused: 'administrator' };
  if (!user.sso_subject) {
    await trx.updateTable('users').set({ sso_subject: person.subject }).where('id', '=', user.id).execute();
    await audit(trx, user.id, 'user_sso_linked', { subject: person.subject });
  }
  if (!user.sso_managed) return { userId: user.id };
  const grants = await grantsFromClaims(trx, person);
  if (!grants) return { refused: 'unknown_user' };
  const current = await trx.selectFrom('users').select(['unit_id']).where('id', '=', user.id).executeTakeFirstOrThrow();
  const roles = await trx
    .selectFrom('user_roles')
    .select(['role', 'scope_unit_id as scopeUnitId', 'field_codes as fieldCodes'])
    .where('user_id', '=', user.id)
    .orderBy('role')
    .execute();
  const same = current.unit_id === grants.unitId && JSON.stringify(roles) === JSON.stringify(grants.roles);
  if (!same) {
    await trx
      .updateTable('users')
      .set({ unit_id: grants.unitId, version: sql`version + 1` as never })
      .where('id', '=', user.id)
      .execute();
    await q.replaceRoles(trx, user.id, grants.roles);
    await audit(trx, user.id, 'user_sso_updated', { unitId: grants.unitId, roles: grants.roles });
  }
  return { userId: user.id };
}

/** The unit and role grants the claims give, or null when they name no active unit or no role. */
async function grantsFromClaims(trx: Transaction<Database>, person: SsoPersonInput) {
  if (!person.unitCode || person.roles.length === 0) return null;
  const unit = await trx
    .selectFrom('units')
    .select(['id', 'path'])
    .where('code', '=', person.unitCode)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!unit) return null;
  const top = await topOf(trx, unit.id);
  const known = new Set((await trx.selectFrom('fields').select('code').execute()).map((f) => f.code));
  const roles = [...person.roles].sort().map((role) => ({
    role,
    scopeUnitId: CITY_WIDE.includes(role) ? top : unit.id,
    fieldCodes: role === 'leader' ? person.fieldCodes.filter((f) => known.has(f)) : [],
  }));
  return { unitId: unit.id, roles };
}

async function topOf(trx: Transaction<Database>, unitId: number): Promise<number> {
  let id = unitId;
  for (let depth = 0; depth < 50; depth++) {
    const unit = await trx.selectFrom('units').select('parent_id').where('id', '=', id).executeTakeFirstOrThrow();
    if (unit.parent_id === null) return id;
    id = unit.parent_id;
  }
  return id;
}

const columns = ['id', 'active', 'sso_subject', 'sso_managed'] as const;

const bySubject = (trx: Transaction<Database>, subject: string) =>
  trx.selectFrom('users').select(columns).where('sso_subject', '=', subject).forUpdate().executeTakeFirst();

async function byUsername(trx: Transaction<Database>, username: string | null): Promise<Row | undefined> {
  if (!username) return undefined;
  return trx
    .selectFrom('users')
    .select(columns)
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .where('sso_subject', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

const audit = (trx: Transaction<Database>, userId: number, action: string, data: Record<string, unknown>) =>
  appendAudit(trx, { actorUserId: userId, action, entity: 'user', entityId: userId, data: { ...data, via: 'sso' } });
