import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../test/helpers/server';
import { launchBrowser, loggedInPage, screenshot, settled } from './support/browser';
import { registerDocument } from './support/documents';

describe('who sees what, and forms that refuse bad input', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ historyTasks: 30 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('does not show a Ba Đình task to the clerk of Hoàn Kiếm', async () => {
    const { page: officer } = await loggedInPage(browser, server.url, 'chuyenvien');
    const content = 'Kiểm tra hiện trạng chiếu sáng công cộng phường Điện Biên';
    const { taskIds } = await registerDocument(
      officer,
      `${dayjs().format('HHmmss')}/UBND-QT`,
      'Văn bản kiểm thử phân quyền',
      [
        {
          content,
          leadSearch: 'ba dinh',
          leadName: 'Quận Ba Đình',
          deadline: dayjs().add(15, 'day').format('DD/MM/YYYY'),
        },
      ],
    );
    const taskId = taskIds[0]!;

    const { page: otherClerk } = await loggedInPage(browser, server.url, 'vanthu.hoankiem');
    await otherClerk.goto(`/tasks/${taskId}`);
    await otherClerk.getByTestId('task-unavailable').waitFor();
    expect(await otherClerk.getByText(content).count()).toBe(0);

    await otherClerk.goto(`/tasks?q=${encodeURIComponent('chieu sang cong cong')}`);
    await settled(otherClerk);
    await otherClerk.getByText('Không có nhiệm vụ phù hợp').waitFor();
    await screenshot(otherClerk, 'task-forbidden-list');

    // The Ba Đình clerk, by contrast, finds it without typing diacritics.
    const { page: clerk } = await loggedInPage(browser, server.url, 'vanthu.badinh');
    await clerk.goto(`/tasks?q=${encodeURIComponent('chieu sang cong cong')}`);
    await clerk.getByRole('link', { name: content }).waitFor();
  });

  it('shows the errors of an incomplete document form and of a wrong password', async () => {
    const { page: officer } = await loggedInPage(browser, server.url, 'chuyenvien');
    await officer.goto('/documents/new');
    await officer.getByRole('button', { name: 'Lưu văn bản và giao nhiệm vụ' }).click();
    await officer.locator('.ant-form-item-explain-error', { hasText: 'Bắt buộc nhập' }).first().waitFor();
    expect(await officer.locator('.ant-form-item-explain-error').count()).toBeGreaterThanOrEqual(3);
    await screenshot(officer, 'document-entry-errors');

    const page = await (await browser.newContext({ baseURL: server.url })).newPage();
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập').fill('chuyenvien');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').waitFor();
    expect(page.url()).toContain('/login');
  });
});
