import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../test/helpers/server';
import { doTaskAction, parseCount, typeDate } from './support/antd';
import { launchBrowser, loggedInPage, screenshot, settled } from './support/browser';
import { registerDocument } from './support/documents';

/**
 * The main journey of issue 3, in Chromium against a freshly seeded server: the officer registers
 * a document with three tasks; the Ba Đình clerk receives one, reports progress and asks for an
 * extension; the officer approves; the clerk reports completion; the officer confirms; and the
 * dashboard's numbers move accordingly.
 */
describe('task journey in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let officer: Page;
  let clerk: Page;
  const today = dayjs();
  const fmt = (d: dayjs.Dayjs) => d.format('DD/MM/YYYY');
  const numberSymbol = `${today.format('HHmmss')}/UBND-E2E`;

  beforeAll(async () => {
    server = await startTestServer({ historyTasks: 60 });
    browser = await launchBrowser();
    officer = (await loggedInPage(browser, server.url, 'chuyenvien')).page;
    clerk = (await loggedInPage(browser, server.url, 'vanthu.badinh')).page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function dashboardTotals(page: Page) {
    await page.goto('/dashboard');
    await settled(page);
    const read = async (id: string) => parseCount(await page.getByTestId(id).textContent());
    return {
      assigned: await read('total-assigned'),
      onTime: await read('total-completed_on_time-value'),
      inProgress: await read('total-in_progress_on_time-value'),
    };
  }

  it('takes a task from registration to confirmed completion, and the dashboard follows', async () => {
    const before = await dashboardTotals(officer);

    const { documentId, taskIds } = await registerDocument(
      officer,
      numberSymbol,
      'Kế hoạch kiểm thử giao nhiệm vụ trên trình duyệt',
      [
        {
          content: 'Rà soát, chỉnh trang vỉa hè các tuyến phố chính',
          leadSearch: 'ba dinh',
          leadName: 'Quận Ba Đình',
          deadline: fmt(today.add(30, 'day')),
          paragraph: 'Mục II.1',
          expectedProduct: 'Báo cáo kết quả rà soát',
          isKey: true,
          leader: { search: 'tran van minh', name: 'Trần Văn Minh' },
        },
        {
          content: 'Báo cáo kết quả xử lý vi phạm trật tự xây dựng',
          leadSearch: 'hoan kiem',
          leadName: 'Quận Hoàn Kiếm',
          deadline: fmt(today.add(20, 'day')),
        },
        {
          content: 'Hướng dẫn các quận thực hiện quy chuẩn xây dựng mới',
          leadSearch: 'so xay dung',
          leadName: 'Sở Xây dựng',
          deadline: fmt(today.add(45, 'day')),
        },
      ],
    );
    expect(documentId).toBeGreaterThan(0);
    expect(taskIds.every((id) => id > 0)).toBe(true);
    await officer.getByRole('heading', { name: `Văn bản ${numberSymbol}` }).waitFor();
    const taskId = taskIds[0]!;

    const afterRegistering = await dashboardTotals(officer);
    expect(afterRegistering.assigned).toBe(before.assigned + 3);
    expect(afterRegistering.inProgress).toBe(before.inProgress + 3);

    // The clerk finds the task in "to receive" on the home page and opens it.
    await clerk.goto('/');
    await settled(clerk);
    await clerk
      .getByTestId('work-toReceive')
      .getByRole('link', { name: new RegExp(`#${taskId} `) })
      .click();
    await clerk.waitForURL(`**/tasks/${taskId}`);
    // What the officer entered on the row: the paragraph, the product, the leader and the key-task flag.
    await clerk.getByText('Mục, khoản: Mục II.1').waitFor();
    await clerk.getByText('Trần Văn Minh').first().waitFor();
    await clerk.getByText('Báo cáo kết quả rà soát').waitFor();
    await clerk.getByText('Nhiệm vụ trọng tâm').first().waitFor();
    await doTaskAction(clerk, 'Tiếp nhận');
    await doTaskAction(clerk, 'Báo cáo tiến độ', async (dialog) => {
      await dialog.getByLabel('Nội dung báo cáo').fill('Đã khảo sát 12 tuyến phố, đang lập phương án.');
      await dialog.getByLabel('Tỷ lệ hoàn thành (%)').fill('50');
    });
    const extendedTo = today.add(40, 'day');
    await doTaskAction(clerk, 'Đề nghị gia hạn', async (dialog) => {
      await typeDate(dialog.getByLabel('Thời hạn đề nghị'), fmt(extendedTo));
      await dialog.getByLabel('Lý do').fill('Chờ ý kiến thống nhất của Sở Giao thông vận tải.');
    });
    await screenshot(clerk, 'task-detail-clerk');

    // The officer sees the request waiting and approves it.
    await officer.goto('/');
    await settled(officer);
    expect(parseCount(await officer.getByTestId('work-count-extensionsToDecide').textContent())).toBeGreaterThan(0);
    await officer.goto(`/tasks/${taskId}`);
    await doTaskAction(officer, 'Chấp thuận gia hạn', async (dialog) => {
      await dialog.getByLabel('Ý kiến (không bắt buộc)').fill('Đồng ý gia hạn.');
    });
    await officer.getByText(fmt(extendedTo)).first().waitFor();

    // The clerk reports completion; the officer confirms.
    await clerk.reload();
    await doTaskAction(clerk, 'Báo cáo hoàn thành', async (dialog) => {
      await dialog.getByLabel('Nội dung báo cáo').fill('Đã hoàn thành chỉnh trang vỉa hè 12 tuyến phố.');
      await dialog.getByLabel('Văn bản kết quả').fill('45/BC-UBND');
    });
    await officer.reload();
    await doTaskAction(officer, 'Xác nhận hoàn thành');
    await officer.getByText('Hoàn thành đúng hạn').first().waitFor();
    await screenshot(officer, 'task-detail-confirmed');

    const afterConfirming = await dashboardTotals(officer);
    expect(afterConfirming.assigned).toBe(afterRegistering.assigned);
    expect(afterConfirming.onTime).toBe(afterRegistering.onTime + 1);
    expect(afterConfirming.inProgress).toBe(afterRegistering.inProgress - 1);
    await screenshot(officer, 'dashboard');

    // A number on the dashboard opens the tasks behind it.
    await officer.getByTestId('total-completed_on_time').click();
    await officer.waitForURL(/\/tasks\?.*status=completed_on_time/);
    await settled(officer);
    await officer.getByRole('link', { name: 'Rà soát, chỉnh trang vỉa hè các tuyến phố chính' }).waitFor();
  });

  it('imports documents and their tasks from a file: errors by line first, then all at once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-import-'));
    const header =
      'Số ký hiệu;Loại văn bản;Cơ quan ban hành;Ngày ban hành;Trích yếu;Nội dung nhiệm vụ;Đơn vị chủ trì;Thời hạn';
    const number = `${today.format('HHmmss')}/KH-NHAP`;
    const bad = path.join(dir, 'loi.csv');
    fs.writeFileSync(
      bad,
      `${header}\n${number};Kế hoạch;UBND;${fmt(today)};Kế hoạch nhập từ tệp;Rà soát hồ sơ tồn đọng;Q.KHONGCO;${fmt(today.add(20, 'day'))}\n`,
    );
    const good = path.join(dir, 'giao-viec.csv');
    fs.writeFileSync(
      good,
      `${header}\n${number};Kế hoạch;UBND;${fmt(today)};Kế hoạch nhập từ tệp;Rà soát hồ sơ tồn đọng;Q.BADINH;${fmt(today.add(20, 'day'))}\n${number};;;;;Báo cáo kết quả rà soát;SNV;10\n`,
    );

    await officer.goto('/documents');
    await officer.getByRole('button', { name: 'Nhập từ tệp Excel/CSV' }).click();
    const card = officer.getByTestId('document-import');
    await card.locator('input[type=file]').setInputFiles(bad);
    await card.getByTestId('document-import-dry-run').click();
    await card.getByText('Dòng 2: không có đơn vị chủ trì mã "Q.KHONGCO".').waitFor();
    expect(await card.getByTestId('document-import-apply').isDisabled()).toBe(true);

    await card.locator('input[type=file]').setInputFiles(good);
    await card.getByTestId('document-import-dry-run').click();
    await card.getByText(`Chạy thử: 1 văn bản, 2 nhiệm vụ hợp lệ (${number}); chưa ghi gì.`).waitFor();
    await screenshot(officer, 'document-import');
    await card.getByTestId('document-import-apply').click();
    await card.getByText(`Đã nhập 1 văn bản, 2 dòng nhiệm vụ (${number}).`).waitFor();
    await officer.getByRole('link', { name: number }).click();
    await officer.getByRole('heading', { name: `Văn bản ${number}` }).waitFor();
    await officer.getByText('Báo cáo kết quả rà soát').first().waitFor();
  });
});
