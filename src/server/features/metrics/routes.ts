import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { Forbidden, NotFound } from '../../errors.js';
import { MetricsText, OperationsError } from '../../../shared/api/operations.js';
import type { Metrics } from './service.js';

/**
 * GET /metrics for Prometheus, and the timing of every request. Off unless METRICS_TOKEN or
 * METRICS_ALLOW is set; then a caller needs the token (`Authorization: Bearer …`) or an address
 * in the list. An address is only believed when it is the client's own: with a proxy in front
 * (X-Forwarded-For) it must be a trusted one (TRUST_PROXY), or every visitor would arrive from
 * the proxy's allowed address.
 */
export function registerMetrics(app: FastifyInstance, ctx: AppContext, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(request.method, routeLabel(request), reply.statusCode, reply.elapsedTime / 1000);
  });
  const allowed = allowList(ctx.config.METRICS_ALLOW);
  const token = ctx.config.METRICS_TOKEN;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/metrics',
    {
      schema: {
        hide: true,
        response: { 200: MetricsText, 403: OperationsError, 404: OperationsError },
      },
    },
    async (request, reply) => {
      if (!token && ctx.config.METRICS_ALLOW.length === 0) {
        throw new NotFound({
          vi: 'Chưa bật số liệu giám sát (đặt METRICS_TOKEN hoặc METRICS_ALLOW).',
          en: 'Metrics are off (set METRICS_TOKEN or METRICS_ALLOW).',
        });
      }
      if (!hasToken(request, token) && !addressAllowed(request, allowed, Boolean(ctx.config.TRUST_PROXY))) {
        throw new Forbidden({
          vi: 'Chỉ máy giám sát được đọc số liệu này.',
          en: 'Only the monitoring server may read these metrics.',
        });
      }
      const text = await metrics.scrape();
      return reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store').send(text);
    },
  );
}

/** The route's pattern; the built web app's files count as one route, as do URLs matching none. */
function routeLabel(request: FastifyRequest): string {
  const route = request.routeOptions.url;
  if (!route) return 'unmatched';
  return route.startsWith('/api/') || route === '/metrics' ? route : 'web app';
}

function hasToken(request: FastifyRequest, token: string | undefined): boolean {
  const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!token || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function addressAllowed(request: FastifyRequest, allowed: BlockList, trustProxy: boolean): boolean {
  if (request.headers['x-forwarded-for'] !== undefined && !trustProxy) return false;
  const address = request.ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
  const family = isIP(address);
  return family !== 0 && allowed.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

function allowList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}
