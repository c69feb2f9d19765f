import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';

let h: TestApp;
const unit = (code: string) => h.t.org.unitIds.get(code)!;

beforeAll(async () => {
  h = await createTestApp({ today: '2026-10-05' });
});
afterAll(async () => h?.close());

/** Uploads a file as multipart/form-data (field "file"). */
const upload = async (username: string, url: string, name: string, content: Buffer) =>
  (await h.as(username)).upload(url, name, content);

const count = async () =>
  Number(
    (
      await h.t.db
        .selectFrom('dossier_stats')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const GOOD_CSV = [
  'Mã đơn vị;Mã lĩnh vực;Từ ngày;Đến ngày;Tiếp nhận;Giải quyết đúng hạn;Giải quyết quá hạn;Đang giải quyết trong hạn;Đang giải quyết quá hạn',
  'Q.BADINH;dat_dai;01/07/2026;31/07/2026;120;90;10;15;5',
  'Q.BADINH;xay_dung;2026-07-01;2026-07-31;40;30;2;8;0',
  'q.hoankiem;dat_dai;2026-07-01;2026-07-31;55;50;0;5;0',
].join('\r\n');

describe('administrative-procedure dossier statistics', () => {
  it('checks a CSV file in a dry run without writing anything', async () => {
    const res = await upload(
      'chuyenvien',
      '/api/reports/dossiers/import?dryRun=true',
      'mot-cua-thang-7.csv',
      Buffer.from('\uFEFF' + GOOD_CSV),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, total: 3, valid: 3, errors: [] });
    expect(res.body.preview[0]).toMatchObject({
      unitCode: 'Q.BADINH',
      fieldCode: 'dat_dai',
      periodStart: '2026-07-01',
      periodEnd: '2026-07-31',
      received: 120,
      pendingOverdue: 5,
    });
    expect(await count()).toBe(0);
  });

  it('reports every bad row by line and writes none of a file that has one', async () => {
    const bad = [
      'unit_code,field_code,period_start,period_end,received,resolved_on_time,resolved_late,pending_on_time,pending_overdue',
      'Q.BADINH,dat_dai,2026-08-01,2026-08-31,10,5,1,4,0',
      'KHONGCO,dat_dai,2026-08-01,2026-08-31,10,5,1,4,0',
      'Q.BADINH,khong_co,2026-08-01,2026-08-31,10,5,1,4,0',
      'Q.BADINH,y_te,31/08/2026,2026-08-01,10,5,1,4,0',
      'Q.BADINH,giao_duc,2026-08-01,2026-08-31,-3,,,,',
      'Q.BADINH,moi_truong,2026-08-01,2026-08-31,5,5,1,0,0',
      'Q.BADINH,dat_dai,2026-08-01,2026-08-31,10,5,1,4,0',
    ].join('\n');
    const dry = await upload('chuyenvien', '/api/reports/dossiers/import?dryRun=true', 'loi.csv', Buffer.from(bad));
    expect(dry.status).toBe(200);
    expect(dry.body.errors.map((e: any) => [e.line, e.field])).toEqual([
      [3, 'unitCode'],
      [4, 'fieldCode'],
      [5, 'periodEnd'],
      [6, 'received'],
      [7, 'received'],
      [8, 'row'],
    ]);
    expect(dry.body.errors[0].message.vi).toBe('Dòng 3: không có đơn vị mã "KHONGCO".');
    expect(dry.body.errors[0].message.en).toBe('Line 3: no unit with code "KHONGCO".');
    const apply = await upload('chuyenvien', '/api/reports/dossiers/import?dryRun=false', 'loi.csv', Buffer.from(bad));
    expect(apply.status).toBe(422);
    expect(apply.body.error.message.vi).toContain('chưa ghi dòng nào');
    expect(apply.body.error.issues).toHaveLength(6);
    expect(await count()).toBe(0);
  });

  it('applies a good file all at once, and replaces a period imported again', async () => {
    const first = await upload(
      'chuyenvien',
      '/api/reports/dossiers/import?dryRun=false',
      'thang-7.csv',
      Buffer.from(GOOD_CSV),
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ dryRun: false, valid: 3, inserted: 3, replaced: 0 });
    const again = await upload(
      'chuyenvien',
      '/api/reports/dossiers/import?dryRun=false',
      'thang-7.csv',
      Buffer.from(GOOD_CSV.replace(';120;', ';121;')),
    );
    expect(again.body).toMatchObject({ inserted: 0, replaced: 3 });
    expect(await count()).toBe(3);
    const row = await h.t.db
      .selectFrom('dossier_stats')
      .selectAll()
      .where('unit_id', '=', unit('Q.BADINH'))
      .where('field_code', '=', 'dat_dai')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      received: 121,
      resolved_on_time: 90,
      resolved_late: 10,
      pending_on_time: 15,
      pending_overdue: 5,
      source: 'import',
      period_start: '2026-07-01',
    });
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select(['action', 'data'])
      .where('entity', '=', 'dossier_stats')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('reads an Excel file the same way', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Số liệu');
    ws.addRow([
      'unit_code',
      'field_code',
      'period_start',
      'period_end',
      'received',
      'resolved_on_time',
      'resolved_late',
      'pending_on_time',
      'pending_overdue',
    ]);
    ws.addRow([
      'SXD',
      'xay_dung',
      new Date(Date.UTC(2026, 7, 1)),
      new Date(Date.UTC(2026, 7, 31)),
      200,
      150,
      20,
      20,
      10,
    ]);
    const res = await upload(
      'chuyenvien',
      '/api/reports/dossiers/import?dryRun=false',
      'thang-8.xlsx',
      Buffer.from(await wb.xlsx.writeBuffer()),
    );
    expect(res.status).toBe(200);
    expect(res.body.preview[0]).toMatchObject({
      unitCode: 'SXD',
      periodStart: '2026-08-01',
      periodEnd: '2026-08-31',
      received: 200,
    });
  });

  it('takes rows by API and shows them beside the task record in the review', async () => {
    const officer = await h.as('chuyenvien');
    const res = await officer.post('/api/reports/dossiers', {
      rows: [
        {
          unitCode: 'Q.BADINH',
          fieldCode: 'dat_dai',
          periodStart: '2026-08-01',
          periodEnd: '2026-08-31',
          received: 80,
          resolvedOnTime: 70,
          resolvedLate: 5,
          pendingOverdue: 5,
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.inserted).toBe(1);
    const review = await officer.get(
      '/api/reports/review?period=quarter&year=2026&index=3&periodMode=calendar&asOf=2026-09-30',
    );
    // No tasks in this database, so the rows are the units with dossiers only through the totals.
    expect(review.body.totals.dossiers).toEqual({
      received: 121 + 40 + 55 + 200 + 80,
      resolvedOnTime: 90 + 30 + 50 + 150 + 70,
      resolvedLate: 10 + 2 + 0 + 20 + 5,
      pendingOnTime: 15 + 8 + 5 + 20 + 0,
      pendingOverdue: 5 + 0 + 0 + 10 + 5,
    });
    const list = await officer.get(`/api/reports/dossiers?unitId=${unit('Q.BADINH')}`);
    expect(list.body.items).toHaveLength(3);
  });

  it('keeps a unit to its own rows and refuses malformed requests', async () => {
    const clerk = await h.as('vanthu.hoankiem');
    const other = await clerk.post('/api/reports/dossiers', {
      dryRun: true,
      rows: [
        { unitCode: 'Q.BADINH', fieldCode: 'dat_dai', periodStart: '2026-09-01', periodEnd: '2026-09-30', received: 1 },
      ],
    });
    expect(other.body.errors[0]).toMatchObject({
      field: 'unitCode',
      message: { vi: expect.stringContaining('ngoài phạm vi') },
    });
    const own = await clerk.post('/api/reports/dossiers', {
      rows: [
        {
          unitCode: 'Q.HOANKIEM',
          fieldCode: 'dat_dai',
          periodStart: '2026-09-01',
          periodEnd: '2026-09-30',
          received: 1,
        },
      ],
    });
    expect(own.status).toBe(200);
    expect((await (await h.as('canbo.badinh')).post('/api/reports/dossiers', { rows: [] })).status).toBe(400);
    expect(
      (
        await (
          await h.as('thanhtra.snv')
        ).post('/api/reports/dossiers', {
          rows: [
            { unitCode: 'SXD', fieldCode: 'y_te', periodStart: '2026-09-01', periodEnd: '2026-09-30', received: 1 },
          ],
        })
      ).status,
    ).toBe(403);
    const noHeader = await upload('chuyenvien', '/api/reports/dossiers/import', 'x.csv', Buffer.from('a,b\n1,2\n'));
    expect(noHeader.status).toBe(422);
    expect(noHeader.body.error.message.vi).toContain('Tệp thiếu cột');
    const empty = await upload(
      'chuyenvien',
      '/api/reports/dossiers/import',
      'x.csv',
      Buffer.from(GOOD_CSV.split('\r\n')[0]!),
    );
    expect(empty.status).toBe(422);
  });
});
