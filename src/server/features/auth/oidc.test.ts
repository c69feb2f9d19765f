import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { DEMO_PASSWORD } from '../../seed/organisation.js';
import { createTestDb, type TestDb } from '../../../../test/helpers/db.js';
import { SSO_SCOPES, startOidcProvider, type TestProvider } from '../../../../test/helpers/oidc-provider.js';

/**
 * Single sign-on against a real OpenID provider (oidc-provider) started here: the app is
 * reached through inject, the provider over HTTP, and this test plays the browser between
 * them (cookies per side, redirects followed by hand, the provider's login form submitted).
 */
const APP = 'http://app.test';

const people: Record<string, Record<string, unknown>> = {
  chuyenvien: { name: 'Nguyễn Thị Hương' },
  'nguyen.van.a': { name: 'Nguyễn Văn A', email: 'a@hanoi.gov.vn', unit_code: 'Q.BADINH', roles: ['clerk'] },
  'lanh.dao.moi': {
    name: 'Lãnh đạo mới',
    unit_code: 'UBND',
    roles: 'Lãnh đạo thành phố',
    fields: ['xay_dung', 'khong_co_linh_vuc_nay'],
  },
  'nguoi.la': { name: 'Người lạ' },
  'muon.quyen': { name: 'Muốn làm quản trị', unit_code: 'VPUB', roles: ['admin'] },
  admin: { name: 'Quản trị' },
};

