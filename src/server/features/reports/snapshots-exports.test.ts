import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../context.js';
import { DEMO_PASSWORD } from '../../seed/organisation.js';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { playQuarter, type Fixture } from './fixture.js';
import { pdfText } from './pdf-text.js';

let h: TestApp;
let f: Fixture;
const unit = (code: string) => h.t.org.unitIds.get(code)!;
const Q3 = { period: 'quarter', year: 2026, index: 3, periodMode: 'calendar', asOf: '2026-09-30' } as const;
const Q3_QS = 'period=quarter&year=2026&index=3&periodMode=calendar&asOf=2026-09-30';

beforeAll(async () => {
  h = await createTestApp({ today: '2026-06-20' });
  f = await playQuarter(h);
});
afterAll(async () => h?.close());

/** A file download through HTTP, as bytes (the JSON test client reads text). */
let cookie: string | undefined;
async function download(username: 'chuyenvien', url: string) {
  if (!cookie) {
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: DEMO_PASSWORD },
    });
    cookie = login.cookies.find((c) => c.name === 'nv_session')!.value;
  }
  const res = await h.app.inject({ method: 'GET', url, cookies: { nv_session: cookie } });
  return {
    status: res.statusCode,
    type: String(res.headers['content-type']),
    disposition: String(res.headers['content-disposition']),
    body: res.rawPayload,
  };
}

