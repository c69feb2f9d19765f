import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../test/helpers/server';
import {
  describeViolations,
  launchBrowser,
  loggedInPage,
  screenshot,
  seriousAxeViolations,
  settled,
} from './support/browser';

/**
 * Every main screen: no serious or critical axe-core violation, and a screenshot for review
 * (desktop, and the phone width of 375 px for the screens people use on the move).
 */
describe('main screens: accessibility and screenshots', () => {
  let server: TestServer;
  let browser: Browser;
  let officer: Page;
  let admin: Page;
  let clerkPhone: Page;
  let taskId: number;
  let documentId: number;

  beforeAll(async () => {
    server = await startTestServer({ historyTasks: 120 });
    browser = await launchBrowser();
    officer = (await loggedInPage(browser, server.url, 'chuyenvien')).page;
    admin = (await loggedInPage(browser, server.url, 'admin')).page;
    clerkPhone = (await loggedInPage(browser, server.url, 'vanthu.badinh', { width: 375, height: 812 })).page;
    const listed = (await (await officer.request.get('/api/tasks?limit=1&sort=-id')).json()) as {
      items: { id: number; documentId: number }[];
    };
    taskId = listed.items[0]!.id;
    documentId = listed.items[0]!.documentId;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function check(page: Page, path: string, name: string) {
    await page.goto(path);
    await settled(page);
    await screenshot(page, name);
    const violations = await seriousAxeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  it('login', async () => {
    const page = await (
      await browser.newContext({ baseURL: server.url, viewport: { width: 1366, height: 800 } })
    ).newPage();
    await check(page, '/login', 'login');
  });

  it('my work', () => check(officer, '/', 'my-work'));
  it('task list', () => check(officer, '/tasks', 'task-list'));
  it('task detail', () => check(officer, `/tasks/${taskId}`, 'task-detail'));
  it('document entry', () => check(officer, '/documents/new', 'document-entry'));
  it('document detail', () => check(officer, `/documents/${documentId}`, 'document-detail'));
  it('document list', () => check(officer, '/documents', 'document-list'));
  it('dashboard by lead unit', () => check(officer, '/dashboard', 'dashboard-by-unit'));
  it('dashboard by field', () => check(officer, '/dashboard?tab=field', 'dashboard-by-field'));
  it('administration: units', () => check(admin, '/admin?tab=units', 'admin-units'));
  it('administration: users', () => check(admin, '/admin?tab=users', 'admin-users'));
  it('administration: calendar', () => check(admin, '/admin?tab=calendar', 'admin-calendar'));
  it('my work on a phone', () => check(clerkPhone, '/', 'phone-my-work'));
  it('task list on a phone', () => check(clerkPhone, '/tasks', 'phone-task-list'));

  it('English switch, kept in the profile for the next login on another browser', async () => {
    await officer.goto('/tasks');
    const saved = officer.waitForResponse(
      (r) => r.url().includes('/api/notifications/preferences') && r.request().method() === 'PUT',
    );
    await officer.getByRole('banner').getByTitle('English').click();
    await officer.getByRole('heading', { name: 'Tasks' }).waitFor();
    expect((await saved).status()).toBe(200);
    await screenshot(officer, 'task-list-english');
    // A fresh browser (nothing stored) opens in Vietnamese, and the login brings the user's English back.
    const elsewhere = await loggedInPage(browser, server.url, 'chuyenvien');
    await elsewhere.page.goto('/tasks');
    await elsewhere.page.getByRole('heading', { name: 'Tasks' }).waitFor();
    await elsewhere.context.close();
    await officer.getByRole('banner').getByTitle('Tiếng Việt').click();
    await officer.getByRole('heading', { name: 'Danh sách nhiệm vụ' }).waitFor();
  });
});
