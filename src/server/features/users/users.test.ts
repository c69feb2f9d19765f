import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { createTestApp, type Client as FullClient, type TestApp } from '../../../../test/helpers/app.js';

/** Logged in from its own address; no uploads here. */
type Client = Omit<FullClient, 'upload'>;

let t: TestApp;
const unitId = (code: string) => t.t.org.unitIds.get(code)!;
const userId = (username: string) => t.t.org.userIds.get(username)!;
const names = (body: { username: string }[]) => body.map((u) => u.username).sort();

beforeAll(async () => {
  t = await createTestApp({ today: '2026-03-02' });
});
afterAll(async () => t?.close());

// This file logs in more users than the login rate limit allows from one address in a minute,
// so each login comes from its own address.
let addresses = 0;
const logIn = (username: string, password = 'demo1234') =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: `10.9.0.${++addresses}`,
  });

const clients = new Map<string, Client>();
async function as(username: string): Promise<Client> {
  if (clients.has(username)) return clients.get(username)!;
  const res = await logIn(username);
  expect(res.statusCode, res.body).toBe(200);
  const cookies = { nv_session: res.cookies.find((c) => c.name === 'nv_session')!.value };
  const { csrfToken, user } = res.json();
  const request: Client['request'] = async (method, url, body) => {
    const r = await t.app.inject({
      method,
      url,
      payload: body as InjectOptions['payload'],
      cookies,
      headers: { 'x-csrf-token': csrfToken },
    });
    return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
  };
  const client: Client = {
    userId: user.id,
    cookies,
    headers: { 'x-csrf-token': csrfToken },
    request,
    get: (url) => request('GET', url),
    post: (url, b) => request('POST', url, b ?? {}),
    download: async (url) => {
      const r = await t.app.inject({ method: 'GET', url, cookies });
      return { status: r.statusCode, type: String(r.headers['content-type'] ?? ''), bytes: r.rawPayload };
    },
  };
  clients.set(username, client);
  return client;
}

const newUser = () => ({
  username: 'canbo2.badinh',
  fullName: 'Trịnh Văn Đức',
  email: 'duc@hanoi.gov.vn',
  unitId: unitId('Q.BADINH.TNMT'),
  password: 'mat-khau-moi-1',
  roles: [{ role: 'staff', scopeUnitId: unitId('Q.BADINH.TNMT'), fieldCodes: [] }],
});

describe('GET /api/users', () => {
  it('shows the administrator everyone, without password hashes', async () => {
    const res = await (await as('admin')).get('/api/users');
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(expect.arrayContaining(['admin', 'chuyenvien', 'vanthu.sxd', 'canbo.badinh']));
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|password/i);
    expect(res.body.find((u: { username: string }) => u.username === 'lanhdao')).toMatchObject({
      fullName: 'Trần Văn Minh',
      unit: { code: 'UBND' },
      active: true,
      roles: [
        { role: 'leader', scopeUnitId: unitId('UBND'), fieldCodes: ['xay_dung', 'giao_thong', 'quy_hoach', 'dat_dai'] },
      ],
    });
  });

  it("shows a district's clerk only the users of the district's subtree", async () => {
    const res = await (await as('vanthu.badinh')).get('/api/users');
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(['canbo.badinh', 'truongphong.badinh', 'vanthu.badinh']);
    const division = await (await as('truongphong.badinh')).get(`/api/users?unitId=${unitId('Q.BADINH.QLDT')}`);
    expect(names(division.body)).toEqual(['canbo.badinh']);
  });

  it('refuses staff, officers and leaders with 403', async () => {
    for (const username of ['canbo.badinh', 'chuyenvien', 'lanhdao']) {
      expect((await (await as(username)).get('/api/users')).status).toBe(403);
    }
  });

  it('finds names without their diacritics', async () => {
    const admin = await as('admin');
    expect(names((await admin.get(`/api/users?q=${encodeURIComponent('tran van minh')}`)).body)).toEqual(['lanhdao']);
    expect(names((await admin.get(`/api/users?q=${encodeURIComponent('ĐỖ MINH')}`)).body)).toEqual(['canbo.badinh']);
    expect(names((await admin.get('/api/users?q=hoang')).body)).toEqual(['vanthu.sxd']);
  });

  it('answers 422 for an unknown unit filter and 404 for an unknown user', async () => {
    const admin = await as('admin');
    const res = await admin.get('/api/users?unitId=999999');
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('unitId');
    expect((await admin.get('/api/users/999999')).status).toBe(404);
    // Out of a clerk's scope looks the same as missing.
    expect((await (await as('vanthu.badinh')).get(`/api/users/${userId('vanthu.sxd')}`)).status).toBe(404);
  });
});

describe('GET /api/leaders', () => {
  it('names the active leaders and the fields they direct, to anyone who enters or reads tasks', async () => {
    for (const username of ['chuyenvien', 'vanthu.badinh', 'canbo.badinh']) {
      const res = await (await as(username)).get('/api/leaders');
      expect(res.status, username).toBe(200);
      expect(res.body).toContainEqual(
        expect.objectContaining({
          fullName: 'Trần Văn Minh',
          unit: expect.objectContaining({ code: 'UBND' }),
          fieldCodes: ['xay_dung', 'giao_thong', 'quy_hoach', 'dat_dai'],
        }),
      );
      expect(res.body.every((l: { fieldCodes: unknown }) => Array.isArray(l.fieldCodes))).toBe(true);
    }
  });
});

