import zlib from 'node:zlib';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { pdfText } from '../reports/pdf-text.js';
import { insertOpenTasks } from '../reminders/fixtures.js';

let h: TestApp;
const unit = (code: string) => h.t.org.unitIds.get(code)!;
let badinh: number[];
let hoankiem: number[];

beforeAll(async () => {
  h = await createTestApp({ today: '2026-12-02' });
  const base = { assignerUnitId: unit('UBND'), assignedOn: '2026-09-01' };
  badinh = await insertOpenTasks(h.t.db, {
    ...base,
    count: 3,
    leadUnitId: unit('Q.BADINH'),
    deadline: '2026-11-20',
    content: 'Giải quyết dứt điểm hồ sơ cấp giấy chứng nhận quyền sử dụng đất',
  });
  hoankiem = await insertOpenTasks(h.t.db, {
    ...base,
    count: 2,
    leadUnitId: unit('Q.HOANKIEM'),
    deadline: '2026-11-30',
    content: 'Xử lý lấn chiếm vỉa hè',
  });
  await insertOpenTasks(h.t.db, {
    ...base,
    count: 1,
    leadUnitId: unit('Q.BADINH'),
    deadline: '2026-12-10',
    content: 'Chưa quá hạn',
  });
  const admin = await h.as('admin');
  const signer = {
    documentKind: 'urging_letter',
    authority: 'KT.',
    onBehalfOf: 'Chánh Văn phòng',
    title: 'Phó Chánh Văn phòng',
    fullName: 'Trần Minh Đức',
    isDefault: true,
    active: true,
  };
  expect((await admin.post('/api/signers', signer)).status).toBe(201);
  const second = await admin.post('/api/signers', {
    ...signer,
    authority: '',
    title: 'Chánh Văn phòng',
    fullName: 'Lê Thu Hà',
    isDefault: false,
  });
  otherSignerId = second.body.id;
});
let otherSignerId: number;
afterAll(async () => h?.close());

const editOf = (letter: any, changes: Record<string, unknown> = {}) => ({
  version: letter.version,
  numberSymbol: letter.numberSymbol,
  place: letter.place,
  letterDate: letter.letterDate,
  subject: letter.subject,
  recipients: letter.recipients,
  opening: letter.opening,
  closing: letter.closing,
  signerTitle: letter.signerTitle,
  signerName: letter.signerName,
  copiesTo: letter.copiesTo,
  ...changes,
});

