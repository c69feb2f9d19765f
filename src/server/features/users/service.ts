import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { hasRole, type Principal } from '../../domain/access.js';
import { Conflict, Invalid, notAllowed, notFound, staleVersion } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { hashPassword } from '../auth/service.js';
import * as q from './queries.js';

export type { RoleGrantInput, UserSummary } from './queries.js';

const USER = { vi: 'người dùng', en: 'User' };

/**
 * Whom the caller may list: administrators everyone; a unit's head and clerk the users of
 * their scope subtree, so they can hand tasks down to staff; nobody else.
 */
function listableScopes(p: Principal): string[] | null {
  if (hasRole(p, 'admin')) return null;
  const scopes = p.grants.filter((g) => g.role === 'unit_head' || g.role === 'clerk').map((g) => g.scopePath);
  if (scopes.length === 0) throw notAllowed();
  return scopes;
}

export interface UserQuery {
  unitId?: number;
  q?: string;
  includeInactive: boolean;
  limit: number;
}

export async function listUsers(ctx: AppContext, p: Principal, query: UserQuery): Promise<q.UserSummary[]> {
  const scopePaths = listableScopes(p);
  let unitPath: string | undefined;
  if (query.unitId !== undefined) {
    const unit = await ctx.db.selectFrom('units').select('path').where('id', '=', query.unitId).executeTakeFirst();
    if (!unit)
      throw new Invalid(
        { vi: `Đơn vị #${query.unitId} không tồn tại.`, en: `Unit #${query.unitId} does not exist.` },
        'unitId',
      );
    unitPath = unit.path;
  }
  // Only administrators manage accounts, so only they see deactivated ones.
  const includeInactive = scopePaths === null && query.includeInactive;
  return q.listUsers(ctx.db, { scopePaths, unitPath, q: query.q, includeInactive, limit: query.limit });
}

/** Leaders are named on tasks as the one directing them: every logged-in user may see who they are. */
export const listLeaders = (ctx: AppContext) => q.listLeaders(ctx.db);

export async function getUser(ctx: AppContext, p: Principal, id: number): Promise<q.UserSummary> {
  const scopePaths = listableScopes(p);
  const user = await q.findUserSummary(ctx.db, id);
  const unitPath =
    user &&
    (await ctx.db.selectFrom('units').select('path').where('id', '=', user.unit.id).executeTakeFirstOrThrow()).path;
  // A user outside the caller's scope is reported as missing, so ids cannot be probed.
  if (!user || (scopePaths && !scopePaths.some((s) => unitPath!.startsWith(s)))) throw notFound(USER, id);
  return user;
}

export interface NewUserInput {
  username: string;
  fullName: string;
  email?: string | null;
  title?: string | null;
  unitId: number;
  password: string;
  roles: q.RoleGrantInput[];
}

export async function createUser(ctx: AppContext, p: Principal, input: NewUserInput): Promise<q.UserSummary> {
  if (!hasRole(p, 'admin')) throw notAllowed();
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    if (await q.findUserByUsername(trx, input.username)) {
      throw new Conflict(
        { vi: `Tên đăng nhập "${input.username}" đã được dùng.`, en: `Username "${input.username}" is already taken.` },
        'username',
      );
    }
    await checkUnit(trx, input.unitId);
    await checkRoles(trx, input.roles);
    const { id } = await trx
      .insertInto('users')
      .values({
        username: input.username,
        full_name: input.fullName,
        email: input.email ?? null,
        title: input.title ?? null,
        unit_id: input.unitId,
        password_hash: passwordHash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await q.replaceRoles(trx, id, input.roles);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'user_created',
      entity: 'user',
      entityId: id,
      data: { username: input.username, unitId: input.unitId, roles: input.roles },
    });
    return (await q.findUserSummary(trx, id))!;
  });
}

export interface UserPatch {
  fullName?: string;
  email?: string | null;
  title?: string | null;
  unitId?: number;
  active?: boolean;
  roles?: q.RoleGrantInput[];
  password?: string;
  version: number;
}

