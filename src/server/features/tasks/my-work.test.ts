import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../context.js';
import { createTestApp, tamperedAudit, type TestApp } from '../../../../test/helpers/app.js';

let h: TestApp;
let ids: number[];
const unit = (code: string) => h.t.org.unitIds.get(code)!;

beforeAll(async () => {
  h = await createTestApp({ today: '2026-06-01' });
  const officer = await h.as('chuyenvien');
  const doc = await officer.post('/api/documents', {
    numberSymbol: '200/UBND-TH',
    kind: 'Thông báo kết luận',
    issuerUnitId: unit('UBND'),
    issuedOn: '2026-06-01',
    summary: 'Kết luận giao ban tháng 6',
    tasks: [
      {
        content: 'Giải phóng mặt bằng dự án đường vành đai',
        leadUnitId: unit('Q.BADINH'),
        fieldCode: 'dat_dai',
        deadline: { kind: 'fixed', date: '2026-06-05' },
      },
      {
        content: 'Báo cáo tiến độ thu ngân sách',
        leadUnitId: unit('Q.BADINH'),
        fieldCode: 'thu_ngan_sach',
        deadline: { kind: 'fixed', date: '2026-06-30' },
      },
      {
        content: 'Kiểm tra an toàn thực phẩm',
        leadUnitId: unit('Q.HOANKIEM'),
        fieldCode: 'y_te',
        deadline: { kind: 'fixed', date: '2026-06-03' },
      },
    ],
  });
  ids = doc.body.tasks.map((t: { id: number }) => t.id);
});
afterAll(async () => h?.close());

describe('my work', () => {
  it('shows a clerk what to receive and what is due this week, only for the own unit', async () => {
    const clerk = await h.as('vanthu.badinh');
    const res = await clerk.get('/api/me/work');
    expect(res.status).toBe(200);
    expect(res.body.toReceive.count).toBe(2);
    expect(res.body.dueThisWeek.items.map((t: { id: number }) => t.id)).toEqual([ids[0]]);
    expect(res.body.overdue.count).toBe(0);
  });

  it('shows the officer the overdue tasks and the decisions waiting', async () => {
    const clerk = await h.as('vanthu.badinh');
    const officer = await h.as('chuyenvien');
    const t = (await clerk.get(`/api/tasks/${ids[1]}`)).body;
    let r = await clerk.post(`/api/tasks/${ids[1]}/receive`, { version: t.version });
    r = await clerk.post(`/api/tasks/${ids[1]}/extension-requests`, {
      version: r.body.version,
      newDeadline: '2026-07-15',
      reason: 'Chờ số liệu quý II',
    });
    expect(r.status).toBe(200);
    h.t.clock = fixedClock('2026-06-10');
    const work = (await officer.get('/api/me/work')).body;
    expect(work.overdue.items.map((x: { id: number }) => x.id).sort()).toEqual([ids[0], ids[2]].sort());
    expect(work.extensionsToDecide.items.map((x: { id: number }) => x.id)).toEqual([ids[1]]);
    expect(work.completionsToConfirm.count).toBe(0);
  });

  it('exports the filtered list to Excel', async () => {
    const app = h.app;
    const officer = await h.as('chuyenvien');
    expect(officer).toBeTruthy();
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'chuyenvien', password: 'demo1234' },
      remoteAddress: '127.0.2.1',
    });
    const cookie = login.cookies.find((c) => c.name === 'nv_session')!.value;
    const res = await app.inject({
      method: 'GET',
      url: `/api/tasks/export.xlsx?documentId=${(await officer.get(`/api/tasks/${ids[0]}`)).body.documentId}&sort=id`,
      cookies: { nv_session: cookie },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(3).value).toBe('Nội dung nhiệm vụ');
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(2).getCell(3).value).toBe('Giải phóng mặt bằng dự án đường vành đai');
    expect(ws.getRow(2).getCell(10).value).toBe('Đang thực hiện quá hạn');
    expect(ws.getRow(2).getCell(11).value).toBe(5);
  });
});

describe('audit', () => {
  it('chains every change and detects a row changed afterwards', async () => {
    const admin = await h.as('admin');
    const ok = await admin.get('/api/audit/verify');
    expect(ok.body.ok).toBe(true);
    expect(ok.body.rows).toBeGreaterThan(3);
    const trail = await admin.get(`/api/audit?entity=task&entityId=${ids[1]}`);
    expect(trail.body.map((r: { action: string }) => r.action)).toEqual([
      'task_request_extension',
      'task_receive',
      'task_created',
    ]);
    tamperedAudit(h.t);
    await sql`update audit_log set data = '{"forged":true}' where entity = 'task' and entity_id = ${String(ids[1])} and action = 'task_receive'`.execute(
      h.t.db,
    );
    const broken = await admin.get('/api/audit/verify');
    expect(broken.body.ok).toBe(false);
    expect(broken.body.firstBrokenId).toBeGreaterThan(0);
    const clerk = await h.as('vanthu.badinh');
    expect((await clerk.get('/api/audit')).status).toBe(403);
  });
});

describe('directives from the Government', () => {
  it('are entered, followed and confirmed by the city office', async () => {
    h.t.clock = fixedClock('2026-06-10');
    const officer = await h.as('chuyenvien');
    const doc = await officer.post('/api/documents', {
      numberSymbol: '45/NQ-CP',
      kind: 'Nghị quyết',
      issuerUnitId: unit('CP'),
      issuedOn: '2026-06-10',
      summary: 'Nghị quyết phiên họp Chính phủ thường kỳ',
      tasks: [
        {
          content: 'Đẩy mạnh giải ngân vốn đầu tư công',
          leadUnitId: unit('SKHDT'),
          fieldCode: 'dau_tu',
          deadline: { kind: 'fixed', date: '2026-06-30' },
        },
      ],
    });
    expect(doc.status).toBe(201);
    const task = doc.body.tasks[0];
    const sxdClerk = await h.as('vanthu.sxd');
    expect(
      (
        await sxdClerk.post('/api/documents', {
          numberSymbol: '46/NQ-CP',
          kind: 'Nghị quyết',
          issuerUnitId: unit('CP'),
          issuedOn: '2026-06-10',
          summary: 'Không được phép',
        })
      ).status,
    ).toBe(403);
    const detail = await officer.get(`/api/tasks/${task.id}`);
    expect(detail.body.allowedActions).toEqual(expect.arrayContaining(['withdraw', 'urge']));
  });
});
