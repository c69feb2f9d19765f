import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { principalOf, SESSION_COOKIE } from '../../http/auth-hook.js';
import { notFound } from '../../errors.js';
import * as auth from './service.js';
import { createSso } from './oidc.js';
import { ssoRoutes } from './oidc-routes.js';
import { LogoutAnswer } from '../../../shared/api/sso.js';
import { ApiToken, NewApiToken, Session } from '../../../shared/api/auth.js';
import { Ok } from '../../../shared/api/common.js';

const LoginBody = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) });
const PasswordBody = z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(8).max(200) });

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const sso = createSso(ctx);
  return async (app) => {
    await app.register(ssoRoutes(ctx, sso));
    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Log in with username and password',
          body: LoginBody,
          response: { 200: Session },
        },
      },
      async (request, reply) => {
        const { token, csrfToken, expiresAt, user } = await auth.login(ctx, {
          ...request.body,
          address: request.ip,
          previousToken: request.cookies[SESSION_COOKIE],
        });
        reply.setCookie(SESSION_COOKIE, token, sessionCookie(ctx, expiresAt));
        return { user, csrfToken };
      },
    );

    app.post(
      '/api/auth/logout',
      { schema: { tags: ['auth'], summary: 'Log out', response: { 200: LogoutAnswer } } },
      async (request, reply) => {
        const cookie = request.cookies[SESSION_COOKIE];
        const { ssoIdToken } = cookie ? await auth.logout(ctx, cookie) : { ssoIdToken: null };
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        // A session the provider opened ends there too: the browser goes on to its logout page.
        const logoutUrl = ssoIdToken && sso ? await sso.endSessionUrl(ssoIdToken) : null;
        return { ok: true as const, ...(logoutUrl ? { logoutUrl } : {}) };
      },
    );

    app.post(
      '/api/auth/logout-everywhere',
      { schema: { tags: ['auth'], summary: 'Log out of every session of mine (all browsers and devices)' } },
      async (request, reply) => {
        const ended = await auth.endSessions(ctx, principalOf(request).userId);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const, ended };
      },
    );

    app.get(
      '/api/auth/me',
      { schema: { tags: ['auth'], summary: 'The logged-in user and the CSRF token', response: { 200: Session } } },
      async (request) => {
        const principal = principalOf(request);
        const user = await auth.loadUserView(ctx.db, principal.userId);
        if (!user) throw notFound({ vi: 'người dùng', en: 'user' }, principal.userId);
        return { user, csrfToken: request.auth?.csrfToken ?? null };
      },
    );

    app.post(
      '/api/auth/password',
      { schema: { tags: ['auth'], summary: 'Change my password', body: PasswordBody, response: { 200: Ok } } },
      async (request) => {
        await auth.changePassword(
          ctx,
          principalOf(request).userId,
          request.body.currentPassword,
          request.body.newPassword,
          request.auth?.via === 'session' ? request.cookies[SESSION_COOKIE] : undefined,
        );
        return { ok: true as const };
      },
    );

    app.get(
      '/api/auth/tokens',
      { schema: { tags: ['auth'], summary: 'My API tokens', response: { 200: z.array(ApiToken) } } },
      async (request) => auth.listApiTokens(ctx, principalOf(request).userId),
    );

    app.post(
      '/api/auth/tokens',
      {
        schema: {
          tags: ['auth'],
          summary: 'Create an API token (shown once)',
          body: z.object({ name: z.string().trim().min(1).max(100) }),
          response: { 201: NewApiToken },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await auth.createApiToken(ctx, principalOf(request).userId, request.body.name)),
    );

    app.delete(
      '/api/auth/tokens/:id',
      {
        schema: {
          tags: ['auth'],
          summary: 'Revoke an API token',
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 200: Ok },
        },
      },
      async (request) => {
        if (!(await auth.revokeApiToken(ctx, principalOf(request).userId, request.params.id)))
          throw notFound({ vi: 'mã truy cập', en: 'API token' }, request.params.id);
        return { ok: true as const };
      },
    );
  };
}

/** The session cookie: unreadable by scripts, never sent cross-site, only over HTTPS when served so. */
export function sessionCookie(ctx: AppContext, expires: Date) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    path: '/',
    expires,
    secure: ctx.config.publicUrl.startsWith('https:'),
  };
}