describe('exports in the official layout', () => {
  it('writes the review to Excel, read back cell by cell', async () => {
    h.t.clock = fixedClock('2026-10-05');
    const res = await download('chuyenvien', `/api/reports/review/export?${Q3_QS}&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.type).toContain('spreadsheetml');
    expect(res.disposition).toContain('kiem-diem_2026-07-01_2026-09-30_chot-2026-09-30.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Kiểm điểm')!;
    const v = (addr: string) => ws.getCell(addr).value;
    const master = (addr: string) => ws.getCell(addr).master.address;
    // The officer's unit under its parent issues the report, with its number (NĐ 30/2020).
    expect(v('A1')).toBe('ỦY BAN NHÂN DÂN THÀNH PHỐ');
    expect(String(v('A2'))).toMatch(/^VĂN PHÒNG/);
    expect(String(v('A3'))).toMatch(/^Số: .*\/BC-VPUB$/);
    expect(v('G1')).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(v('G2')).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(ws.getCell('G2').font).toMatchObject({ name: 'Times New Roman', bold: true, underline: true });
    expect(master('O1')).toBe('G1');
    expect(v('G3')).toBe('Hà Nội, ngày 05 tháng 10 năm 2026');
    expect(v('A5')).toBe('BÁO CÁO');
    expect(v('A6')).toBe('Kiểm điểm kết quả thực hiện nhiệm vụ quý III năm 2026');
    expect(v('A7')).toBe(
      'Quý III năm 2026 (từ ngày 01/07/2026 đến ngày 30/09/2026); số liệu tính đến hết ngày 30/09/2026',
    );
    // Two header rows: single headings merged down, group headings merged across.
    expect([v('A8'), master('A9'), v('B8'), v('C8'), v('D8')]).toEqual([
      'STT',
      'A8',
      'Đơn vị chủ trì',
      'Tổng số nhiệm vụ',
      'Đến hạn tại ngày chốt',
    ]);
    expect([v('E8'), master('F8'), v('E9'), v('F9')]).toEqual(['Đã hoàn thành', 'E8', 'Đúng hạn', 'Quá hạn']);
    expect([v('G8'), master('H8'), v('G9'), v('H9')]).toEqual(['Đang thực hiện', 'G8', 'Trong hạn', 'Quá hạn']);
    expect([v('I8'), master('L8'), v('I9'), v('L9')]).toEqual([
      'Tỷ lệ',
      'I8',
      'Hoàn thành / (hoàn thành + quá hạn)',
      'Đúng hạn / hoàn thành',
    ]);
    expect([v('M8'), master('N8'), v('M9'), v('N9'), v('O8'), master('O9')]).toEqual([
      'Gia hạn',
      'M8',
      'Đề nghị',
      'Được chấp thuận',
      'Xếp hạng',
      'O8',
    ]);
    expect(v('A10')).toBe('(1)');
    const row = (r: number) => Array.from({ length: 15 }, (_, i) => ws.getCell(r, i + 1).value);
    const round = (x: unknown) => (typeof x === 'number' ? Math.round(x * 10000) / 10000 : x);
    expect(row(11).map(round)).toEqual([1, 'Quận Ba Đình', 4, 3, 1, 1, 1, 1, 0.6667, 0.6667, 0.25, 0.5, 1, 1, 1]);
    expect(row(12).map(round)).toEqual([2, 'Sở Xây dựng', 3, 3, 2, 0, 0, 1, 0.6667, 0.6667, 0.3333, 1, 0, 0, 1]);
    expect(row(13).map(round)).toEqual([3, 'Quận Hoàn Kiếm', 3, 2, 0, 1, 1, 1, 0.5, 0.5, 0.3333, 0, 1, 0, 3]);
    expect(row(14).map(round)).toEqual(['Tổng cộng', 'Tổng cộng', 10, 8, 3, 2, 2, 3, 0.625, 0.625, 0.3, 0.6, 2, 1, '']);
    expect(master('B14')).toBe('A14');
    expect(ws.getCell('C14').font).toMatchObject({ name: 'Times New Roman', bold: true });
    expect(ws.getCell('I11').numFmt).toBe('0.0%');
    for (let r = 8; r <= 14; r++)
      for (let c = 1; c <= 15; c++) expect(ws.getCell(r, c).font?.name).toBe('Times New Roman');
    expect(ws.getCell('C11').border?.top?.style).toBe('thin');
    expect(String(v('A16'))).toBe('Phương pháp tính:');
    expect(String(v('A17'))).toContain('Số liệu tính đến hết ngày 30/09/2026');
    const overdue = wb.getWorksheet('Nhiệm vụ quá hạn')!;
    expect(overdue.getCell('A1').value).toBe('DANH SÁCH NHIỆM VỤ QUÁ HẠN TÍNH ĐẾN NGÀY 30/09/2026');
    expect(
      [5, 6, 7].map((r) => [overdue.getCell(r, 2).value, overdue.getCell(r, 7).value, overdue.getCell(r, 8).value]),
    ).toEqual([
      ['Nhiệm vụ T4: rà soát, báo cáo kết quả', 20, 2],
      ['Nhiệm vụ T5: rà soát, báo cáo kết quả', 15, 0],
      ['Nhiệm vụ T13: rà soát, báo cáo kết quả', 1, 0],
    ]);
  });

  it('writes the review to PDF with every Vietnamese letter in an embedded font', async () => {
    const res = await download('chuyenvien', `/api/reports/review/export?${Q3_QS}&format=pdf`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = res.body.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).not.toContain('/Helvetica');
    const text = pdfText(res.body);
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hà Nội, ngày 05 tháng 10 năm 2026',
      'BÁO CÁO',
      'Kiểm điểm kết quả thực hiện nhiệm vụ',
      'Quận Ba Đình',
      'Quận Hoàn Kiếm',
      'Sở Xây dựng',
      'Tổng cộng',
      'Được chấp thuận',
      'Nhiệm vụ T4: rà soát, báo cáo kết quả',
      '66,7%',
    ]) {
      expect(text).toContain(s);
    }
  });
});

describe('issued reports', () => {
  let id: number;
  let hoanKiem: string;

  it('freezes the numbers and the task ids behind each of them', async () => {
    const officer = await h.as('chuyenvien');
    const issued = await officer.post('/api/reports', { ...Q3, title: 'Báo cáo kiểm điểm quý III năm 2026' });
    expect(issued.status).toBe(201);
    id = issued.body.id;
    const live = await officer.get(`/api/reports/review?${Q3_QS}`);
    const snap = await officer.get(`/api/reports/${id}`);
    expect(snap.body.review.rows).toEqual(live.body.rows);
    expect(snap.body.issuedBy.name).toBe('Nguyễn Thị Hương');
    hoanKiem = String(unit('Q.HOANKIEM'));
    const behind = await officer.get(`/api/reports/${id}/tasks?key=${hoanKiem}&measure=overdue`);
    expect(behind.body.ids).toEqual([f.task.T5]);
    const all = await officer.get(`/api/reports/${id}/tasks?key=total&measure=assigned`);
    expect(all.body.total).toBe(10);
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity', '=', 'report')
      .execute();
    expect(audit).toEqual([{ action: 'report_issued', entity_id: String(id) }]);
    expect((await officer.get(`/api/reports/${id}/diff`)).body.identical).toBe(true);
  });

  it('names the task recorded afterwards and who recorded it, and keeps the frozen numbers', async () => {
    h.t.clock = fixedClock('2026-10-06');
    const officer = await h.as('chuyenvien');
    const late = await officer.post('/api/documents', {
      numberSymbol: '904/UBND-KT',
      kind: 'Công văn',
      issuerUnitId: unit('UBND'),
      issuedOn: '2026-09-10',
      summary: 'Văn bản vào sổ muộn',
      tasks: [
        {
          content: 'Nhiệm vụ T14 vào sổ sau ngày chốt',
          leadUnitId: unit('Q.HOANKIEM'),
          fieldCode: 'dat_dai',
          deadline: { kind: 'fixed', date: '2026-09-25' },
        },
      ],
    });
    expect(late.status).toBe(201);
    const t14 = late.body.tasks[0].id;
    const diff = await officer.get(`/api/reports/${id}/diff`);
    expect(diff.status).toBe(200);
    expect(diff.body.identical).toBe(false);
    expect(diff.body.numbers).toEqual(
      expect.arrayContaining([
        { key: hoanKiem, label: 'Quận Hoàn Kiếm', measure: 'assigned', before: 3, after: 4 },
        { key: hoanKiem, label: 'Quận Hoàn Kiếm', measure: 'overdue', before: 1, after: 2 },
        { key: 'total', label: 'Tổng cộng', measure: 'assigned', before: 10, after: 11 },
      ]),
    );
    expect(diff.body.tasks).toHaveLength(1);
    const changed = diff.body.tasks[0];
    expect(changed).toMatchObject({
      taskId: t14,
      before: null,
      after: { groupKey: hoanKiem, status: 'in_progress_overdue', isDue: true },
    });
    expect(changed.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          source: 'event',
          kind: 'assigned',
          actor: { id: officer.userId, name: 'Nguyễn Thị Hương' },
        }),
      ]),
    );
    const frozen = await officer.get(`/api/reports/${id}`);
    expect(frozen.body.review.rows.find((r: any) => r.key === hoanKiem).assigned).toBe(3);
  });

  it('lets only those who may run the review read it, and only the office or the unit head issue one', async () => {
    const clerk = await h.as('vanthu.hoankiem');
    expect((await clerk.get(`/api/reports/${id}`)).status).toBe(404);
    expect((await clerk.get('/api/reports')).body.items).toEqual([]);
    expect((await clerk.post('/api/reports', Q3)).status).toBe(403);
    const head = await h.as('truongphong.badinh');
    const own = await head.post('/api/reports', Q3);
    expect(own.status).toBe(201);
    expect(own.body.review.rows.map((r: any) => r.code)).toEqual(['Q.BADINH']);
    expect((await head.get(`/api/reports/${own.body.id}`)).status).toBe(200);
    expect((await (await h.as('chuyenvien')).get(`/api/reports/${own.body.id}`)).status).toBe(200);
    expect((await head.get('/api/reports/999999')).status).toBe(404);
  });
  it('exports an issued report as frozen, dated the day it was issued', async () => {
    const officer = await h.as('chuyenvien');
    const list = await officer.get('/api/reports');
    const first = list.body.items[list.body.items.length - 1];
    const res = await download('chuyenvien', `/api/reports/${first.id}/export?format=xlsx`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Kiểm điểm')!;
    // Frozen before T14 was recorded: Hoàn Kiếm still has 3 tasks.
    expect(ws.getCell('B13').value).toBe('Quận Hoàn Kiếm');
    expect(ws.getCell('C13').value).toBe(3);
    expect((await download('chuyenvien', `/api/reports/${first.id}/export?format=doc`)).status).toBe(400);
  });
});
