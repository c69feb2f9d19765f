import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../test/helpers/server';
import { chooseOption, typeDate } from './support/antd';
import { launchBrowser, loggedInPage, seriousAxeViolations, settled } from './support/browser';

/** The administrator's writes: a unit in the tree, a user with a role, a holiday. */
describe('administration', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Page;

  beforeAll(async () => {
    server = await startTestServer({ historyTasks: 10 });
    browser = await launchBrowser();
    admin = (await loggedInPage(browser, server.url, 'admin')).page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function saveDialog(page: Page) {
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  it('adds a division under Quận Ba Đình and renames it', async () => {
    await admin.goto('/admin?tab=units');
    await settled(admin);
    await admin.getByLabel('Lọc đơn vị (không cần dấu)').fill('ba dinh');
    await admin.getByRole('tree').getByText('Quận Ba Đình (Q.BADINH)').click();
    await admin.getByRole('button', { name: 'Thêm đơn vị' }).last().click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Mã đơn vị').fill('Q.BADINH.TP');
    await dialog.getByLabel('Tên đơn vị').fill('Phòng Tư pháp quận Ba Đình');
    await saveDialog(admin);
    await admin.getByRole('tree').getByText('Phòng Tư pháp quận Ba Đình (Q.BADINH.TP)').click();
    await admin.getByRole('button', { name: 'Sửa đơn vị' }).click();
    await admin.getByRole('dialog').getByLabel('Tên đơn vị').fill('Phòng Tư pháp - quận Ba Đình');
    await saveDialog(admin);
    await admin.getByRole('tree').getByText('Phòng Tư pháp - quận Ba Đình (Q.BADINH.TP)').waitFor();
  });

  it('creates a staff user, then deactivates them', async () => {
    await admin.goto('/admin?tab=users');
    await settled(admin);
    await admin.getByRole('button', { name: 'Thêm người dùng' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Tên đăng nhập').fill('canbo2.badinh');
    await dialog.getByLabel('Họ và tên').fill('Trịnh Văn Đức');
    await chooseOption(admin, dialog.getByLabel('Đơn vị', { exact: true }), 'ba dinh', 'Quận Ba Đình');
    await dialog.getByLabel('Mật khẩu ban đầu').fill('matkhau123');
    await chooseOption(admin, dialog.getByLabel('Phạm vi 1'), 'ba dinh', 'Quận Ba Đình');
    await saveDialog(admin);
    const row = admin.getByRole('row', { name: /canbo2\.badinh/ });
    await row.waitFor();
    await row.getByRole('button', { name: 'Sửa người dùng canbo2.badinh' }).click();
    await admin.getByRole('dialog').getByRole('switch').click();
    await saveDialog(admin);
    await admin.getByRole('row', { name: /canbo2\.badinh.*Ngừng hoạt động/ }).waitFor();
  });

  it('adds a holiday to the calendar', async () => {
    await admin.goto('/admin?tab=calendar');
    await settled(admin);
    await admin.locator('#calendar-year').fill('2027');
    await admin.locator('#calendar-year').press('Tab');
    await typeDate(admin.getByLabel('Ngày', { exact: true }), '02/09/2027');
    await admin.getByLabel('Tên ngày').fill('Nghỉ thêm dịp Quốc khánh (thử)');
    await admin.getByRole('button', { name: 'Thêm' }).click();
    await admin.getByRole('cell', { name: 'Nghỉ thêm dịp Quốc khánh (thử)' }).waitFor();
  });

  it('browses the audit log, filters it to units, and verifies the chain', async () => {
    await admin.goto('/audit');
    await settled(admin);
    await admin.getByRole('heading', { name: 'Nhật ký kiểm toán' }).waitFor();
    const entity = admin.getByLabel('Loại bản ghi');
    await entity.fill('unit');
    await entity.press('Enter');
    // The division added by the first test is in the log, under the administrator's name.
    const created = admin.getByRole('row', { name: /Q\.BADINH\.TP/ }).first();
    await created.waitFor();
    expect(await created.innerText()).toMatch(/unit #\d+/);
    const rows = admin.locator('.ant-table-tbody tr.ant-table-row');
    for (const text of await rows.allInnerTexts()) expect(text).toMatch(/unit #/);
    await admin.getByRole('button', { name: 'Kiểm tra tính toàn vẹn' }).click();
    await admin.getByRole('status').filter({ hasText: 'Chuỗi nhật ký toàn vẹn' }).waitFor();
    expect(await seriousAxeViolations(admin)).toEqual([]);
  });
});
