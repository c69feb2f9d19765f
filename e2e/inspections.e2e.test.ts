import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../test/helpers/server';
import { launchBrowser, loggedInPage, screenshot, settled } from './support/browser';
import { openDialog, typeDate } from './support/antd';

/**
 * The seed's own journey: Sở Nội vụ picks units from the targeting list, inspects one,
 * concludes with a recommendation (which becomes a task), publishes; a citizen reads the
 * conclusion on the portal and sends feedback; the city office answers and publishes it.
 */
describe('inspection and the public portal', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ historyTasks: 300 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('plan from targeting → conclusion with a recommendation → published → citizen feedback → answered', async () => {
    const number = `${dayjs().format('HHmmss')}/KL-SNV`;
    const { page: inspector } = await loggedInPage(browser, server.url, 'thanhtra.snv');
    await inspector.getByRole('link', { name: 'Kiểm tra công vụ' }).first().click();
    await inspector.getByTestId('targeting-method').getByText('Chuẩn hóa:').waitFor();
    await settled(inspector);
    const firstRow = inspector.locator('.ant-table-tbody .ant-table-row').first();
    const unitName = (await firstRow.locator('td').nth(2).innerText()).trim();
    await firstRow.locator('input[type=checkbox]').check();
    await inspector.locator('.ant-table-tbody .ant-table-row').nth(1).locator('input[type=checkbox]').check();
    await screenshot(inspector, 'inspection-targeting');
    await inspector.getByTestId('plan-from-selected').click();

    await inspector.waitForURL('**/inspections/plans/new**');
    await inspector.getByText('Lập từ danh sách xếp hạng').waitFor();
    const created = inspector.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/api/inspections/plans'),
    );
    await inspector.getByRole('button', { name: 'Lưu kế hoạch' }).click();
    const planResponse = await created;
    expect(planResponse.status(), await planResponse.text()).toBe(201);
    await inspector.waitForURL(/\/inspections\/plans\/\d+$/);
    await inspector.getByRole('link', { name: unitName }).click();

    await inspector.waitForURL(/\/inspections\/records\/\d+$/);
    const recordId = Number(/records\/(\d+)/.exec(inspector.url())![1]);
    await typeDate(inspector.getByLabel('Ngày kiểm tra'), dayjs().format('DD/MM/YYYY'));
    await inspector
      .getByLabel('Kết quả kiểm tra (phát hiện)')
      .fill('Còn nhiều nhiệm vụ tồn đọng quá hạn; bộ phận một cửa trả hồ sơ đất đai trễ hạn.');
    await inspector
      .getByLabel('Kết luận', { exact: true })
      .fill('Đơn vị chưa chấp hành nghiêm kỷ luật, kỷ cương hành chính trong thực hiện nhiệm vụ được giao.');
    await inspector.getByTestId('add-recommendation').click();
    await inspector.getByLabel('Nội dung kiến nghị').fill('Rà soát, hoàn thành dứt điểm các nhiệm vụ tồn đọng quá hạn');
    await typeDate(inspector.getByLabel('Hạn thực hiện'), dayjs().add(30, 'day').format('DD/MM/YYYY'));
    const saved = inspector.waitForResponse(
      (r) => r.request().method() === 'PUT' && r.url().endsWith(`/api/inspections/${recordId}`),
    );
    await inspector.getByTestId('save-record').click();
    const savedResponse = await saved;
    expect(savedResponse.status()).toBe(200);

    await inspector.getByTestId('conclude').click();
    const dialog = openDialog(inspector);
    await dialog.getByLabel('Số kết luận').fill(number);
    const concluded = inspector.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith(`/api/inspections/${recordId}/conclude`),
    );
    await dialog.getByRole('button', { name: 'Ban hành kết luận' }).click();
    const conclusion = await concluded;
    expect(conclusion.status(), await conclusion.text()).toBe(200);
    const taskId = ((await conclusion.json()) as { recommendations: { taskId: number }[] }).recommendations[0]!.taskId;
    await inspector.getByRole('link', { name: `Nhiệm vụ #${taskId}` }).waitFor();

    await inspector.getByTestId('publish').click();
    const published = inspector.waitForResponse((r) => r.url().endsWith(`/api/inspections/${recordId}/publish`));
    await inspector
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /OK|Đồng ý|Có/ })
      .click();
    expect((await published).status()).toBe(200);
    await inspector.getByText('Đã công bố').first().waitFor();
    await screenshot(inspector, 'inspection-record-published');

    // A citizen, no login, on a small phone.
    const citizen = await (
      await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 800 }, locale: 'vi-VN' })
    ).newPage();
    await citizen.goto('/portal');
    await citizen.getByRole('link', { name: unitName }).first().click();
    await citizen.getByText(number).first().waitFor();
    await citizen.getByText('Rà soát, hoàn thành dứt điểm').waitFor();
    await screenshot(citizen, 'portal-conclusion');
    await citizen.getByRole('link', { name: 'Gửi ý kiến' }).last().click();
    await citizen.getByLabel('Họ tên').fill('Phạm Văn Dân');
    await citizen.getByLabel('Số điện thoại').fill('0987 654 321');
    await citizen.getByLabel('Tiêu đề').fill('Đề nghị công khai tiến độ khắc phục');
    await citizen.getByLabel('Nội dung').fill('Đề nghị đơn vị công khai tiến độ giải quyết các hồ sơ đất đai quá hạn.');
    const question = await citizen.locator('#challenge-question').innerText();
    const [a, b] = question.match(/\d+/g)!.map(Number);
    await citizen.waitForTimeout(3_200); // a person takes a few seconds to read the sum
    await citizen.getByLabel(/Mã xác nhận/).fill(String(a! + b!));
    await citizen.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await citizen.getByText('Đã nhận ý kiến của bạn').waitFor();
    const feedbackId = Number(/#(\d+)/.exec(await citizen.getByRole('status').innerText())![1]);

    // The city office answers and publishes.
    const { page: officer } = await loggedInPage(browser, server.url, 'chuyenvien');
    await officer.goto('/inspections?tab=feedback');
    await officer.getByTestId(`feedback-open-${feedbackId}`).click();
    await officer.getByTestId('feedback-content').getByText('hồ sơ đất đai quá hạn').waitFor();
    await officer
      .getByRole('textbox', { name: 'Trả lời' })
      .fill('Văn phòng UBND Thành phố đã chuyển Sở Nội vụ theo dõi việc khắc phục theo kết luận.');
    await officer.getByTestId('feedback-save-answer').click();
    await officer.getByTestId('feedback-publish').click();
    await officer.getByRole('button', { name: 'Gỡ câu trả lời' }).waitFor();
    await screenshot(officer, 'feedback-moderation');

    await citizen.goto('/portal/answers');
    await citizen.getByText('đã chuyển Sở Nội vụ theo dõi').waitFor();
    expect(await citizen.getByText('0987').count()).toBe(0);
  });
});