describe('POST /api/users', () => {
  it('creates a user who can then log in', async () => {
    const res = await (await as('admin')).post('/api/users', newUser());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      username: 'canbo2.badinh',
      fullName: 'Trịnh Văn Đức',
      unit: { code: 'Q.BADINH.TNMT' },
      active: true,
      version: 1,
    });
    expect(res.body).not.toHaveProperty('passwordHash');
    const login = await logIn('canbo2.badinh', 'mat-khau-moi-1');
    expect(login.statusCode).toBe(200);
    const audit = await t.t.db
      .selectFrom('audit_log')
      .select(['action', 'data'])
      .where('action', '=', 'user_created')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.data)).not.toContain('mat-khau');
  });

  it('forbids non-administrators', async () => {
    expect((await (await as('truongphong.badinh')).post('/api/users', { ...newUser(), username: 'x.y' })).status).toBe(
      403,
    );
  });

  it('answers 400 naming the field for malformed input', async () => {
    const res = await (
      await as('admin')
    ).post('/api/users', { ...newUser(), username: 'Có Dấu', password: 'short', email: 'not-an-email' });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { field: string }) => i.field)).toEqual(
      expect.arrayContaining(['body.username', 'body.password', 'body.email']),
    );
    expect(res.body.error.message.vi).toContain('Trường');
  });

  it('answers 409 for a taken username and 422 for unknown units or fields', async () => {
    const admin = await as('admin');
    const taken = await admin.post('/api/users', { ...newUser(), username: 'chuyenvien' });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({
      field: 'username',
      message: { vi: expect.stringContaining('chuyenvien'), en: expect.stringContaining('taken') },
    });
    const badUnit = await admin.post('/api/users', { ...newUser(), username: 'a.b', unitId: 999999 });
    expect(badUnit.status).toBe(422);
    expect(badUnit.body.error.field).toBe('unitId');
    const badField = await admin.post('/api/users', {
      ...newUser(),
      username: 'a.c',
      roles: [{ role: 'leader', scopeUnitId: unitId('UBND'), fieldCodes: ['khong_co'] }],
    });
    expect(badField.status).toBe(422);
    expect(badField.body.error.field).toBe('roles.0.fieldCodes');
  });
});

describe('PATCH /api/users/:id', () => {
  it('changes roles and unit with the current version, and 409 with a stale one', async () => {
    const admin = await as('admin');
    const id = userId('canbo.badinh');
    const res = await admin.request('PATCH', `/api/users/${id}`, {
      unitId: unitId('Q.BADINH'),
      roles: [{ role: 'clerk', scopeUnitId: unitId('Q.BADINH'), fieldCodes: [] }],
      version: 1,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      unit: { code: 'Q.BADINH' },
      roles: [{ role: 'clerk', scopeUnitId: unitId('Q.BADINH') }],
      version: 2,
    });
    expect((await admin.request('PATCH', `/api/users/${id}`, { fullName: 'Tên cũ', version: 1 })).status).toBe(409);
    expect((await admin.request('PATCH', '/api/users/999999', { fullName: 'Không có', version: 1 })).status).toBe(404);
  });

  it('deactivates a user and ends their sessions', async () => {
    const admin = await as('admin');
    const clerk = await as('vanthu.hoankiem');
    expect((await clerk.get('/api/units')).status).toBe(200);
    const res = await admin.request('PATCH', `/api/users/${userId('vanthu.hoankiem')}`, { active: false, version: 1 });
    expect(res.body.active).toBe(false);
    expect((await clerk.get('/api/units')).status).toBe(401);
    const login = await logIn('vanthu.hoankiem', 'demo1234');
    expect(login.statusCode).toBe(401);
  });

  it('resets a password', async () => {
    const admin = await as('admin');
    const res = await admin.request('PATCH', `/api/users/${userId('vanthu.sxd')}`, {
      password: 'mat-khau-cap-lai',
      version: 1,
    });
    expect(res.status).toBe(200);
    const login = await logIn('vanthu.sxd', 'mat-khau-cap-lai');
    expect(login.statusCode).toBe(200);
  });

  it('keeps the administrator from locking themself out', async () => {
    const admin = await as('admin');
    const res = await admin.request('PATCH', `/api/users/${admin.userId}`, { active: false, version: 1 });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('active');
    const roles = await admin.request('PATCH', `/api/users/${admin.userId}`, {
      roles: [{ role: 'officer', scopeUnitId: unitId('UBND'), fieldCodes: [] }],
      version: 1,
    });
    expect(roles.status).toBe(422);
  });

  it('forbids non-administrators', async () => {
    const res = await (
      await as('truongphong.badinh')
    ).request('PATCH', `/api/users/${userId('canbo.badinh')}`, { fullName: 'Đổi tên', version: 2 });
    expect(res.status).toBe(403);
  });
});
