import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { DEMO_PASSWORD } from '../../seed/organisation.js';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';

/**
 * Sessions as a state system must keep them: ended when idle and after a fixed time, a new id
 * on every login, ended everywhere on request or on a password change, failed logins limited
 * by account and address in the database (two app servers share the count), secure cookies
 * and security headers on every answer.
 */
let h: TestApp;
let second: FastifyInstance;
let https: FastifyInstance;

beforeAll(async () => {
  h = await createTestApp({ today: '2026-05-04' });
  // A second app server on the same database, as behind a load balancer.
  second = await buildApp(h.t, { webRoot: '/nonexistent' });
  https = await buildApp(
    { ...h.t, config: { ...h.t.config, publicUrl: 'https://nhiemvu.hanoi.gov.vn' } },
    {
      webRoot: '/nonexistent',
    },
  );
});
afterAll(async () => {
  await second?.close();
  await https?.close();
  await h?.close();
});

async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD, remoteAddress = '10.1.1.1') {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress,
  });
  const cookie = res.cookies.find((c) => c.name === 'nv_session');
  return { res, token: cookie?.value ?? '', cookie, csrf: res.statusCode === 200 ? res.json().csrfToken : '' };
}
const me = (app: FastifyInstance, token: string) =>
  app.inject({ method: 'GET', url: '/api/auth/me', cookies: { nv_session: token } }).then((r) => r.statusCode);
const sessionId = (token: string) =>
  import('node:crypto').then((c) => c.createHash('sha256').update(token).digest('hex'));

describe('sessions', () => {
  it('end after the idle time and at the absolute end, on every app server', async () => {
    const a = await login(h.app, 'vanthu.badinh');
    expect(await me(h.app, a.token)).toBe(200);
    expect(await me(second, a.token)).toBe(200);
    // Touching expires_at too sends the change notice, as any real change of a session would.
    await h.t.db
      .updateTable('sessions')
      .set((eb) => ({ last_seen_at: new Date(Date.now() - 31 * 60_000), expires_at: eb.ref('expires_at') }))
      .where('id', '=', await sessionId(a.token))
      .execute();
    // Each server forgets its cached callers when the change notice reaches it: at once on PGlite,
    // within moments on PostgreSQL (LISTEN/NOTIFY is delivered asynchronously).
    const heard = { timeout: 5_000, interval: 50 };
    await expect.poll(() => me(second, a.token), heard).toBe(401);
    await expect.poll(() => me(h.app, a.token), heard).toBe(401);

    const b = await login(h.app, 'vanthu.badinh');
    const expires = new Date(b.cookie!.expires!).getTime();
    expect(expires - Date.now()).toBeLessThanOrEqual(12 * 3_600_000);
    expect(expires - Date.now()).toBeGreaterThan(11 * 3_600_000);
    await h.t.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', await sessionId(b.token))
      .execute();
    await expect.poll(() => me(h.app, b.token), heard).toBe(401);
  });

  it('get a new id on login, and the one the browser had ends', async () => {
    const first = await login(h.app, 'truongphong.badinh');
    const again = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'truongphong.badinh', password: DEMO_PASSWORD },
      cookies: { nv_session: first.token },
      remoteAddress: '10.1.1.2',
    });
    const next = again.cookies.find((c) => c.name === 'nv_session')!.value;
    expect(next).not.toBe(first.token);
    expect(await me(h.app, first.token)).toBe(401);
    expect(await me(h.app, next)).toBe(200);
  });

  it('end everywhere on request, and all others on a password change', async () => {
    const a = await login(h.app, 'canbo.badinh');
    const b = await login(second, 'canbo.badinh');
    const out = await h.app.inject({
      method: 'POST',
      url: '/api/auth/logout-everywhere',
      cookies: { nv_session: a.token },
      headers: { 'x-csrf-token': a.csrf },
    });
    expect(out.statusCode).toBe(200);
    expect(out.json().ended).toBe(2);
    expect(await me(h.app, a.token)).toBe(401);
    expect(await me(second, b.token)).toBe(401);

    const c = await login(h.app, 'canbo.badinh');
    const d = await login(second, 'canbo.badinh');
    const changed = await h.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'Mật-khẩu-mới-2026!' },
      cookies: { nv_session: c.token },
      headers: { 'x-csrf-token': c.csrf },
    });
    expect(changed.statusCode).toBe(200);
    expect(await me(h.app, c.token)).toBe(200);
    expect(await me(second, d.token)).toBe(401);
  });

  it("an administrator's reset ends the sessions and revokes the API tokens", async () => {
    const staff = await h.as('vanthu.sxd');
    const token = (await staff.post('/api/auth/tokens', { name: 'tích hợp' })).body.token;
    const bearer = () =>
      h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect((await bearer()).statusCode).toBe(200);
    const admin = await h.as('admin');
    const user = (await admin.get(`/api/users/${staff.userId}`)).body;
    const reset = await admin.request('PATCH', `/api/users/${staff.userId}`, {
      version: user.version,
      password: 'Đặt-lại-2026-an-toàn',
    });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect((await bearer()).statusCode).toBe(401);
    expect((await staff.get('/api/auth/me')).status).toBe(401);
  });
});

describe('failed logins', () => {
  it('are limited by account and address across app servers, without locking out the office', async () => {
    const office = '10.20.30.40';
    const codes: number[] = [];
    for (const app of [h.app, second, h.app, second, h.app, second])
      codes.push((await login(app, 'giamdoc.sxd', 'sai-mat-khau', office)).res.statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    const blocked = await login(h.app, 'giamdoc.sxd', DEMO_PASSWORD, office);
    expect(blocked.res.statusCode).toBe(429);
    expect(blocked.res.json().error.message.vi).toMatch(/thử lại sau 15 phút/);
    expect(Number(blocked.res.headers['retry-after'])).toBeGreaterThan(800);
    // Colleagues behind the same address log in; the same person from elsewhere too.
    expect((await login(second, 'vanthu.hoankiem', DEMO_PASSWORD, office)).res.statusCode).toBe(200);
    expect((await login(second, 'giamdoc.sxd', DEMO_PASSWORD, '10.20.30.41')).res.statusCode).toBe(200);
  });
});

describe('headers and cookies', () => {
  it('every answer carries the security headers; downloads are attachments', async () => {
    for (const url of ['/api/health', '/api/auth/me', '/api/nothing-here', '/portal']) {
      const res = await h.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      // The portal's pages narrow the policy further (default-src 'none').
      expect(csp, url).toMatch(url === '/portal' ? /default-src 'none'/ : /script-src 'self'.*object-src 'none'/);
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
    const clerk = await h.as('vanthu.badinh');
    const up = await clerk.upload('/api/files', 'bao-cao.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    const file = await h.app.inject({ method: 'GET', url: `/api/files/${up.body.id}`, cookies: clerk.cookies });
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
  });

  it('the session cookie is HttpOnly and SameSite=Strict, and Secure with HSTS over HTTPS', async () => {
    const plain = await login(h.app, 'vanthu.hoankiem');
    expect(plain.cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(plain.cookie!.secure).toBeFalsy();
    const secure = await login(https, 'vanthu.hoankiem');
    expect(secure.cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true });
    expect(secure.res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(String(secure.res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });
});
