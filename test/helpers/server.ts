import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { seedDemo } from '../../src/server/seed/demo.js';
import { createTestDb, type TestDb } from './db.js';

export interface TestServer {
  url: string;
  t: TestDb;
  app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * A real HTTP server on a random port over a fresh demo database (PGlite in memory, or a new
 * PostgreSQL database when DATABASE_URL is set), serving the built web app from dist/web.
 */
export async function startTestServer(options: { historyTasks?: number; today?: string } = {}): Promise<TestServer> {
  const t = await createTestDb({ seed: false, today: options.today });
  await seedDemo(t, { historyTasks: options.historyTasks ?? 300 });
  const app = await buildApp(t, { webRoot: path.resolve('dist/web'), undeclaredFields: 'fail' });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    t,
    app,
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}
