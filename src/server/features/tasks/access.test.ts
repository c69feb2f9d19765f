import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../seed/organisation.js';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';

/**
 * Access control, enumerated: every API route refuses anonymous callers, and every task
 * endpoint × every role does what DESIGN.md §1 allows for a task of Quận Ba Đình.
 */
let h: TestApp;
let taskId: number;
let version: number;

beforeAll(async () => {
  h = await createTestApp({ today: '2026-05-04' });
  const officer = await h.as('chuyenvien');
  const unit = (c: string) => h.t.org.unitIds.get(c)!;
  const doc = await officer.post('/api/documents', {
    numberSymbol: '99/UBND-ĐT',
    kind: 'Kế hoạch',
    issuerUnitId: unit('UBND'),
    issuedOn: '2026-05-04',
    summary: 'Kế hoạch chỉnh trang đô thị',
    tasks: [
      {
        content: 'Chỉnh trang vỉa hè tuyến phố',
        leadUnitId: unit('Q.BADINH'),
        coordinatingUnitIds: [unit('SXD')],
        fieldCode: 'xay_dung',
        deadline: { kind: 'fixed', date: '2026-06-30' },
      },
    ],
  });
  taskId = doc.body.tasks[0].id;
  version = doc.body.tasks[0].version;
});
afterAll(async () => h?.close());

const PUBLIC = new Set([
  '/api/auth/login',
  '/api/auth/logout',
  '/api/health',
  '/api/health/ready',
  '/api/openapi.json',
  // Signing in: how one may, and the round trip to the single sign-on provider.
  '/api/auth/providers',
  '/api/auth/oidc/login',
  '/api/auth/oidc/callback',
]);
// Public by design: the citizens' portal, and calendar feeds opened by their secret token.
const PUBLIC_PREFIXES = ['/api/portal', '/api/calendar-feeds/'];
const isPublic = (path: string) => PUBLIC.has(path) || PUBLIC_PREFIXES.some((p) => path.startsWith(p));

describe('every API route requires a login', () => {
  it('answers 401 to an anonymous caller on each route', async () => {
    const routes: { method: string; url: string }[] = [];
    const seen = new Set<string>();
    // Fastify keeps routes in its OpenAPI document: use it as the list of endpoints.
    const spec = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const [path, ops] of Object.entries<Record<string, unknown>>(spec.paths)) {
      for (const method of Object.keys(ops)) {
        const url = path.replace(/\{[^}]+\}/g, '1');
        if (isPublic(path) || seen.has(`${method} ${url}`)) continue;
        seen.add(`${method} ${url}`);
        routes.push({ method: method.toUpperCase(), url });
      }
    }
    expect(routes.length).toBeGreaterThan(15);
    for (const r of routes) {
      const res = await h.app.inject({
        method: r.method as 'GET',
        url: r.url,
        payload: r.method === 'GET' ? undefined : {},
      });
      expect([401, 400], `${r.method} ${r.url} → ${res.statusCode}`).toContain(res.statusCode);
      if (res.statusCode === 400) {
        // Validation may run before the handler; the handler must still refuse without a login.
        expect(res.json().error.code, `${r.method} ${r.url}`).toBe('validation');
      }
    }
  });
});

/** Who sees the task, who acts for the lead unit, who decides for the assigner. */
const SEES = new Set([
  'admin',
  'chuyenvien',
  'lanhdao',
  'vanthu.badinh',
  'truongphong.badinh',
  'vanthu.sxd',
  'giamdoc.sxd',
  'thanhtra.snv',
]);
const LEAD_SIDE = new Set(['vanthu.badinh', 'truongphong.badinh']);

describe('task endpoints × roles', () => {
  it.each(DEMO_USERS.map((u) => u.username))('%s', async (username) => {
    const c = await h.as(username);
    const detail = await c.get(`/api/tasks/${taskId}`);
    const list = await c.get('/api/tasks?limit=200');
    if (!SEES.has(username)) {
      expect(detail.status).toBe(404);
      expect(list.body.items.map((t: { id: number }) => t.id)).not.toContain(taskId);
      for (const action of ['receive', 'progress', 'completion', 'comments', 'withdraw', 'urge']) {
        const res = await c.post(`/api/tasks/${taskId}/${action}`, {
          version,
          text: 'x',
          note: 'x',
          percent: 10,
          reason: 'lý do',
        });
        expect(res.status, `${username} ${action}`).toBe(404);
      }
      return;
    }
    expect(detail.status).toBe(200);
    expect(list.body.items.map((t: { id: number }) => t.id)).toContain(taskId);
    const allowed: string[] = detail.body.allowedActions;
    expect(allowed.includes('receive') || allowed.includes('progress')).toBe(LEAD_SIDE.has(username));
    expect(allowed.includes('withdraw')).toBe(username === 'chuyenvien' || username === 'lanhdao');
    const receive = await c.post(`/api/tasks/${taskId}/receive`, { version });
    if (username === 'vanthu.badinh') {
      expect(receive.status).toBe(200);
      version = receive.body.version;
    } else if (LEAD_SIDE.has(username)) {
      // Already received by the clerk: the head acts for the same unit, so it is a state conflict.
      expect(receive.status).toBe(409);
    } else {
      expect(receive.status).toBe(403);
    }
  });

  it("does not let a district clerk read another district's list through filters", async () => {
    const c = await h.as('vanthu.hoankiem');
    const res = await c.get(`/api/tasks?unitId=${h.t.org.unitIds.get('Q.BADINH')}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(0);
    const stats = await c.get('/api/stats?groupBy=lead_unit');
    expect(stats.body.rows.every((r: { code: string }) => r.code === 'Q.HOANKIEM')).toBe(true);
  });

  it('refuses cookie writes without the CSRF token', async () => {
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'vanthu.badinh', password: 'demo1234' },
    });
    const cookie = login.cookies.find((x) => x.name === 'nv_session')!.value;
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/tasks/${taskId}/comments`,
      payload: { text: 'xin chào' },
      cookies: { nv_session: cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message.en).toMatch(/CSRF/);
  });

  it('accepts an API token instead of a session, without CSRF', async () => {
    const c = await h.as('chuyenvien');
    const created = await c.post('/api/auth/tokens', { name: 'tích hợp' });
    expect(created.status).toBe(201);
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/tasks/${taskId}/comments`,
      payload: { text: 'qua API' },
      headers: { authorization: `Bearer ${created.body.token}` },
    });
    expect(res.statusCode).toBe(200);
    await c.request('DELETE', `/api/auth/tokens/${created.body.id}`);
    const revoked = await h.app.inject({
      method: 'GET',
      url: '/api/tasks',
      headers: { authorization: `Bearer ${created.body.token}` },
    });
    expect(revoked.statusCode).toBe(401);
  });

  it('limits failed logins per address, not successful ones', async () => {
    const login = (password: string, remoteAddress: string) =>
      h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password }, remoteAddress });
    for (let i = 0; i < 8; i++) expect((await login('demo1234', '10.9.9.8')).statusCode).toBe(200);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await login('wrong', '10.9.9.9')).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    const blocked = await login('demo1234', '10.9.9.9');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.message.vi).toMatch(/thử lại/);
    expect((await login('demo1234', '10.9.9.7')).statusCode).toBe(200);
  });
});
