import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { EDXML_NAMESPACE } from './edxml-format.js';

/** Receiving electronic documents (edXML), reading their tasks, and correcting the record, through HTTP. */
let h: TestApp;
const SAMPLES = path.resolve(import.meta.dirname, '../../../../../shared/data/edxml/samples');
const haveSamples = fs.existsSync(SAMPLES);

beforeAll(async () => {
  h = await createTestApp({ today: '2026-05-06' });
});
afterAll(async () => h?.close());

const TEXT = `Để chủ động phòng ngừa cháy, nổ, Chủ tịch UBND Thành phố chỉ thị:
1. Giao Công an Thành phố chủ trì, phối hợp với Sở Xây dựng tổ chức kiểm tra an toàn phòng cháy nhà ở kết hợp kinh doanh; hoàn thành trước ngày 30/6/2026.
2. Sở KH&ĐT chủ trì, phối hợp với Sở Tài chính tham mưu bố trí kinh phí. Báo cáo kết quả UBND Thành phố trong quý III/2026.`;

/** A package as the document system sends it, with a Vietnamese file name and any attachment. */
function pkg(
  o: { code?: string; business?: number; attachment?: Buffer; name?: string; subject?: string; from?: string } = {},
) {
  const code = o.code ?? '125';
  const b64 = (o.attachment ?? Buffer.from(TEXT)).toString('base64');
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="${EDXML_NAMESPACE}">
  <edXML:edXMLEnvelope xmlns:edXML="${EDXML_NAMESPACE}">
    <edXML:edXMLHeader>
      <edXML:MessageHeader>
        <edXML:From><edXML:OrganId>000.00.00.H26</edXML:OrganId><edXML:OrganName>${o.from ?? 'Ủy ban nhân dân Thành phố'}</edXML:OrganName></edXML:From>
        <edXML:To><edXML:OrganId>000.01.26.H26</edXML:OrganId><edXML:OrganName>Văn phòng UBND Thành phố</edXML:OrganName></edXML:To>
        <edXML:DocumentId>000.00.00.H26,2026/05/04,${code}/CT-UBND</edXML:DocumentId>
        <edXML:Code><edXML:CodeNumber>${code}</edXML:CodeNumber><edXML:CodeNotation>CT-UBND</edXML:CodeNotation></edXML:Code>
        <edXML:PromulgationInfo><edXML:Place>Hà Nội</edXML:Place><edXML:PromulgationDate>2026/05/04</edXML:PromulgationDate></edXML:PromulgationInfo>
        <edXML:DocumentType><edXML:Type>1</edXML:Type><edXML:TypeName>Chỉ thị</edXML:TypeName></edXML:DocumentType>
        <edXML:Subject>${o.subject ?? 'Về tăng cường phòng cháy, chữa cháy'}</edXML:Subject>
        <edXML:SignerInfo><edXML:Competence>TM. UBND</edXML:Competence><edXML:Position>Chủ tịch</edXML:Position><edXML:FullName>Trần Văn B</edXML:FullName></edXML:SignerInfo>
        <edXML:OtherInfo><edXML:Priority>1</edXML:Priority></edXML:OtherInfo>
      </edXML:MessageHeader>
      <edXML:TraceHeaderList><edXML:Bussiness><edXML:BussinessDocType>${o.business ?? 0}</edXML:BussinessDocType><edXML:BussinessDocReason>Văn bản điện tử</edXML:BussinessDocReason></edXML:Bussiness></edXML:TraceHeaderList>
    </edXML:edXMLHeader>
    <edXML:edXMLBody><edXML:edXMLManifest version="1.0">
      <edXML:Reference><edXML:ContentId>cid:1</edXML:ContentId><edXML:ContentType>text/plain</edXML:ContentType><edXML:AttachmentName>${o.name ?? 'chỉ-thị-phòng-cháy.txt'}</edXML:AttachmentName></edXML:Reference>
    </edXML:edXMLManifest></edXML:edXMLBody>
  </edXML:edXMLEnvelope>
  <AttachmentEncoded><Attachment><ContentId>1</ContentId><ContentTransferEncoded>${b64}</ContentTransferEncoded></Attachment></AttachmentEncoded>
</edXML>`);
}

const officer = () => h.as('chuyenvien');
const unit = (c: string) => h.t.org.unitIds.get(c)!;
let documentId: number;

describe('POST /api/documents/edxml', () => {
  it('registers the directive with its fields, file and text; the same package again registers once', async () => {
    const o = await officer();
    const res = await o.upload('/api/documents/edxml', 'goi-tin.edxml', pkg());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const d = res.body.document;
    expect(d).toMatchObject({
      numberSymbol: '125/CT-UBND',
      kind: 'Chỉ thị',
      issuedOn: '2026-05-04',
      signer: 'Trần Văn B',
      signerPosition: 'TM. UBND Chủ tịch',
      place: 'Hà Nội',
      urgency: 1,
      source: 'edxml',
      issuer: { code: 'UBND' },
    });
    expect(d.attachments).toEqual([expect.objectContaining({ name: 'chỉ-thị-phòng-cháy.txt', contentId: '1' })]);
    expect(d.bodyText).toContain('Công an Thành phố chủ trì');
    documentId = d.id;
    const again = await o.upload('/api/documents/edxml', 'goi-tin.edxml', pkg());
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: documentId, alreadyRegistered: true });
    const count = await h.t.db
      .selectFrom('documents')
      .select('id')
      .where('number_symbol', '=', '125/CT-UBND')
      .execute();
    expect(count).toHaveLength(1);
  });

  it('takes the raw XML body, as a connector sends it, with a large attachment', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 'Nội dung văn bản. ');
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/documents/edxml',
      payload: pkg({ code: '126', attachment: big }),
      headers: { 'content-type': 'application/xml', ...(await authHeaders()) },
    });
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json().document.attachments[0];
    expect(file.size).toBe(big.length);
  }, 120_000);

  it('refuses a different package under a registered identity, naming the element', async () => {
    const res = await (
      await officer()
    ).upload('/api/documents/edxml', 'x.edxml', pkg({ subject: 'Nội dung khác hẳn' }));
    expect(res.status).toBe(409);
    expect(res.body.error.field).toBe('MessageHeader/DocumentId');
    expect(res.body.error.message.vi).toContain('đã được tiếp nhận');
  });

  it.each([
    ['not XML', Buffer.from('<edXML><a></edXML>'), 'line 1'],
    ['no subject', pkg({ code: '127', subject: '' }), 'MessageHeader/Subject'],
    ['wrong namespace', Buffer.from('<edXML xmlns="urn:x"><edXMLEnvelope/></edXML>'), 'edXML'],
    ['unknown sender', pkg({ code: '128', from: 'Bộ Không Có' }), 'MessageHeader/From/OrganName'],
  ])('refuses a malformed package (%s) with a 422 naming the element, writing nothing', async (_, body, field) => {
    const before = await h.t.db.selectFrom('documents').select('id').execute();
    const res = await (await officer()).upload('/api/documents/edxml', 'x.edxml', body);
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message.vi).toBeTruthy();
    expect(res.body.error.message.en).toBeTruthy();
    expect(await h.t.db.selectFrom('documents').select('id').execute()).toHaveLength(before.length);
  });

  it('applies an update and a revocation to the registered document, as events', async () => {
    const o = await officer();
    const upd = await o.upload(
      '/api/documents/edxml',
      'u.edxml',
      pkg({ business: 2, subject: 'Về tăng cường PCCC (sửa)' }),
    );
    expect(upd.status).toBe(200);
    expect(upd.body.document.summary).toBe('Về tăng cường PCCC (sửa)');
    const history = await o.get(`/api/documents/${documentId}/history`);
    expect(history.body.map((e: { kind: string }) => e.kind)).toEqual(['received', 'updated_by_sender']);
    const revoked = await o.upload('/api/documents/edxml', 'r.edxml', pkg({ code: '126', business: 1 }));
    expect(revoked.body.document.status).toBe('revoked');
  });

  it('reads the official samples as they are', async () => {
    if (!haveSamples) return;
    const res = await (
      await officer()
    ).upload(
      `/api/documents/edxml?issuerUnitId=${unit('CP')}`,
      'edoc_new.edxml',
      fs.readFileSync(path.join(SAMPLES, 'document/edoc_new.edxml')),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.document).toMatchObject({
      kind: 'Công văn',
      summary: 'V/v kết nối, liên thông phần mềm quản lý văn bản',
    });
    const status = await (
      await officer()
    ).upload('/api/documents/edxml', 's.edxml', fs.readFileSync(path.join(SAMPLES, 'status/status_finish_06.edxml')));
    expect(status.status).toBe(422);
  });

  it('produces a processing-status message for the sender', async () => {
    const res = await (await officer()).get(`/api/documents/${documentId}/edxml-status?code=04`);
    expect(res.status).toBe(200);
  });

  it('is only for officers', async () => {
    const res = await (await h.as('vanthu.badinh')).upload('/api/documents/edxml', 'x.edxml', pkg({ code: '129' }));
    expect(res.status).toBe(403);
  });
});

describe('tasks read from the text, confirmed by the officer', () => {
  it('proposes the tasks and saves only the ones the officer sends, with a lead fixed', async () => {
    const o = await officer();
    const res = await o.post(`/api/documents/${documentId}/extract`);
    expect(res.status).toBe(200);
    const proposals = res.body.proposals;
    expect(proposals.map((p: { leadUnitId: number }) => p.leadUnitId)).toEqual([unit('CATP'), unit('SKHDT')]);
    expect(proposals[0]).toMatchObject({
      coordinatingUnitIds: [unit('SXD')],
      deadline: { kind: 'fixed', date: '2026-06-30' },
    });
    expect(proposals[1].deadline).toEqual({ kind: 'fixed', date: '2026-09-30' });
    expect(await h.t.db.selectFrom('tasks').select('id').where('document_id', '=', documentId).execute()).toHaveLength(
      0,
    );
    const tasks = proposals.map((p: Record<string, unknown>, i: number) => ({
      content: p.content,
      leadUnitId: i === 1 ? unit('STC') : p.leadUnitId,
      coordinatingUnitIds: i === 1 ? [unit('SKHDT')] : p.coordinatingUnitIds,
      expectedProduct: p.expectedProduct,
      paragraph: p.paragraph,
      deadline: p.deadline,
    }));
    const saved = await o.post(`/api/documents/${documentId}/tasks`, { tasks });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body.tasks).toHaveLength(2);
  });

  it('refuses a text too short and bad task rows', async () => {
    const o = await officer();
    expect((await o.post('/api/documents/extract', { text: 'x', issuedOn: '2026-05-04' })).status).toBe(400);
    const bad = await o.post(`/api/documents/${documentId}/tasks`, {
      tasks: [{ content: 'Việc', leadUnitId: 999999, deadline: { kind: 'none' } }],
    });
    expect(bad.status).toBe(422);
  });
});

describe('corrections', () => {
  it("corrects a document's fields with a reason: history with before and after, an audit row", async () => {
    const o = await officer();
    const doc = (await o.get(`/api/documents/${documentId}`)).body;
    const res = await o.post(`/api/documents/${documentId}/corrections`, {
      version: doc.version,
      reason: 'Sai trích yếu khi tiếp nhận',
      summary: 'Về tăng cường công tác phòng cháy, chữa cháy',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const history = (await o.get(`/api/documents/${documentId}/history`)).body;
    expect(history.at(-1)).toMatchObject({
      kind: 'corrected',
      reason: 'Sai trích yếu khi tiếp nhận',
      before: { summary: 'Về tăng cường PCCC (sửa)' },
      after: { summary: 'Về tăng cường công tác phòng cháy, chữa cháy' },
    });
    const stale = await o.post(`/api/documents/${documentId}/corrections`, {
      version: doc.version,
      reason: 'lần hai',
      summary: 'Khác',
    });
    expect(stale.status).toBe(409);
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'document_corrected')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('adjusts a deadline from today: earlier cut-offs keep the old deadline; back-dated changes them', async () => {
    const o = await officer();
    const taskId = (await o.get(`/api/documents/${documentId}`)).body.tasks[0].id;
    let task = (await o.get(`/api/tasks/${taskId}`)).body;
    const res = await o.post(`/api/tasks/${taskId}/corrections`, {
      version: task.version,
      reason: 'Lãnh đạo điều chỉnh hạn',
      deadline: { date: '2026-07-15' },
      expectedProduct: 'Báo cáo kết quả kiểm tra',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    task = res.body;
    expect(task.deadline).toBe('2026-07-15');
    expect(task.extensionCount ?? 0).toBe(0);
    const list = async (asOf: string) =>
      (await o.get(`/api/tasks?documentId=${documentId}&asOf=${asOf}&status=in_progress_overdue`)).body.items.length;
    // The adjustment holds from its day (today, 6 May): on 1 July the deadline is 15 July, not 30 June.
    expect(await list('2026-07-01')).toBe(0);
    const events = await h.t.db
      .selectFrom('task_events')
      .select(['kind', 'data', 'reason'])
      .where('task_id', '=', taskId)
      .execute();
    expect(events.map((e) => e.kind)).toContain('deadline_adjusted');
    expect(events.find((e) => e.kind === 'record_corrected')?.data).toMatchObject({
      after: { expectedProduct: 'Báo cáo kết quả kiểm tra' },
    });
    const empty = await o.post(`/api/tasks/${taskId}/corrections`, { version: task.version, reason: 'không đổi gì' });
    expect(empty.status).toBe(422);
  });
});

async function authHeaders() {
  const login = await h.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'chuyenvien', password: (await import('../../seed/organisation.js')).DEMO_PASSWORD },
    remoteAddress: '127.0.9.9',
  });
  return {
    cookie: `nv_session=${login.cookies.find((c) => c.name === 'nv_session')!.value}`,
    'x-csrf-token': login.json().csrfToken,
  };
}
