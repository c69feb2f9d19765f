import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../test/helpers/server';
import {
  describeViolations,
  launchBrowser,
  loggedInPage,
  screenshot,
  seriousAxeViolations,
  settled,
} from './support/browser';
import { parseCount } from './support/antd';

/**
 * The review journey: the city office reviews the last half year, opens the tasks behind a
 * number, exports, issues the report and compares it; a district clerk sees its own review only;
 * dossier figures are checked in a dry run and then written.
 */
describe('periodic review', () => {
  let server: TestServer;
  let browser: Browser;
  const lastHalf = dayjs().subtract(6, 'month');
  const query = `period=half&year=${lastHalf.year()}&index=${lastHalf.month() < 6 ? 1 : 2}&periodMode=calendar`;

  beforeAll(async () => {
    server = await startTestServer({ historyTasks: 400 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('review → tasks behind a number → export → issue → compare', async () => {
    const { page } = await loggedInPage(browser, server.url, 'chuyenvien');
    await page.getByRole('link', { name: 'Kiểm điểm' }).first().click();
    await page.waitForURL('**/reports**');
    await page.goto(`/reports?${query}`);
    await page.getByTestId('review-table').waitFor();
    await settled(page);
    const violations = await seriousAxeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await screenshot(page, 'reports-review');

    // Extensions cannot be expressed as a task-list filter: the number opens the exact list.
    const granted = page.locator('[data-testid^="cell-"][data-testid$="-extGranted"]').first();
    const expected = parseCount(await granted.innerText());
    await granted.click();
    await expect.poll(async () => parseCount(await page.getByTestId('behind-count').textContent())).toBe(expected);
    await page.keyboard.press('Escape');

    // A status number links to the task list with the matching filters.
    const overdue = page.locator('a[data-testid^="cell-"][data-testid$="-overdue"]').first();
    const overdueCount = parseCount(await overdue.innerText());
    await overdue.click();
    await page.waitForURL((u) => u.pathname === '/tasks' && u.searchParams.get('status') === 'in_progress_overdue');
    // The task list loads on demand: the review stays on screen until it is there.
    await page.getByTestId('task-count').waitFor();
    await settled(page);
    expect(await page.locator('.ant-table-tbody .ant-table-row').count()).toBe(overdueCount);
    await page.goBack();

    await page.getByTestId('review-table').waitFor();
    const xlsx = await page.request.get(
      (await page.getByRole('link', { name: 'Xuất Excel' }).getAttribute('href')) as string,
    );
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

    await page.getByRole('button', { name: 'Ban hành báo cáo' }).click();
    const issued = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/reports'));
    await page.getByRole('dialog').getByRole('button', { name: 'Ban hành báo cáo' }).click();
    expect((await issued).status()).toBe(201);
    await page.getByTestId('snapshot-view').waitFor();
    await page.getByRole('button', { name: 'So sánh với số liệu tính lại' }).click();
    await page.getByTestId('diff-identical').waitFor();
  });

  it('a district clerk sees its own review only', async () => {
    const { page } = await loggedInPage(browser, server.url, 'vanthu.hoankiem');
    await page.goto(`/reports?${query}`);
    await page.getByTestId('review-table').waitFor();
    await settled(page);
    const labels = await page
      .locator('[data-testid="review-table"] .ant-table-tbody .ant-table-row td:nth-child(2)')
      .allInnerTexts();
    expect(labels.map((l) => l.trim())).toEqual(['Quận Hoàn Kiếm']);
  });

  it('dossier figures: dry run, then write', async () => {
    const { page } = await loggedInPage(browser, server.url, 'chuyenvien');
    await page.goto('/reports?tab=dossiers');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nv-dossiers-')), 'mot-cua.csv');
    fs.writeFileSync(
      file,
      'Mã đơn vị;Mã lĩnh vực;Từ ngày;Đến ngày;Tiếp nhận;Giải quyết đúng hạn;Giải quyết quá hạn;Đang giải quyết trong hạn;Đang giải quyết quá hạn\nQ.BADINH;y_te;01/01/2020;31/01/2020;10;8;1;1;0\n',
    );
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('dossier-dry-run').click();
    await page.getByText('Chạy thử: 1/1 dòng hợp lệ, chưa ghi gì.').waitFor();
    await page.getByTestId('dossier-apply').click();
    await page.getByText('Đã ghi 1 dòng (1 mới, 0 thay thế).').waitFor();
  });
});
