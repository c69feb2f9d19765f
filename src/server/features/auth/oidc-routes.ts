import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { NotFound } from '../../errors.js';
import { SESSION_COOKIE } from '../../http/auth-hook.js';
import { SignInProviders } from '../../../shared/api/sso.js';
import type { Sso } from './oidc.js';

const PENDING_COOKIE = 'nv_sso';
const Redirect = z.null().describe('A redirect (Location header)');

/** Single sign-on routes: what the login screen offers, and the round trip to the provider. */
export function ssoRoutes(ctx: AppContext, sso: Sso | null): FastifyPluginAsyncZod {
  const secure = ctx.config.publicUrl.startsWith('https:');
  return async (app) => {
    app.get(
      '/api/auth/providers',
      {
        schema: {
          tags: ['auth'],
          summary: 'How one may sign in: password, single sign-on',
          response: { 200: SignInProviders },
        },
      },
      async () => ({
        password: ctx.config.passwordLogin,
        sso: ctx.config.sso ? { label: ctx.config.sso.label, loginUrl: '/api/auth/oidc/login' } : null,
      }),
    );

    app.get(
      '/api/auth/oidc/login',
      {
        schema: {
          tags: ['auth'],
          summary: "Begin single sign-on: to the city's OpenID provider",
          querystring: z.object({ redirect: z.string().max(2000).optional() }),
          response: { 302: Redirect },
        },
      },
      async (request, reply) => {
        if (!sso)
          throw new NotFound({ vi: 'Chưa cấu hình đăng nhập một lần.', en: 'Single sign-on is not configured.' });
        const back = request.query.redirect;
        const redirectTo = back && back.startsWith('/') && !back.startsWith('//') ? back : '/';
        try {
          const { url, key } = await sso.begin(redirectTo);
          // Lax, not Strict: the provider sends the browser back with a cross-site navigation.
          reply.setCookie(PENDING_COOKIE, key, {
            httpOnly: true,
            sameSite: 'lax',
            path: '/api/auth/oidc',
            maxAge: 600,
            secure,
          });
          return reply.redirect(url, 302);
        } catch (err) {
          request.log.error({ err }, 'single sign-on: the provider cannot be reached');
          return reply.redirect('/login?sso=unavailable', 302);
        }
      },
    );

    app.get(
      '/api/auth/oidc/callback',
      {
        schema: {
          tags: ['auth'],
          summary: 'Where the provider sends the browser back: opens the session',
          querystring: z.record(z.string(), z.string()),
          response: { 302: Redirect },
        },
      },
      async (request, reply) => {
        if (!sso)
          throw new NotFound({ vi: 'Chưa cấu hình đăng nhập một lần.', en: 'Single sign-on is not configured.' });
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
        const outcome = await sso.finish(request.cookies[PENDING_COOKIE], query);
        reply.clearCookie(PENDING_COOKIE, { path: '/api/auth/oidc' });
        if ('failed' in outcome) {
          if (outcome.error) request.log.warn({ err: outcome.error }, `single sign-on failed: ${outcome.failed}`);
          else request.log.info({ reason: outcome.failed }, 'single sign-on refused');
          return reply.redirect(`/login?sso=${outcome.failed}`, 302);
        }
        const { session, redirectTo } = outcome;
        reply.setCookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'strict',
          path: '/',
          expires: session.expiresAt,
          secure,
        });
        return reply.redirect(redirectTo, 302);
      },
    );
  };
}
