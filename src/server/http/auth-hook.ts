import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { Principal } from '../domain/access.js';
import { Forbidden, Unauthorized } from '../errors.js';
import { CallerCache } from '../features/auth/caller-cache.js';
import {
  authenticateSession,
  authenticateToken,
  csrfMatches,
  type Authenticated,
  type SessionCaller,
} from '../features/auth/service.js';

export const SESSION_COOKIE = 'nv_session';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Logging in cannot carry a CSRF token yet; the SameSite=Strict cookie covers it.
const CSRF_EXEMPT = new Set(['/api/auth/login']);

/** Resolves the caller from the session cookie or a bearer token, and checks CSRF on cookie writes. */
export function registerAuthHook(app: FastifyInstance, ctx: AppContext): void {
  const callers = new CallerCache<SessionCaller>();
  const stopListening = ctx.listen(CALLER_CHANGES, {
    notice: () => callers.forget(),
    listening: (yes) => callers.setListening(yes),
  });
  app.addHook('onClose', async () => stopListening());
  // The writer's next request must see its own change before the notice comes back.
  app.addHook('onSend', async (request) => {
    if (UNSAFE.has(request.method)) callers.forget();
  });
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    request.auth = await resolveCaller(ctx, request, callers);
    const path = request.url.split('?')[0] ?? '';
    if (request.auth?.via === 'session' && UNSAFE.has(request.method) && !CSRF_EXEMPT.has(path)) {
      const given = request.headers['x-csrf-token'];
      if (!csrfMatches(request.auth.csrfToken ?? '', typeof given === 'string' ? given : undefined)) {
        throw new Forbidden({
          vi: 'Thiếu hoặc sai mã chống giả mạo (CSRF). Hãy tải lại trang.',
          en: 'Missing or wrong CSRF token. Reload the page.',
        });
      }
    }
  });
}

/** The channel of migration 0008's triggers. */
const CALLER_CHANGES = 'nv_callers';

async function resolveCaller(
  ctx: AppContext,
  request: FastifyRequest,
  callers: CallerCache<SessionCaller>,
): Promise<Authenticated | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return authenticateToken(ctx, header.slice(7).trim());
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? authenticateSession(ctx, cookie, callers) : null;
}

/** The caller, or 401: every non-public route starts with this. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.auth) throw new Unauthorized({ vi: 'Vui lòng đăng nhập.', en: 'Please log in.' });
  return request.auth.principal;
}
