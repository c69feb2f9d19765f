import type { FastifyInstance } from 'fastify';

/**
 * One structured line per answered request (Fastify's own two per request are off): the
 * route's pattern rather than its URL, so feed tokens in paths and search words in query
 * strings stay out of the log; the path only when no route matched. Built assets are logged
 * at debug level: a page load fetches a dozen.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    const asset = !request.url.startsWith('/api/') && request.url.startsWith('/assets/');
    const entry = {
      method: request.method,
      route: route ?? null,
      ...(route ? {} : { path: request.url.split('?')[0] }),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      user: request.auth?.principal.userId ?? null,
      ip: request.ip,
    };
    if (asset) request.log.debug(entry, 'request');
    else request.log.info(entry, 'request');
  });
}
