/**
 * An app server in its own process (`main.ts serve`, as production runs it, through tsx), for
 * the tests that stop its database, put several behind a load balancer or kill one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { DEMO_PASSWORD } from '../../src/server/seed/organisation.js';

export interface AppProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  alive(): boolean;
  exited: Promise<number | null>;
  /** SIGTERM and wait (graceful), or SIGKILL. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startAppProcess(env: Record<string, string>, port: number): Promise<AppProcess> {
  const script = path.resolve('src/server/main.ts');
  const merged = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    LOG_FILE: 'stdout',
    LOG_REQUESTS: 'false',
    ...env,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', script, 'serve'], {
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (c, signal) => {
      code = c ?? (signal ? -1 : null);
      resolve(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (code !== undefined) throw new Error(`app server exited (${code}):\n${out}`);
    if (/is running at/.test(out)) break;
    if (i > 600) throw new Error(`app server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    output: () => out,
    alive: () => code === undefined,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (code === undefined) child.kill(signal);
      return exited;
    },
  };
}

export interface HttpSession {
  userId: number;
  csrfToken: string;
  request(method: string, url: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }>;
}

/** Logs in a demo user over real HTTP and keeps the session cookie and CSRF token. */
export async function loginOver(base: string | (() => string), username: string): Promise<HttpSession> {
  const at = typeof base === 'string' ? () => base : base;
  const res = await fetch(`${at()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
  const { csrfToken, user } = (await res.json()) as { csrfToken: string; user: { id: number } };
  return {
    userId: user.id,
    csrfToken,
    request: async (method, url, body) => {
      const r = await fetch(`${at()}${url}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      return { status: r.status, body: parsed, headers: r.headers };
    },
  };
}
