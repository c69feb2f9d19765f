import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../test/helpers/server';
import { insertOpenTasks } from '../src/server/features/reminders/fixtures';
import { chooseOption } from './support/antd';
import { launchBrowser, loggedInPage, screenshot, settled } from './support/browser';

/**
 * Monitoring and urging in Chromium (issue 4): the administrator runs the day's reminders from
 * the rules screen; the Ba Đình clerk sees the bell count, opens a reminder and lands on the
 * task; the officer drafts an urging letter for Ba Đình, numbers it and issues it; the clerk's
 * bell goes up by itself (server-sent events) with the letter's notification.
 */
describe('reminders, the bell and an urging letter in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Page;
  let clerk: Page;
  let officer: Page;
  let taskIds: number[];

  beforeAll(async () => {
    server = await startTestServer({ historyTasks: 40, today: '2026-12-01' });
    const units = new Map(
      (await server.t.db.selectFrom('units').select(['code', 'id']).execute()).map((u) => [u.code, u.id]),
    );
    taskIds = await insertOpenTasks(server.t.db, {
      count: 2,
      leadUnitId: units.get('Q.BADINH')!,
      assignerUnitId: units.get('UBND')!,
      deadline: '2026-11-20',
      assignedOn: '2026-10-01',
      content: 'Giải tỏa lấn chiếm vỉa hè phố Kim Mã',
    });
    browser = await launchBrowser();
    admin = (await loggedInPage(browser, server.url, 'admin')).page;
    clerk = (await loggedInPage(browser, server.url, 'vanthu.badinh')).page;
    officer = (await loggedInPage(browser, server.url, 'chuyenvien')).page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const bellCount = async (page: Page) =>
    Number(
      (await page
        .getByTestId('unread-count')
        .locator('.ant-scroll-number')
        .first()
        .getAttribute('title')
        .catch(() => '0')) ?? 0,
    );

  it('runs the day’s reminders from the rules screen and rings the clerk’s bell', async () => {
    await admin.goto('/notifications');
    await admin.getByRole('tab', { name: 'Quy tắc nhắc việc' }).click();
    await admin.getByTestId('reminder-rules-form').waitFor();
    await screenshot(admin, 'reminder-rules');
    await admin.getByTestId('run-reminders').click();
    await admin.getByText(/Đã quét: \d+ nhắc việc/).waitFor();

    await clerk.goto('/');
    await settled(clerk);
    await expect.poll(() => bellCount(clerk), { timeout: 10_000 }).toBeGreaterThan(0);
    await clerk.getByTestId('notification-bell').click();
    const item = clerk
      .getByTestId('bell-panel')
      .getByTestId('bell-item')
      .filter({ hasText: 'Giải tỏa lấn chiếm vỉa hè phố Kim Mã 1' })
      .first();
    await expect.poll(() => item.textContent(), { timeout: 10_000 }).toContain('Quá hạn 11 ngày');
    await screenshot(clerk, 'notification-bell');
    await item.click();
    await clerk.waitForURL(`**/tasks/${taskIds[0]}`);
  });

  it('lets the officer draft, number and issue an urging letter, and the clerk is told at once', async () => {
    await clerk.goto('/notifications');
    await clerk.getByTestId('notification-list').waitFor();
    const before = await bellCount(clerk);

    await officer.goto('/urging');
    await chooseOption(officer, officer.getByRole('combobox', { name: 'Một đơn vị' }), 'ba dinh', 'Quận Ba Đình');
    await officer.getByTestId('draft-letter').click();
    await officer.waitForURL(/\/urging\/\d+$/);
    await officer.getByTestId('letter-tasks').getByText('Giải tỏa lấn chiếm vỉa hè phố Kim Mã 1').waitFor();
    await officer.getByLabel('Số, ký hiệu').fill('125/VPUB-ĐĐ');
    await screenshot(officer, 'urging-letter-draft');
    await officer.getByTestId('issue-letter').click();
    // Issuing saves the draft, then issues it: wait for the answer itself, so a refusal shows its reason here.
    const issued = officer.waitForResponse(
      (r) => r.request().method() === 'POST' && /\/api\/urging-letters\/\d+\/issue$/.test(r.url()),
      { timeout: 30_000 },
    );
    await officer.locator('.ant-popconfirm').getByRole('button', { name: 'Ban hành' }).click();
    const answer = await issued;
    expect(answer.status(), await answer.text()).toBe(200);
    await expect
      .poll(() => officer.getByTestId('letter-status').textContent(), { timeout: 20_000 })
      .toBe('Đã ban hành');
    await screenshot(officer, 'urging-letter-issued');

    const docx = await officer.request.get((await officer.getByTestId('letter-docx').getAttribute('href')) ?? '');
    expect(docx.status()).toBe(200);
    expect(docx.headers()['content-type']).toContain('wordprocessingml');
    const pdf = await officer.request.get((await officer.getByTestId('letter-pdf').getAttribute('href')) ?? '');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // No reload: the count arrives over the event stream.
    await expect.poll(() => bellCount(clerk), { timeout: 15_000 }).toBe(before + 1);
    await clerk.reload();
    await clerk.getByTestId('notification-list').getByText('Văn bản đôn đốc số 125/VPUB-ĐĐ').first().waitFor();
    const urged = await server.t.db.selectFrom('tasks').select('urge_count').where('id', 'in', taskIds).execute();
    expect(urged.map((t) => t.urge_count)).toEqual([1, 1]);
  });

  it('marks a task at risk in the task list, on the task and on the clerk’s home page, with the reasons', async () => {
    // Two months given, three days left, nothing reported yet: the early warning must flag it.
    const units = new Map(
      (await server.t.db.selectFrom('units').select(['code', 'id']).execute()).map((u) => [u.code, u.id]),
    );
    const [risky] = await insertOpenTasks(server.t.db, {
      count: 1,
      leadUnitId: units.get('Q.BADINH')!,
      assignerUnitId: units.get('UBND')!,
      deadline: '2026-12-04',
      assignedOn: '2026-10-01',
      content: 'Hoàn thành hồ sơ cấp phép xây dựng',
    });
    await clerk.goto('/tasks');
    const badge = clerk.getByTestId(`at-risk-${risky}`);
    await badge.waitFor({ timeout: 15_000 });
    await badge.hover();
    await clerk
      .locator('.ant-tooltip')
      .getByText(/tiến độ/)
      .first()
      .waitFor();
    await screenshot(clerk, 'task-list-at-risk');
    await clerk.goto(`/tasks/${risky}`);
    await clerk.getByTestId(`at-risk-${risky}`).waitFor();
    await clerk.goto('/');
    await clerk.getByTestId('work-dueThisWeek').getByTestId(`at-risk-${risky}`).waitFor();
  });
});
