import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../test/helpers/server';
import { chooseOption, typeDate } from './support/antd';
import { launchBrowser, loggedInPage, screenshot, settled } from './support/browser';

/**
 * Intake in Chromium: a directive arrives as an edXML package, its tasks are proposed from its
 * text, the officer fixes one lead unit and saves; later the officer corrects a deadline.
 */
describe('electronic document intake in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let officer: Page;
  const today = dayjs();
  const code = today.format('HHmmss');
  const deadline = today.add(40, 'day');
  const text = [
    'Để nâng cao chất lượng đô thị, Chủ tịch UBND Thành phố chỉ thị:',
    `1. Giao Sở Xây dựng chủ trì, phối hợp với Sở Tài chính rà soát các công trình chậm tiến độ; hoàn thành trước ngày ${deadline.format('DD/MM/YYYY')}.`,
    '2. Sở Tư pháp chủ trì thẩm định các văn bản quy phạm pháp luật về xây dựng, thực hiện thường xuyên.',
  ].join('\n');

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    officer = (await loggedInPage(browser, server.url, 'chuyenvien')).page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('receives the package, reads its tasks, saves them with a lead fixed, and corrects a deadline', async () => {
    const file = path.join(os.tmpdir(), `chi-thi-${code}.edxml`);
    fs.writeFileSync(file, edxml(code, today.format('YYYY/MM/DD'), text));
    await officer.goto('/documents');
    await settled(officer);
    await officer
      .getByTestId('edxml-receive')
      .locator('xpath=ancestor::span[contains(@class,"ant-upload")]')
      .locator('input[type=file]')
      .setInputFiles(file);
    await officer.waitForURL(/\/documents\/\d+$/);
    await settled(officer);
    await expect.poll(() => officer.getByText(`${code}/CT-UBND`).count()).toBeGreaterThan(0);

    const panel = officer.getByTestId('task-proposals');
    await panel.getByTestId('extract-run').click();
    const rows = panel.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => rows.nth(0).textContent()).toContain('Sở Xây dựng');
    // The officer decides the second task is the Inspectorate's, not the Department of Justice's.
    await chooseOption(
      officer,
      rows.nth(1).getByRole('combobox').first(),
      'thanh tra thanh pho',
      'Thanh tra Thành phố',
    );
    await screenshot(officer, 'intake-proposals');
    const saved = officer.waitForResponse((r) => /\/api\/documents\/\d+\/tasks$/.test(r.url()));
    await panel.getByTestId('extract-save').click();
    expect((await saved).status()).toBe(201);
    const documentId = Number(/\/documents\/(\d+)/.exec(officer.url())![1]);
    const doc = await (await officer.request.get(`${server.url}/api/documents/${documentId}`)).json();
    expect(doc.tasks.map((t: { leadUnit: { name: string } }) => t.leadUnit.name).sort()).toEqual([
      'Sở Xây dựng',
      'Thanh tra Thành phố',
    ]);

    const first = doc.tasks.find((t: { leadUnit: { name: string } }) => t.leadUnit.name === 'Sở Xây dựng');
    await officer.goto(`/tasks/${first.id}`);
    await settled(officer);
    await officer.getByRole('button', { name: 'Sửa hồ sơ nhiệm vụ' }).click();
    const dialog = officer.getByRole('dialog');
    await dialog.waitFor();
    const moved = deadline.add(15, 'day');
    await typeDate(dialog.getByRole('textbox').nth(2), moved.format('DD/MM/YYYY'));
    await dialog.getByLabel('Lý do sửa').fill('Lãnh đạo điều chỉnh thời hạn tại cuộc họp giao ban');
    const corrected = officer.waitForResponse((r) => /\/api\/tasks\/\d+\/corrections$/.test(r.url()));
    await dialog.getByRole('button', { name: 'Ghi sửa đổi' }).click();
    expect((await corrected).status()).toBe(200);
    const task = await (await officer.request.get(`${server.url}/api/tasks/${first.id}`)).json();
    expect(task.deadline).toBe(moved.format('YYYY-MM-DD'));
    expect(task.timeline.map((e: { kind: string }) => e.kind)).toContain('deadline_adjusted');
  });
});

function edxml(code: string, date: string, text: string): string {
  const ns = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
  return `<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="${ns}"><edXMLEnvelope><edXMLHeader><MessageHeader>
<From><OrganId>000.00.00.H26</OrganId><OrganName>Ủy ban nhân dân Thành phố</OrganName></From>
<To><OrganId>000.01.26.H26</OrganId><OrganName>Văn phòng UBND Thành phố</OrganName></To>
<DocumentId>000.00.00.H26,${date},${code}/CT-UBND</DocumentId>
<Code><CodeNumber>${code}</CodeNumber><CodeNotation>CT-UBND</CodeNotation></Code>
<PromulgationInfo><Place>Hà Nội</Place><PromulgationDate>${date}</PromulgationDate></PromulgationInfo>
<DocumentType><Type>1</Type><TypeName>Chỉ thị</TypeName></DocumentType>
<Subject>Về chỉnh trang đô thị</Subject>
<SignerInfo><FullName>Trần Văn B</FullName></SignerInfo>
</MessageHeader></edXMLHeader>
<edXMLBody><edXMLManifest><Reference><ContentId>cid:1</ContentId><ContentType>text/plain</ContentType><AttachmentName>nội-dung.txt</AttachmentName></Reference></edXMLManifest></edXMLBody>
</edXMLEnvelope>
<AttachmentEncoded><Attachment><ContentId>cid:1</ContentId><ContentTransferEncoded>${Buffer.from(text).toString('base64')}</ContentTransferEncoded></Attachment></AttachmentEncoded>
</edXML>`;
}