describe('urging letters', () => {
  let letter: any;

  it('drafts a letter to one unit listing its overdue tasks, in the official wording', async () => {
    const officer = await h.as('chuyenvien');
    const res = await officer.post('/api/urging-letters', { unitId: unit('Q.BADINH') });
    expect(res.status).toBe(201);
    letter = res.body;
    expect(letter.status).toBe('draft');
    expect(letter.recipients).toBe('Quận Ba Đình');
    expect(letter.tasks.map((t: any) => t.taskId)).toEqual(badinh);
    expect(letter.tasks[0].daysOverdue).toBe(12);
    expect(letter.opening).toContain('đến ngày 02/12/2026, Quận Ba Đình còn 3 nhiệm vụ đã quá thời hạn');
    // Signed by the configured default signer, not by the officer who drafted it.
    expect(letter.signerTitle).toBe('KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG');
    expect(letter.signerName).toBe('Trần Minh Đức');
    expect(letter.place).toBe('Hà Nội');
  });

  it('takes another configured signer chosen on the draft, and refuses one of another kind', async () => {
    const officer = await h.as('chuyenvien');
    const chosen = await officer.request(
      'PUT',
      `/api/urging-letters/${letter.id}`,
      editOf(letter, { signerId: otherSignerId }),
    );
    expect(chosen.status).toBe(200);
    expect([chosen.body.signerTitle, chosen.body.signerName]).toEqual(['CHÁNH VĂN PHÒNG', 'Lê Thu Hà']);
    letter = chosen.body;
    const admin = await h.as('admin');
    const briefingSigner = await admin.post('/api/signers', {
      documentKind: 'briefing',
      authority: 'TM.',
      onBehalfOf: 'Ủy ban nhân dân',
      title: 'Chủ tịch',
      fullName: 'Nguyễn Văn A',
      isDefault: true,
      active: true,
    });
    const wrong = await officer.request(
      'PUT',
      `/api/urging-letters/${letter.id}`,
      editOf(letter, { signerId: briefingSigner.body.id }),
    );
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.message.en).toContain('not an active signer');
    const missing = await admin.post('/api/signers', {
      ...briefingSigner.body,
      id: undefined,
      lines: undefined,
      onBehalfOf: null,
    });
    expect(missing.status).toBe(422);
    expect(missing.body.error.message.vi).toContain('Ký TM.');
  });

  it('drafts one letter to every unit with overdue tasks', async () => {
    const officer = await h.as('chuyenvien');
    const res = await officer.post('/api/urging-letters', {});
    expect(res.body.tasks.map((t: any) => t.taskId).sort()).toEqual([...badinh, ...hoankiem].sort());
    expect(res.body.recipients).toBe('Quận Ba Đình; Quận Hoàn Kiếm');
  });

  it('refuses a unit with nothing overdue, and bad input, in both languages', async () => {
    const officer = await h.as('chuyenvien');
    const none = await officer.post('/api/urging-letters', { unitId: unit('SXD') });
    expect(none.status).toBe(422);
    expect(none.body.error.message.vi).toContain('không có nhiệm vụ quá hạn');
    expect(none.body.error.message.en).toContain('no overdue task');
    const bad = await officer.request(
      'PUT',
      `/api/urging-letters/${letter.id}`,
      editOf(letter, { letterDate: '2026-13-01', subject: '' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: any) => i.field)).toEqual(
      expect.arrayContaining(['body.letterDate', 'body.subject']),
    );
  });

  it('keeps clerks out: they neither draft nor issue nor read letters', async () => {
    const clerk = await h.as('vanthu.badinh');
    expect((await clerk.post('/api/urging-letters', { unitId: unit('Q.BADINH') })).status).toBe(403);
    expect((await clerk.post(`/api/urging-letters/${letter.id}/issue`, { version: letter.version })).status).toBe(403);
    expect((await clerk.get(`/api/urging-letters/${letter.id}`)).status).toBe(404);
  });

  it('lets the officer edit the draft and drop a task', async () => {
    const officer = await h.as('chuyenvien');
    const noNumber = await officer.post(`/api/urging-letters/${letter.id}/issue`, { version: letter.version });
    expect(noNumber.status).toBe(422);
    expect(noNumber.body.error.message.vi).toBe('Hãy ghi số văn bản trước khi ban hành.');
    const res = await officer.request(
      'PUT',
      `/api/urging-letters/${letter.id}`,
      editOf(letter, { numberSymbol: '1234/VPUB-ĐĐ', signerName: 'Nguyễn Văn Sỹ', taskIds: badinh.slice(0, 2) }),
    );
    expect(res.status).toBe(200);
    expect(res.body.tasks).toHaveLength(2);
    expect((await officer.request('PUT', `/api/urging-letters/${letter.id}`, editOf(letter))).status).toBe(409);
    letter = res.body;
  });

  it('renders DOCX in the official layout', async () => {
    const officer = await h.as('chuyenvien');
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/urging-letters/${letter.id}/docx`,
      cookies: await cookieOf('chuyenvien'),
    });
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '');
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hà Nội, ngày 02 tháng 12 năm 2026',
      'Số: 1234/VPUB-ĐĐ',
      'Kính gửi: Quận Ba Đình',
      'ỦY BAN NHÂN DÂN THÀNH PHỐ',
      'Số ngày quá hạn',
      'Giải quyết dứt điểm hồ sơ cấp giấy chứng nhận quyền sử dụng đất 1',
      '20/11/2026',
      'Nơi nhận:',
      'Nguyễn Văn Sỹ',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('sử dụng đất 3');
    void officer;
  });

  it('renders PDF with the Vietnamese diacritics intact', async () => {
    // The shared extractor trims a trailing CR off stream data, which truncates a deflate stream
    // that happens to end with one (the embedded font of this letter does); inflate tolerantly.
    const inflate = zlib.inflateSync;
    (zlib as { inflateSync: typeof inflate }).inflateSync = ((b: Buffer) =>
      inflate(b, { finishFlush: zlib.constants.Z_SYNC_FLUSH })) as typeof inflate;
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/urging-letters/${letter.id}/pdf`,
      cookies: await cookieOf('chuyenvien'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    let text: string;
    try {
      text = pdfText(res.rawPayload).replace(/\s+/g, ' ');
    } finally {
      (zlib as { inflateSync: typeof inflate }).inflateSync = inflate;
    }
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hà Nội, ngày 02 tháng 12 năm 2026',
      'Kính gửi: Quận Ba Đình',
      'Nguyễn Văn Sỹ',
    ])
      expect(text).toContain(s);
  });

  it('issues: an urging on every listed task in one go, audited, and the unit is told', async () => {
    const officer = await h.as('chuyenvien');
    const res = await officer.post(`/api/urging-letters/${letter.id}/issue`, { version: letter.version });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('issued');
    expect(res.body.tasks.map((t: any) => t.urgeCount)).toEqual([1, 1]);
    const events = await h.t.db
      .selectFrom('task_events')
      .select(['task_id', 'kind', 'data'])
      .where('kind', '=', 'urged')
      .orderBy('task_id')
      .execute();
    expect(events.map((e) => e.task_id)).toEqual(badinh.slice(0, 2));
    expect(events[0]!.data).toMatchObject({ letterId: letter.id, numberSymbol: '1234/VPUB-ĐĐ' });
    const audits = await h.t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', 'in', ['task_urge', 'urging_letter_issued'])
      .execute();
    expect(audits).toHaveLength(3);
    const detail = await officer.get(`/api/tasks/${badinh[0]}`);
    expect(detail.body.timeline.map((e: any) => e.kind)).toContain('urged');
    expect((await officer.post(`/api/urging-letters/${letter.id}/issue`, { version: res.body.version })).status).toBe(
      409,
    );
    const clerk = await h.as('vanthu.badinh');
    const notes = (await clerk.get('/api/notifications')).body.items;
    expect(notes[0].title.vi).toBe('Văn bản đôn đốc số 1234/VPUB-ĐĐ: 2 nhiệm vụ quá hạn');
  });

  it('refuses to issue a letter listing a task completed since the draft', async () => {
    const officer = await h.as('chuyenvien');
    const draft = (await officer.post('/api/urging-letters', { unitId: unit('Q.HOANKIEM') })).body;
    await h.t.db.updateTable('tasks').set({ state: 'completion_reported' }).where('id', '=', hoankiem[0]!).execute();
    const edited = (
      await officer.request('PUT', `/api/urging-letters/${draft.id}`, editOf(draft, { numberSymbol: '1235/VPUB-ĐĐ' }))
    ).body;
    const res = await officer.post(`/api/urging-letters/${draft.id}/issue`, { version: edited.version });
    expect(res.status).toBe(409);
    expect(res.body.error.message.vi).toContain(`#${hoankiem[0]}`);
    const urged = await h.t.db.selectFrom('tasks').select('urge_count').where('id', 'in', hoankiem).execute();
    expect(urged.every((t) => t.urge_count === 0)).toBe(true);
  });
});

async function cookieOf(username: string) {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: 'demo1234' },
  });
  return { nv_session: res.cookies.find((c) => c.name === 'nv_session')!.value };
}
