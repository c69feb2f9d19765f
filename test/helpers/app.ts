import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { DEMO_PASSWORD } from '../../src/server/seed/organisation.js';
import { verifyAuditChain } from '../../src/server/features/audit/service.js';
import { createTestDb, type TestDb } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  t: TestDb;
  /** Logs in a demo user and returns a client that sends its cookie and CSRF token. */
  as(username: string): Promise<Client>;
  close(): Promise<void>;
}

export interface Client {
  userId: number;
  /** The session cookie and CSRF header, for requests made with app.inject directly. */
  cookies: Record<string, string>;
  headers: Record<string, string>;
  request(method: InjectOptions['method'], url: string, body?: unknown): Promise<{ status: number; body: any }>;
  get(url: string): Promise<{ status: number; body: any }>;
  post(url: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** POSTs a file as multipart/form-data (field "file"). */
  upload(url: string, name: string, content: Buffer): Promise<{ status: number; body: any }>;
}

const auditTampered = new WeakSet<TestDb>();
/** A test that changes audit rows behind the app's back says so: its file's close does not verify the chain. */
export const tamperedAudit = (t: TestDb) => auditTampered.add(t);

export async function createTestApp(options: { today?: string } = {}): Promise<TestApp> {
  const t = await createTestDb(options);
  const app = await buildApp(t, { webRoot: '/nonexistent', undeclaredFields: 'fail' });
  const clients = new Map<string, Client>();
  return {
    app,
    t,
    async as(username) {
      const cached = clients.get(username);
      if (cached) return cached;
      // Each user logs in from its own address, as people do: the login rate limit is per address.
      const remoteAddress = `127.0.1.${clients.size + 1}`;
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: DEMO_PASSWORD },
        remoteAddress,
      });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'nv_session')!;
      const { csrfToken, user } = res.json();
      const request: Client['request'] = async (method, url, body) => {
        const r = await app.inject({
          method,
          url,
          payload: body as InjectOptions['payload'],
          cookies: { nv_session: cookie.value },
          headers: { 'x-csrf-token': csrfToken },
        });
        return { status: r.statusCode, body: r.body ? safeJson(r.body) : null };
      };
      const upload: Client['upload'] = async (url, name, content) => {
        const boundary = `----nvtest${Date.now()}`;
        const payload = Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
          ),
          content,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        const r = await app.inject({
          method: 'POST',
          url,
          payload,
          cookies: { nv_session: cookie.value },
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': csrfToken },
        });
        return { status: r.statusCode, body: r.body ? safeJson(r.body) : null };
      };
      const client: Client = {
        userId: user.id,
        cookies: { nv_session: cookie.value },
        headers: { 'x-csrf-token': csrfToken },
        request,
        get: (url) => request('GET', url),
        post: (url, body) => request('POST', url, body ?? {}),
        upload,
      };
      clients.set(username, client);
      return client;
    },
    async close() {
      try {
        // Whatever the file wrote, the audit chain still verifies (unless the file broke it on purpose).
        if (!auditTampered.has(t)) {
          const check = await verifyAuditChain(t.db);
          if (!check.ok) throw new Error(`audit chain broken at row ${check.firstBrokenId}: ${JSON.stringify(check)}`);
        }
      } finally {
        await app.close();
        await t.close();
      }
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