export async function updateUser(ctx: AppContext, p: Principal, id: number, patch: UserPatch): Promise<q.UserSummary> {
  if (!hasRole(p, 'admin')) throw notAllowed();
  if (id === p.userId) assertNoSelfLockout(patch);
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  return ctx.db.transaction().execute(async (trx) => {
    const user = await q.lockUser(trx, id);
    if (!user) throw notFound(USER, id);
    if (patch.version !== user.version) throw staleVersion();
    if (patch.unitId !== undefined && patch.unitId !== user.unit_id) await checkUnit(trx, patch.unitId);
    if (patch.roles) await checkRoles(trx, patch.roles);
    const set = {
      ...(patch.fullName !== undefined ? { full_name: patch.fullName } : {}),
      ...(patch.email !== undefined ? { email: patch.email } : {}),
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.unitId !== undefined ? { unit_id: patch.unitId } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(passwordHash ? { password_hash: passwordHash } : {}),
    };
    await trx
      .updateTable('users')
      .set({ ...set, version: user.version + 1 })
      .where('id', '=', id)
      .execute();
    if (patch.roles) await q.replaceRoles(trx, id, patch.roles);
    if (patch.active === false || passwordHash) {
      await q.endSessions(trx, id);
      await q.revokeTokens(trx, id, new Date());
    }
    const { password: _password, version: _version, ...visible } = patch;
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'user_updated',
      entity: 'user',
      entityId: id,
      data: { changes: visible, passwordReset: Boolean(passwordHash) },
    });
    return (await q.findUserSummary(trx, id))!;
  });
}

/** An administrator cannot lock themself out: deactivating or un-adminning oneself is refused. */
function assertNoSelfLockout(patch: UserPatch): void {
  if (patch.active === false) {
    throw new Invalid(
      { vi: 'Không thể tự khóa tài khoản của chính mình.', en: 'You cannot deactivate your own account.' },
      'active',
    );
  }
  if (patch.roles && !patch.roles.some((r) => r.role === 'admin')) {
    throw new Invalid(
      { vi: 'Không thể tự bỏ quyền quản trị của chính mình.', en: 'You cannot remove your own administrator role.' },
      'roles',
    );
  }
}

async function checkUnit(trx: Transaction<Database>, unitId: number): Promise<void> {
  const unit = await trx.selectFrom('units').select(['id', 'active']).where('id', '=', unitId).executeTakeFirst();
  if (!unit?.active)
    throw new Invalid(
      {
        vi: `Đơn vị #${unitId} không tồn tại hoặc đã ngừng hoạt động.`,
        en: `Unit #${unitId} does not exist or is inactive.`,
      },
      'unitId',
    );
}

async function checkRoles(trx: Transaction<Database>, roles: q.RoleGrantInput[]): Promise<void> {
  const units = await trx
    .selectFrom('units')
    .select('id')
    .where('id', 'in', [0, ...roles.map((r) => r.scopeUnitId)])
    .execute();
  const fields = await trx.selectFrom('fields').select('code').execute();
  const unitIds = new Set(units.map((u) => u.id));
  const fieldCodes = new Set(fields.map((f) => f.code));
  const seen = new Set<string>();
  for (const [i, r] of roles.entries()) {
    if (!unitIds.has(r.scopeUnitId)) {
      throw new Invalid(
        {
          vi: `Vai trò thứ ${i + 1}: đơn vị phạm vi #${r.scopeUnitId} không tồn tại.`,
          en: `Role ${i + 1}: scope unit #${r.scopeUnitId} does not exist.`,
        },
        `roles.${i}.scopeUnitId`,
      );
    }
    const unknown = r.fieldCodes.filter((c) => !fieldCodes.has(c));
    if (unknown.length) {
      throw new Invalid(
        {
          vi: `Vai trò thứ ${i + 1}: lĩnh vực không tồn tại: ${unknown.join(', ')}.`,
          en: `Role ${i + 1}: unknown fields: ${unknown.join(', ')}.`,
        },
        `roles.${i}.fieldCodes`,
      );
    }
    const key = `${r.role}@${r.scopeUnitId}`;
    if (seen.has(key))
      throw new Invalid({ vi: `Vai trò thứ ${i + 1} bị trùng.`, en: `Role ${i + 1} is a duplicate.` }, `roles.${i}`);
    seen.add(key);
  }
}

export { accountForSsoPerson, type SsoAccount, type SsoPersonInput, type SsoRefusal } from './sso-accounts.js';
