import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';

/** Import of documents and their tasks from a table (DESIGN.md §10): dry run, errors by line, all or nothing. */
let h: TestApp;

beforeAll(async () => {
  h = await createTestApp({ today: '2026-10-05' });
});
afterAll(async () => h?.close());

const officer = () => h.as('chuyenvien');
const documentCount = async () =>
  Number(
    (
      await h.t.db
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const taskCount = async () =>
  Number(
    (
      await h.t.db
        .selectFrom('tasks')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const HEADER =
  'Số ký hiệu;Loại văn bản;Cơ quan ban hành;Ngày ban hành;Người ký;Trích yếu;Nội dung nhiệm vụ;Đơn vị chủ trì;Đơn vị phối hợp;Lĩnh vực;Trọng tâm;Lãnh đạo chỉ đạo;Mục khoản;Sản phẩm;Thời hạn;Định kỳ;Đến ngày;Ngày hạn trong kỳ';
const GOOD = [
  HEADER,
  '125/KH-UBND;Kế hoạch;UBND;01/10/2026;Nguyễn Văn A;Kế hoạch cải cách hành chính quý IV;Rà soát thủ tục hành chính cấp quận;Q.BADINH;"SNV; VPUB";cai_cach_hanh_chinh;x;lanhdao;Mục II.1;Báo cáo rà soát;30/11/2026;;;',
  '125/KH-UBND;;;;;;Số hóa hồ sơ một cửa;Q.HOANKIEM;;;;;;;15;;;',
  '125/KH-UBND;;;;;;Báo cáo tiến độ cải cách hành chính;SNV;;;;Trần Văn Minh;;;;hằng quý;30/06/2027;15',
  '126/UBND-KT;Công văn;UBND;2026-10-02;;Về thu ngân sách;Đôn đốc thu ngân sách quý IV;SXD;;thu_ngan_sach;;;;;;;;',
].join('\r\n');

describe('POST /api/documents/import', () => {
  it('checks a file in a dry run, all of it, without writing anything', async () => {
    const [docs, tasks] = [await documentCount(), await taskCount()];
    const res = await (
      await officer()
    ).upload('/api/documents/import?dryRun=true', 'giao-viec.csv', Buffer.from(`\uFEFF${GOOD}`));
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
    expect(res.body.documents).toEqual([
      {
        numberSymbol: '125/KH-UBND',
        issuedOn: '2026-10-01',
        kind: 'Kế hoạch',
        issuerCode: 'UBND',
        lines: [2, 3, 4],
        tasks: 3,
      },
      {
        numberSymbol: '126/UBND-KT',
        issuedOn: '2026-10-02',
        kind: 'Công văn',
        issuerCode: 'UBND',
        lines: [5],
        tasks: 1,
      },
    ]);
    expect([await documentCount(), await taskCount()]).toEqual([docs, tasks]);
  });

  it('reports every bad row by line and field, and writes none of a file that has one', async () => {
    const bad = [
      HEADER,
      '127/UBND;Công văn;UBND;31/02/2026;;Văn bản lỗi;Nhiệm vụ hợp lệ;Q.BADINH;;;;;;;;;;',
      '128/UBND;Công văn;UBND;2026-10-03;;Văn bản khác;Nhiệm vụ đơn vị lạ;Q.KHONGCO;X.Y;linh_vuc_la;;ai_do;;;ngày mai;;;',
      '128/UBND;Thông báo;;;;;Nhiệm vụ định kỳ thiếu hạn;SNV;;;;;;;;hằng tuần;;40',
      ';Công văn;UBND;2026-10-03;;Thiếu số;Nhiệm vụ không số;SNV;;;;;;;;;;',
    ].join('\n');
    const dry = await (await officer()).upload('/api/documents/import?dryRun=true', 'loi.csv', Buffer.from(bad));
    expect(dry.status).toBe(200);
    const where = dry.body.errors.map((e: { line: number; field: string }) => `${e.line}.${e.field}`);
    expect(where).toEqual([
      '2.issuedOn',
      '3.lead',
      '3.coordinators',
      '3.field',
      '3.leader',
      '3.deadline',
      '4.kind',
      '4.period',
      '4.periodUntil',
      '4.dueDay',
      '5.numberSymbol',
    ]);
    expect(dry.body.errors[0].message.vi).toContain('Dòng 2');
    expect(dry.body.errors[1].message.en).toContain('Q.KHONGCO');
    const docs = await documentCount();
    const apply = await (await officer()).upload('/api/documents/import?dryRun=false', 'loi.csv', Buffer.from(bad));
    expect(apply.status).toBe(422);
    expect(apply.body.error.message.vi).toContain('chưa ghi văn bản nào');
    expect(apply.body.error.issues[0].field).toBe('line 2.issuedOn');
    expect(await documentCount()).toBe(docs);
  });

  it('imports a good file all at once, with every task as the entry form would give it, and refuses it a second time', async () => {
    const [docs, tasks] = [await documentCount(), await taskCount()];
    const res = await (
      await officer()
    ).upload('/api/documents/import?dryRun=false', 'giao-viec.csv', Buffer.from(GOOD));
    expect(res.status).toBe(200);
    expect(res.body.documents.map((d: { id?: number }) => typeof d.id)).toEqual(['number', 'number']);
    expect(await documentCount()).toBe(docs + 2);
    // The quarterly report from 01/10/2026 to 30/06/2027 gives three instances (Q4, Q1, Q2).
    expect(await taskCount()).toBe(tasks + 3 + 3);
    const id = res.body.documents[0].id as number;
    const rows = await h.t.db.selectFrom('tasks').selectAll().where('document_id', '=', id).orderBy('id').execute();
    const lanhdao = h.t.org.userIds.get('lanhdao')!;
    expect(rows[0]).toMatchObject({
      content: 'Rà soát thủ tục hành chính cấp quận',
      lead_unit_id: h.t.org.unitIds.get('Q.BADINH'),
      field_code: 'cai_cach_hanh_chinh',
      is_key: true,
      leader_user_id: lanhdao,
      paragraph: 'Mục II.1',
      expected_product: 'Báo cáo rà soát',
      deadline: '2026-11-30',
      deadline_kind: 'fixed',
    });
    expect(rows[1]).toMatchObject({ deadline_kind: 'working_days', working_days: 15 });
    expect(rows.slice(2).map((r) => [r.deadline_kind, r.deadline, r.leader_user_id])).toEqual([
      ['periodic', '2026-12-15', lanhdao],
      ['periodic', '2027-03-15', lanhdao],
      ['periodic', '2027-06-15', lanhdao],
    ]);
    const coordinators = await h.t.db
      .selectFrom('task_coordinators')
      .select('unit_id')
      .where('task_id', '=', rows[0]!.id)
      .orderBy('unit_id')
      .execute();
    expect(coordinators.map((c) => c.unit_id).sort()).toEqual(
      [h.t.org.unitIds.get('SNV'), h.t.org.unitIds.get('VPUB')].sort(),
    );
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'document_created')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit).toHaveLength(1);

    const again = await (
      await officer()
    ).upload('/api/documents/import?dryRun=true', 'giao-viec.csv', Buffer.from(GOOD));
    expect(again.body.errors.map((e: { line: number; field: string }) => `${e.line}.${e.field}`)).toEqual([
      '2.numberSymbol',
      '5.numberSymbol',
    ]);
    expect(again.body.errors[0].message.vi).toContain('đã được nhập');
  });

  it('names the successor of a unit that is no longer active', async () => {
    const [tayho, longbien] = [h.t.org.unitIds.get('Q.TAYHO')!, h.t.org.unitIds.get('Q.LONGBIEN')!];
    await h.t.db.updateTable('units').set({ active: false, successor_id: longbien }).where('id', '=', tayho).execute();
    try {
      const csv = `${HEADER}\n131/UBND;Công văn;UBND;2026-10-03;;Về đô thị;Chỉnh trang ven hồ;Q.TAYHO;;;;;;;;;;\n`;
      const res = await (await officer()).upload('/api/documents/import?dryRun=true', 'cu.csv', Buffer.from(csv));
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0].message.vi).toBe(
        'Dòng 2: đơn vị chủ trì "Q.TAYHO" đã ngừng hoạt động, nhiệm vụ giao cho đơn vị kế thừa "Q.LONGBIEN".',
      );
    } finally {
      await h.t.db.updateTable('units').set({ active: true, successor_id: null }).where('id', '=', tayho).execute();
    }
  });

  it('reads the same table from an Excel file, dates as cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Nhiệm vụ');
    ws.addRow([
      'so_ky_hieu',
      'loai_van_ban',
      'co_quan_ban_hanh',
      'ngay_ban_hanh',
      'trich_yeu',
      'noi_dung_nhiem_vu',
      'don_vi_chu_tri',
      'thoi_han',
    ]);
    ws.addRow([
      '130/UBND-VX',
      'Công văn',
      'UBND',
      new Date(Date.UTC(2026, 9, 5)),
      'Về y tế cơ sở',
      'Kiểm tra trạm y tế phường',
      'Q.BADINH',
      new Date(Date.UTC(2026, 11, 31)),
    ]);
    const res = await (
      await officer()
    ).upload('/api/documents/import?dryRun=false', 'giao-viec.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const task = await h.t.db
      .selectFrom('tasks')
      .select(['deadline', 'assigned_on'])
      .where('document_id', '=', res.body.documents[0].id)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({ deadline: '2026-12-31', assigned_on: '2026-10-05' });
  });

  it('names the missing columns, refuses callers who do not register documents, and offers a template that imports as it is', async () => {
    const missing = await (
      await officer()
    ).upload('/api/documents/import', 'x.csv', Buffer.from('Số ký hiệu;Ghi chú\n1/UBND;abc\n'));
    expect(missing.status).toBe(422);
    expect(missing.body.error.message.vi).toContain('content, lead');
    expect(missing.body.error.message.vi).toContain('Ghi chú');
    expect(
      (await (await h.as('vanthu.badinh')).upload('/api/documents/import', 'giao-viec.csv', Buffer.from(GOOD))).status,
    ).toBe(403);
    const template = await (await officer()).get('/api/documents/import/template.csv');
    expect(template.status).toBe(200);
    const dry = await (
      await officer()
    ).upload('/api/documents/import?dryRun=true', 'mau.csv', Buffer.from(template.body as string));
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.documents).toHaveLength(1);
    expect(dry.body.documents[0].tasks).toBe(2);
  });
});
