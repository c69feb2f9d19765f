import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Vite names every built asset by a hash of its content: a new build gives new names. */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.(br|gz))?$/;

/**
 * The built web app (dist/web): each file sent as the `.br` or `.gz` written beside it at build
 * time when the browser accepts one; hashed assets cached for a year without revalidation
 * (their name changes with their content), the HTML revalidated on every load so a new version
 * reaches browsers at once.
 */
export async function registerWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webRoot,
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', HASHED_ASSET.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