class Jar {
  private cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value) this.cookies.set(name.trim(), value);
      else this.cookies.delete(name.trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

describe('single sign-on (OpenID Connect)', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let op: TestProvider;

  beforeAll(async () => {
    t = await createTestDb();
    op = await startOidcProvider({
      redirectUri: `${APP}/api/auth/oidc/callback`,
      postLogoutRedirectUri: `${APP}/login`,
      people,
    });
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      ...(t.config.DATABASE_URL ? { DATABASE_URL: t.config.DATABASE_URL } : {}),
      PUBLIC_URL: APP,
      OIDC_ISSUER: op.issuer,
      OIDC_CLIENT_ID: op.clientId,
      OIDC_CLIENT_SECRET: op.clientSecret,
      OIDC_SCOPES: SSO_SCOPES,
      OIDC_ROLE_MAP: 'Lãnh đạo thành phố=leader',
    });
    app = await buildApp({ ...t, config });
  });

  afterAll(async () => {
    await app?.close();
    await op?.close();
    await t?.close();
  });

  /** The browser's round trip: our login route, the provider's login form, back to our callback. */
  async function signIn(login: string, options: { appCookie?: (cookie: string) => string } = {}) {
    const start = await app.inject({ url: '/api/auth/oidc/login?redirect=/tasks?status=overdue' });
    expect(start.statusCode).toBe(302);
    const pending = start.cookies.find((c) => c.name === 'nv_sso')!;
    expect(pending.httpOnly).toBe(true);
    expect(pending.sameSite).toBe('Lax');
    const jar = new Jar();
    let location = start.headers.location!;
    expect(location.startsWith(`${op.issuer}/auth?`)).toBe(true);
    for (let hop = 0; hop < 10 && !location.startsWith(APP); hop++) {
      const res = await fetch(new URL(location, op.issuer), { redirect: 'manual', headers: { cookie: jar.header() } });
      jar.take(res);
      if (res.status === 200) {
        const form = await res.text();
        const action = /<form[^>]*action="([^"]+)"/.exec(form)![1]!;
        const submitted = await fetch(new URL(action, op.issuer), {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ prompt: 'login', login, password: 'any' }),
        });
        jar.take(submitted);
        location = submitted.headers.get('location')!;
      } else location = res.headers.get('location')!;
    }
    expect(location.startsWith(`${APP}/api/auth/oidc/callback?`)).toBe(true);
    const cookie = options.appCookie ? options.appCookie(pending.value) : pending.value;
    const back = await app.inject({ url: location.slice(APP.length), cookies: cookie ? { nv_sso: cookie } : {} });
    expect(back.statusCode).toBe(302);
    const session = back.cookies.find((c) => c.name === 'nv_session' && c.value);
    return { location: back.headers.location!, session: session?.value, jar };
  }

  const me = async (session: string | undefined) =>
    app.inject({ url: '/api/auth/me', cookies: session ? { nv_session: session } : {} });

  it('tells the login screen that single sign-on is offered and passwords are for administrators', async () => {
    const res = await app.inject({ url: '/api/auth/providers' });
    expect(res.json()).toEqual({
      password: 'administrators',
      sso: { label: { vi: 'Đăng nhập một lần (SSO)', en: 'Single sign-on' }, loginUrl: '/api/auth/oidc/login' },
    });
    const officer = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'chuyenvien', password: DEMO_PASSWORD },
    });
    expect(officer.statusCode).toBe(403);
    expect(officer.json().error.message.vi).toMatch(/đăng nhập một lần/);
    const admin = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: DEMO_PASSWORD },
    });
    expect(admin.statusCode).toBe(200);
  });

  it('signs in an existing user matched by username and links the account', async () => {
    const { location, session } = await signIn('chuyenvien');
    expect(location).toBe('/tasks?status=overdue');
    const res = await me(session);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe('chuyenvien');
    const linked = await t.db
      .selectFrom('users')
      .select(['sso_subject', 'sso_managed'])
      .where('username', '=', 'chuyenvien')
      .executeTakeFirstOrThrow();
    expect(linked).toEqual({ sso_subject: 'chuyenvien', sso_managed: false });
  });

  it('creates the account of a new person from the claims: unit, roles and fields', async () => {
    const clerk = await signIn('nguyen.van.a');
    const view = (await me(clerk.session)).json().user;
    expect(view).toMatchObject({
      username: 'nguyen.van.a',
      fullName: 'Nguyễn Văn A',
      email: 'a@hanoi.gov.vn',
      unit: { code: 'Q.BADINH' },
    });
    const leader = await signIn('lanh.dao.moi');
    expect((await me(leader.session)).statusCode).toBe(200);
    const roles = await t.db
      .selectFrom('user_roles as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['u.username', 'r.role', 'r.scope_unit_id', 'r.field_codes'])
      .where('u.username', 'in', ['nguyen.van.a', 'lanh.dao.moi'])
      .orderBy('u.username')
      .execute();
    expect(roles).toEqual([
      { username: 'lanh.dao.moi', role: 'leader', scope_unit_id: t.org.unitIds.get('UBND'), field_codes: ['xay_dung'] },
      { username: 'nguyen.van.a', role: 'clerk', scope_unit_id: t.org.unitIds.get('Q.BADINH'), field_codes: [] },
    ]);
    // The clerk's work is scoped to Ba Đình like any clerk's.
    const tasks = await app.inject({ url: '/api/tasks', cookies: { nv_session: clerk.session! } });
    expect(tasks.statusCode).toBe(200);
    // A provisioned account has no password that works.
    const withPassword = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nguyen.van.a', password: '!sso' },
    });
    expect(withPassword.statusCode).toBe(401);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', 'in', ['user_provisioned', 'user_sso_linked'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['user_provisioned', 'user_provisioned', 'user_sso_linked']);
    expect(
      (await app.inject({ url: '/api/audit/verify', cookies: { nv_session: await adminSession() } })).json(),
    ).toMatchObject({
      ok: true,
    });
  });

  it('refuses a person it does not know, an administrator and a claimed administrator role', async () => {
    for (const [login, reason] of [
      ['nguoi.la', 'unknown_user'],
      ['admin', 'administrator'],
      ['muon.quyen', 'unknown_user'],
    ] as const) {
      const { location, session } = await signIn(login);
      expect(location, login).toBe(`/login?sso=${reason}`);
      expect(session, login).toBeUndefined();
    }
    const created = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', 'in', ['nguoi.la', 'muon.quyen'])
      .execute();
    expect(created).toEqual([]);
  });

  it('does not finish a sign-in begun in another browser or replayed', async () => {
    const { location } = await signIn('chuyenvien', { appCookie: () => '' });
    expect(location).toBe('/login?sso=expired');
    const stolen = await signIn('chuyenvien', { appCookie: () => 'a-key-this-browser-never-had' });
    expect(stolen.location).toBe('/login?sso=expired');
    const back = await app.inject({
      url: '/api/auth/oidc/callback?code=forged&state=forged',
      cookies: { nv_sso: 'x' },
    });
    expect(back.headers.location).toBe('/login?sso=expired');
  });

  it('logs out of both: the session here and the provider’s', async () => {
    const { session, jar } = await signIn('nguyen.van.a');
    const csrf = (await me(session)).json().csrfToken as string;
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { nv_session: session! },
      headers: { 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(200);
    const logoutUrl = new URL(out.json().logoutUrl as string);
    expect(logoutUrl.origin).toBe(op.issuer);
    expect(logoutUrl.searchParams.get('post_logout_redirect_uri')).toBe(`${APP}/login`);
    expect(logoutUrl.searchParams.get('id_token_hint')).toBeTruthy();
    expect((await me(session)).statusCode).toBe(401);

    const page = await fetch(logoutUrl, { headers: { cookie: jar.header() } });
    jar.take(page);
    const html = await page.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
    const confirmed = await fetch(new URL(action, op.issuer), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }),
    });
    expect(confirmed.headers.get('location')).toBe(`${APP}/login`);
    expect(op.loggedOut.length).toBeGreaterThan(0);
    // A password session has no provider logout.
    const local = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { nv_session: await adminSession() },
      headers: { 'x-csrf-token': adminCsrf },
    });
    expect(local.json()).toEqual({ ok: true });
  });

  let adminCsrf = '';
  async function adminSession(): Promise<string> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: DEMO_PASSWORD },
    });
    adminCsrf = res.json().csrfToken as string;
    return res.cookies.find((c) => c.name === 'nv_session')!.value;
  }
});
