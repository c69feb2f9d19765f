import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './context.js';
import { registerAuthHook } from './http/auth-hook.js';
import { contractSerializer } from './http/contract.js';
import { databaseUnavailableBody, registerErrorHandler } from './http/error-handler.js';
import { registerInputGuard } from './http/input-guard.js';
import { registerRequestLog } from './http/request-log.js';
import { databaseRateStore } from './http/rate-limits.js';
import { registerWebApp } from './http/web-app.js';
import { inProject } from './paths.js';
import { featureRoutes } from './features/index.js';
import { registerMetrics } from './features/metrics/routes.js';
import { createMetrics, type Metrics } from './features/metrics/service.js';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Builds the HTTP app from the features; no business logic lives here. */
export async function buildApp(
  ctx: AppContext,
  options: {
    logger?: FastifyBaseLogger;
    webRoot?: string;
    metrics?: Metrics;
    /** A field an answer carries beyond its contract: dropped (production) or an error (tests). */
    undeclaredFields?: 'drop' | 'fail';
  } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // One line per request, written by http/request-log.ts; Fastify's own two are off.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: trustProxySetting(ctx.config.TRUST_PROXY),
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(contractSerializer({ undeclared: options.undeclaredFields ?? 'drop' }));
  const webRoot = options.webRoot ?? inProject('dist/web');
  const hasWebApp = fs.existsSync(path.join(webRoot, 'index.html'));
  registerErrorHandler(app, { spaFallback: hasWebApp });
  registerInputGuard(app);

  await app.register(cookie);
  await app.register(helmet, securityHeaders(ctx.config.publicUrl.startsWith('https:')));
  // Counted in the database: several app servers share each limit (http/rate-limits.ts).
  await app.register(rateLimit, { global: false, store: databaseRateStore(ctx.db) });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Nhiệm vụ API',
        version: '1.0.0',
        description: 'Giao, theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm vụ.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'nv_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // Liveness: the process answers (a load balancer or orchestrator restarts it when not).
  app.get('/api/health', { schema: { hide: true } }, async () => ({ ok: true, db: ctx.dbKind }));
  // Readiness: the database answers too (a load balancer sends no traffic here while not).
  app.get('/api/health/ready', { schema: { hide: true } }, async (_request, reply) => {
    const ready = await databaseAnswers(ctx, READY_TIMEOUT_MS);
    if (!ready) reply.status(503).header('retry-after', '5');
    return { ready, db: ctx.dbKind, ...(ready ? {} : databaseUnavailableBody()) };
  });

  registerAuthHook(app, ctx);
  if (ctx.config.LOG_REQUESTS) registerRequestLog(app);
  registerMetrics(app, ctx, options.metrics ?? createMetrics(ctx));
  for (const routes of featureRoutes(ctx)) await app.register(routes);
  if (hasWebApp) await registerWebApp(app, webRoot);
  return app;
}

/**
 * Every answer (pages, API, files) carries a Content-Security-Policy (scripts only from this
 * server, no framing, no plugins), X-Frame-Options, nosniff and a same-origin Referrer-Policy.
 * Styles may be inline: Ant Design writes its styles at run time. HSTS and the upgrade of
 * insecure requests only when the system is served over HTTPS.
 */
function securityHeaders(https: boolean) {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'same-origin' as const },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  };
}

const READY_TIMEOUT_MS = 2_000;

async function databaseAnswers(ctx: AppContext, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const query = sql`select 1`.execute(ctx.db).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function trustProxySetting(value: string | undefined): boolean | string {
  if (!value || value === 'false') return false;
  return value === 'true' ? true : value;
}
