import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/server/seed/organisation';
import { startTestServer, type TestServer } from '../test/helpers/server';
import { doTaskAction, typeDate, chooseOption } from './support/antd';
import { launchBrowser, loggedInPage, settled } from './support/browser';

/**
 * Issue 14 in Chromium: a completion report dated with the unit's letter, and an explanation
 * request on the overdue tasks of Quận Ba Đình answered by its clerk, whose causes then show on
 * the task; and the administrator's import of a decided holiday schedule, checked first.
 */
describe('dated reports and explanations in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let officer: Page;
  let clerk: Page;
  // The city's day (Asia/Ho_Chi_Minh, UTC+7), which the server dates entries with.
  const today = dayjs(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10));
  const fmt = (d: dayjs.Dayjs) => d.format('DD/MM/YYYY');
  const iso = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');
  const ids: { overdue: number; toComplete: number } = { overdue: 0, toComplete: 0 };

  /** Sets up through the API as the named user (cookie and CSRF token from a real login). */
  async function apiAs(username: string) {
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: DEMO_PASSWORD },
      remoteAddress: `127.0.2.${username.length}`,
    });
    const cookie = login.cookies.find((c) => c.name === 'nv_session')!.value;
    const { csrfToken } = login.json();
    return async (method: 'GET' | 'POST', url: string, payload?: object) => {
      const r = await server.app.inject({
        method,
        url,
        payload,
        cookies: { nv_session: cookie },
        headers: { 'x-csrf-token': csrfToken },
      });
      if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
      return r.json();
    };
  }

  beforeAll(async () => {
    server = await startTestServer({ historyTasks: 0 });
    const asOfficer = await apiAs('chuyenvien');
    const unitId = async (code: string) =>
      (await server.t.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const badinh = await unitId('Q.BADINH');
    const doc = await asOfficer('POST', '/api/documents', {
      numberSymbol: `${today.format('HHmmss')}/UBND-GT`,
      kind: 'Công văn',
      issuerUnitId: await unitId('UBND'),
      issuedOn: iso(today.subtract(20, 'day')),
      summary: 'Về việc chấn chỉnh tiến độ giải phóng mặt bằng',
      tasks: [
        {
          content: 'Hoàn thành giải phóng mặt bằng tuyến đường Văn Cao',
          leadUnitId: badinh,
          deadline: { kind: 'fixed', date: iso(today.subtract(5, 'day')) },
        },
        {
          content: 'Báo cáo kết quả rà soát hồ sơ cấp phép xây dựng',
          leadUnitId: badinh,
          deadline: { kind: 'fixed', date: iso(today.add(20, 'day')) },
        },
      ],
    });
    ids.overdue = doc.tasks[0].id;
    ids.toComplete = doc.tasks[1].id;
    const asClerk = await apiAs('vanthu.badinh');
    const t = await asClerk('GET', `/api/tasks/${ids.toComplete}`);
    await asClerk('POST', `/api/tasks/${ids.toComplete}/receive`, { version: t.version });
    browser = await launchBrowser();
    officer = (await loggedInPage(browser, server.url, 'chuyenvien')).page;
    clerk = (await loggedInPage(browser, server.url, 'vanthu.badinh')).page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("reports completion with the unit's letter dated yesterday; the timeline shows both dates", async () => {
    await clerk.goto(`/tasks/${ids.toComplete}`);
    await settled(clerk);
    await doTaskAction(clerk, 'Báo cáo hoàn thành', async (dialog) => {
      await dialog.getByLabel('Nội dung báo cáo').fill('Đã hoàn thành rà soát, gửi kèm báo cáo');
      await dialog.getByLabel('Số văn bản của đơn vị').fill('45/BC-UBND');
      await typeDate(dialog.getByLabel('Ngày văn bản'), fmt(today.subtract(1, 'day')));
    });
    const row = await server.t.db
      .selectFrom('task_events')
      .select('data')
      .where('task_id', '=', ids.toComplete)
      .where('kind', '=', 'completion_reported')
      .executeTakeFirstOrThrow();
    expect((row.data as { dated: string }).dated, JSON.stringify(row.data)).toBe(iso(today.subtract(1, 'day')));
    await clerk
      .getByText(`Văn bản 45/BC-UBND ngày ${fmt(today.subtract(1, 'day'))}, nhập ngày ${fmt(today)}`)
      .waitFor();
  });

  it('the officer asks Quận Ba Đình to explain its overdue tasks; the clerk answers; the causes show on the task', async () => {
    await officer.goto('/explanations');
    await settled(officer);
    await chooseOption(officer, officer.getByLabel('Đơn vị', { exact: true }), 'ba dinh', 'Quận Ba Đình');
    await typeDate(officer.getByLabel('Hạn giải trình'), fmt(today.add(3, 'day')));
    await officer.getByLabel('Nội dung yêu cầu').fill('Đề nghị giải trình trước phiên giao ban');
    const sent = officer.waitForResponse(
      (r) => r.url().endsWith('/api/explanation-requests') && r.request().method() === 'POST',
    );
    await officer.getByTestId('send-request').click();
    const response = await sent;
    expect(response.status(), await response.text()).toBe(201);
    const requestId = (await response.json()).id as number;
    await officer
      .getByTestId('explanation-request')
      .getByText('Hoàn thành giải phóng mặt bằng tuyến đường Văn Cao')
      .waitFor();

    await clerk.goto('/explanations');
    await settled(clerk);
    await clerk.getByTestId(`open-request-${requestId}`).click();
    const drawer = clerk.getByTestId('explanation-request');
    await drawer.getByText('Đề nghị giải trình trước phiên giao ban').waitFor();
    await drawer.getByTestId('cause-site_clearance').click();
    await drawer.getByTestId('cause-staff').click();
    await drawer.getByLabel('Nguyên nhân khác, giải thích thêm').fill('Một số hộ dân chưa nhận tiền bồi thường');
    await drawer.getByLabel('Giải pháp khắc phục').fill('Tổ chức đối thoại, bổ sung tổ công tác');
    await typeDate(drawer.getByLabel('Ngày cam kết hoàn thành'), fmt(today.add(30, 'day')));
    const answered = clerk.waitForResponse((r) => r.url().endsWith(`/api/explanation-requests/${requestId}/answer`));
    await drawer.getByTestId('send-answer').click();
    expect((await answered).status()).toBe(200);
    await drawer.getByTestId('explanation-answer').getByText('Tổ chức đối thoại, bổ sung tổ công tác').waitFor();

    await officer.goto(`/tasks/${ids.overdue}`);
    await settled(officer);
    const causes = officer.getByTestId('task-causes');
    await causes.waitFor();
    expect(await causes.textContent()).toContain('Vướng mắc giải phóng mặt bằng');
    expect(await causes.textContent()).toContain('Một số hộ dân chưa nhận tiền bồi thường');
    await officer.getByTestId('task-delay').getByText('Đã trả lời').waitFor();
  });

  it("imports next year's decided holidays: the dry run lists the changed days, the import marks the year decided", async () => {
    const next = today.year() + 1;
    const asAdmin = await apiAs('admin');
    const days = (await asAdmin('GET', `/api/calendar?year=${next}`)) as { date: string; kind: string; name: string }[];
    const rows = days.map((d) => `${d.date},${d.kind === 'holiday' ? 'nghỉ' : 'làm bù'},"${d.name}",`);
    rows.push(`${next}-01-04,nghỉ,Nghỉ hoán đổi,`, `09/01/${next},làm bù,Làm bù cho ngày 4/1,`);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nv-hol-')), `lich-${next}.csv`);
    fs.writeFileSync(file, `\uFEFFngày,loại,tên,căn cứ\n${rows.join('\n')}\n`);
    const { page: admin } = await loggedInPage(browser, server.url, 'admin');
    await admin.goto('/admin?tab=calendar');
    await settled(admin);
    const card = admin.getByTestId('holiday-import');
    await card.getByLabel('Năm').fill(String(next));
    await card.getByLabel('Căn cứ').fill('Thông báo số 1234/TB-BNV');
    await card.locator('input[type=file]').setInputFiles(file);
    await card.getByTestId('holiday-dry-run').click();
    const result = card.getByTestId('holiday-result');
    await result.getByText(`Năm ${next}: thêm 2, bỏ 0, đổi 0 ngày`).waitFor();
    await result.getByText(`+ 04/01/${next} — `).waitFor();
    expect(
      (await server.t.db.selectFrom('calendar_days').select('date').where('date', '=', `${next}-01-04`).execute())
        .length,
    ).toBe(0);
    await card.getByTestId('holiday-apply').click();
    await result.getByText(`Đã nhập lịch nghỉ năm ${next}`).waitFor();
    const year = await server.t.db
      .selectFrom('calendar_years')
      .select(['status', 'source'])
      .where('year', '=', next)
      .executeTakeFirstOrThrow();
    expect(year).toEqual({ status: 'decided', source: 'Thông báo số 1234/TB-BNV' });
    const row = admin.getByTestId('calendar-years').locator('tr', { hasText: 'Thông báo số 1234/TB-BNV' });
    await row.getByText('Đã quyết định').waitFor();
    expect(await row.textContent()).toContain(String(next));
  });
});
