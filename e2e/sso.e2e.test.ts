import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { inProject } from '../src/server/paths';
import { seedDemo } from '../src/server/seed/demo';
import { createTestDb, type TestDb } from '../test/helpers/db';
import { SSO_SCOPES, startOidcProvider, type TestProvider } from '../test/helpers/oidc-provider';
import { launchBrowser, screenshot } from './support/browser';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('signing in with the city’s single sign-on', () => {
  let t: TestDb;
  let op: TestProvider;
  let app: FastifyInstance;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    op = await startOidcProvider({
      redirectUri: `${url}/api/auth/oidc/callback`,
      postLogoutRedirectUri: `${url}/login`,
      people: {
        'tran.thi.b': { name: 'Trần Thị B', unit_code: 'Q.HOANKIEM', roles: ['clerk'] },
        'nguoi.la': { name: 'Người lạ' },
      },
    });
    t = await createTestDb({ seed: false });
    await seedDemo(t, { historyTasks: 30 });
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      ...(t.config.DATABASE_URL ? { DATABASE_URL: t.config.DATABASE_URL } : {}),
      PUBLIC_URL: url,
      OIDC_ISSUER: op.issuer,
      OIDC_CLIENT_ID: op.clientId,
      OIDC_CLIENT_SECRET: op.clientSecret,
      OIDC_SCOPES: SSO_SCOPES,
      OIDC_LABEL: 'Đăng nhập bằng tài khoản công vụ|Sign in with the city account',
    });
    app = await buildApp({ ...t, config }, { webRoot: inProject('dist/web') });
    await app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await op?.close();
    await t?.close();
  });

  it('signs in through the provider from the login button, and signs out of both', async () => {
    const context = await browser.newContext({ baseURL: url, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto('/login');
    const button = page.getByTestId('sso-login');
    await expect(button.textContent()).resolves.toContain('Đăng nhập bằng tài khoản công vụ');
    await expect(page.getByText('Quản trị viên đăng nhập bằng mật khẩu').isVisible()).resolves.toBe(true);
    await screenshot(page, 'sso-login-screen');
    await button.click();

    // The provider's own sign-in page.
    await page.waitForURL((u) => u.href.startsWith(op.issuer));
    await page.locator('input[name="login"]').fill('tran.thi.b');
    await page.locator('input[name="password"]').fill('mat-khau-cua-thanh-pho');
    await page.locator('button[type="submit"]').click();

    await page.waitForURL((u) => u.href.startsWith(url) && !u.pathname.startsWith('/login'));
    await expect(page.getByTestId('header-user-name').textContent()).resolves.toBe('Trần Thị B');

    await page.getByTestId('header-user-name').click();
    await page.getByRole('menuitem', { name: /Đăng xuất$/ }).waitFor();
    // An account of the provider has no password here to change.
    expect(await page.getByRole('menuitem', { name: 'Đổi mật khẩu' }).count()).toBe(0);
    await page.getByRole('menuitem', { name: /Đăng xuất$/ }).click();
    await page.waitForURL((u) => u.href.startsWith(op.issuer));
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${url}/login`);
    await page.getByTestId('sso-login').waitFor();
    expect(op.loggedOut.length).toBe(1);
    await context.close();
  });

  it('says so on the login screen when the provider vouches for someone this system does not know', async () => {
    const context = await browser.newContext({ baseURL: url, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByTestId('sso-login').click();
    await page.waitForURL((u) => u.href.startsWith(op.issuer));
    await page.locator('input[name="login"]').fill('nguoi.la');
    await page.locator('input[name="password"]').fill('bat-ky');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname === '/login' && u.search.includes('sso=unknown_user'));
    await expect(page.getByRole('alert').textContent()).resolves.toContain('chưa được cấp quyền dùng hệ thống');
    await screenshot(page, 'sso-refused');
    await context.close();
  });
});
