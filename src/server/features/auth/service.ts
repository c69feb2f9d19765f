import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
import { Forbidden, Invalid, Unauthorized } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import type { CallerCache } from './caller-cache.js';
import { loginLimiter } from './login-limiter.js';
import * as q from './queries.js';

export const hashPassword = (password: string) => hash(password);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

const badLogin = () =>
  new Unauthorized({ vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' });

/**
 * Logs in with a password. A session cookie the browser already had is ended (a new session
 * id on every login, so a planted id is worthless); failures count toward the limits.
 */
export async function login(
  ctx: AppContext,
  input: { username: string; password: string; address: string; previousToken?: string },
) {
  await loginLimiter.assertAllowed(ctx.db, input.username, input.address);
  const user = await q.findUserByUsername(ctx.db, input.username);
  // Verify even for unknown users so timing does not tell which usernames exist.
  const ok = await verify(user?.password_hash ?? DUMMY_HASH, input.password).catch(() => false);
  if (!user || !ok || !user.active) {
    await loginLimiter.recordFailure(ctx.db, input.username, input.address);
    throw badLogin();
  }
  if (ctx.config.passwordLogin === 'administrators' && !(await isAdministrator(ctx, user.id))) {
    throw new Forbidden({
      vi: 'Hãy đăng nhập bằng tài khoản đăng nhập một lần (SSO); mật khẩu chỉ dành cho quản trị viên.',
      en: 'Sign in with single sign-on; passwords are for administrators only.',
    });
  }
  await loginLimiter.recordSuccess(ctx.db, input.username, input.address);
  if (input.previousToken) await logout(ctx, input.previousToken);
  return openSession(ctx, user.id);
}

/** A new session for a user who proved who they are (password, or the single sign-on provider's ID token). */
export async function openSession(ctx: AppContext, userId: number, ssoIdToken: string | null = null) {
  const token = newToken();
  const csrfToken = newToken();
  // Sessions live in real time; the business clock (which tests move) is for dates of record.
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ctx.config.SESSION_MAX_HOURS * 3_600_000);
  await ctx.db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      last_seen_at: now,
      sso_id_token: ssoIdToken,
    })
    .execute();
  return { token, csrfToken, expiresAt, user: (await q.loadUserView(ctx.db, userId))! };
}

/** Ends every session of the user (all browsers, all devices), or all but the one given. */
export async function endSessions(ctx: AppContext, userId: number, keepToken?: string): Promise<number> {
  const res = await ctx.db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .$if(keepToken !== undefined, (qb) => qb.where('id', '!=', sha256(keepToken!)))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

async function isAdministrator(ctx: AppContext, userId: number): Promise<boolean> {
  return (await q.loadGrants(ctx.db, userId)).some((g) => g.role === 'admin');
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$RW1lc76OakKSUinT1mRzyw$iFc3uu9R6EaSmqFSw2BOyyr+k+7gGEeE7o2IeRVdRmQ';

/** Ends the session; says the ID token to hand back to the single sign-on provider, if it opened it. */
export async function logout(ctx: AppContext, token: string): Promise<{ ssoIdToken: string | null }> {
  const ended = await ctx.db
    .deleteFrom('sessions')
    .where('id', '=', sha256(token))
    .returning('sso_id_token')
    .executeTakeFirst();
  return { ssoIdToken: ended?.sso_id_token ?? null };
}

export interface Authenticated {
  principal: Principal;
  csrfToken: string | null;
  via: 'session' | 'token';
}

export type SessionCaller = NonNullable<Awaited<ReturnType<typeof q.findSessionCaller>>>;

export async function authenticateSession(
  ctx: AppContext,
  token: string,
  callers: CallerCache<SessionCaller>,
): Promise<Authenticated | null> {
  const id = sha256(token);
  const caller = await callers.get(id, () => q.findSessionCaller(ctx.db, id));
  const now = Date.now();
  if (!caller || new Date(caller.expiresAt).getTime() < now || !caller.active) return null;
  const seen = new Date(caller.lastSeenAt).getTime();
  if (now - seen > ctx.config.SESSION_IDLE_MINUTES * 60_000) {
    await ctx.db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  // Written at most once a minute: enough for an idle timeout counted in minutes.
  if (now - seen > 60_000) {
    caller.lastSeenAt = new Date(now);
    await ctx.db.updateTable('sessions').set({ last_seen_at: caller.lastSeenAt }).where('id', '=', id).execute();
  }
  return {
    principal: { userId: caller.userId, unitId: caller.unitId, grants: caller.grants },
    csrfToken: caller.csrfToken,
    via: 'session',
  };
}

export async function authenticateToken(ctx: AppContext, token: string): Promise<Authenticated | null> {
  const row = await q.findActiveToken(ctx.db, sha256(token));
  if (!row) return null;
  await ctx.db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
  const principal = await loadPrincipal(ctx, row.user_id);
  return principal && { principal, csrfToken: null, via: 'token' };
}

async function loadPrincipal(ctx: AppContext, userId: number): Promise<Principal | null> {
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'unit_id', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || !user.active) return null;
  return { userId: user.id, unitId: user.unit_id, grants: await q.loadGrants(ctx.db, user.id) };
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}

export async function changePassword(
  ctx: AppContext,
  userId: number,
  current: string,
  next: string,
  currentToken?: string,
): Promise<void> {
  const user = await ctx.db
    .selectFrom('users')
    .select(['password_hash'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if (!(await verify(user.password_hash, current).catch(() => false))) {
    throw new Invalid({ vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' }, 'currentPassword');
  }
  const passwordHash = await hashPassword(next);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
    // Whoever else held a session (a stolen cookie, a forgotten browser) is out; this one stays.
    await trx
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .$if(currentToken !== undefined, (qb) => qb.where('id', '!=', sha256(currentToken!)))
      .execute();
    await appendAudit(trx, { actorUserId: userId, action: 'password_changed', entity: 'user', entityId: userId });
  });
}

export async function createApiToken(ctx: AppContext, userId: number, name: string) {
  const token = `nv_${newToken()}`;
  const row = await ctx.db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto('api_tokens')
      .values({ user_id: userId, name, token_hash: sha256(token) })
      .returning(['id', 'name', 'created_at'])
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorUserId: userId,
      action: 'api_token_created',
      entity: 'api_token',
      entityId: created.id,
      data: { name },
    });
    return created;
  });
  return { id: row.id, name: row.name, createdAt: row.created_at, token };
}

export async function listApiTokens(ctx: AppContext, userId: number) {
  const rows = await ctx.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
}

export async function revokeApiToken(ctx: AppContext, userId: number, tokenId: number): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: ctx.clock.now() })
      .where('id', '=', tokenId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return false;
    await appendAudit(trx, {
      actorUserId: userId,
      action: 'api_token_revoked',
      entity: 'api_token',
      entityId: tokenId,
    });
    return true;
  });
}

export const loadUserView = q.loadUserView;
