import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../context.js';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';

let h: TestApp;
const unit = (code: string) => h.t.org.unitIds.get(code)!;
const setToday = (d: string) => {
  h.t.clock = fixedClock(d);
};

beforeAll(async () => {
  h = await createTestApp({ today: '2026-03-02' });
});
afterAll(async () => h?.close());

async function registerDocument(numberSymbol = '15/UBND-KT') {
  const officer = await h.as('chuyenvien');
  return officer.post('/api/documents', {
    numberSymbol,
    kind: 'Công văn',
    issuerUnitId: unit('UBND'),
    issuedOn: '2026-03-02',
    signer: 'Phó Chủ tịch UBND Thành phố',
    summary: 'Về việc xử lý hồ sơ tồn đọng trong lĩnh vực đất đai',
    tasks: [
      {
        content: 'Rà soát hồ sơ đất đai tồn đọng',
        leadUnitId: unit('Q.BADINH'),
        coordinatingUnitIds: [unit('STNMT')],
        fieldCode: 'dat_dai',
        deadline: { kind: 'fixed', date: '2026-03-20' },
      },
      {
        content: 'Báo cáo kết quả giải quyết hồ sơ',
        leadUnitId: unit('Q.BADINH'),
        fieldCode: 'dat_dai',
        deadline: { kind: 'working_days', days: 10 },
      },
      { content: 'Thường xuyên theo dõi, đôn đốc', leadUnitId: unit('Q.HOANKIEM'), deadline: { kind: 'none' } },
    ],
  });
}

describe('the life of a task through the API', () => {
  it('registers a document with its tasks in one go', async () => {
    const res = await registerDocument();
    expect(res.status).toBe(201);
    expect(res.body.tasks).toHaveLength(3);
    const byContent = Object.fromEntries(res.body.tasks.map((t: any) => [t.content, t]));
    expect(byContent['Rà soát hồ sơ đất đai tồn đọng'].deadline).toBe('2026-03-20');
    // 10 working days from Monday 2 March 2026: 16 March.
    expect(byContent['Báo cáo kết quả giải quyết hồ sơ'].deadline).toBe('2026-03-16');
    expect(byContent['Thường xuyên theo dõi, đôn đốc'].deadline).toBeNull();
    expect(byContent['Rà soát hồ sơ đất đai tồn đọng'].coordinatingUnits.map((u: any) => u.code)).toEqual(['STNMT']);
  });

  it('refuses a document whose one bad row would half-write it', async () => {
    const officer = await h.as('chuyenvien');
    const res = await officer.post('/api/documents', {
      numberSymbol: '16/UBND-KT',
      kind: 'Công văn',
      issuerUnitId: unit('UBND'),
      issuedOn: '2026-03-02',
      summary: 'Văn bản lỗi',
      tasks: [
        { content: 'Dòng hợp lệ', leadUnitId: unit('Q.BADINH'), deadline: { kind: 'fixed', date: '2026-04-01' } },
        { content: 'Dòng sai đơn vị', leadUnitId: 999999, deadline: { kind: 'fixed', date: '2026-04-01' } },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message.vi).toContain('Dòng 2');
    expect(res.body.error.field).toBe('leadUnitId');
    const docs = await officer.get('/api/documents?q=16/UBND');
    expect(docs.body.items).toHaveLength(0);
  });

  it('explains a malformed body field by field', async () => {
    const officer = await h.as('chuyenvien');
    const res = await officer.post('/api/documents', {
      numberSymbol: '',
      kind: 'Thư',
      issuerUnitId: 'x',
      issuedOn: '2026-02-30',
      summary: 'ab',
    });
    expect(res.status).toBe(400);
    const fields = res.body.error.issues.map((i: any) => i.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.numberSymbol', 'body.kind', 'body.issuerUnitId', 'body.issuedOn']),
    );
    expect(res.body.error.message.vi).toMatch(/không hợp lệ/);
  });

  it('follows receive → progress → extension → approval → completion → confirmation, and the statistics follow', async () => {
    const created = await registerDocument('17/UBND-KT');
    const task = created.body.tasks.find((t: any) => t.content.startsWith('Rà soát'));
    const clerk = await h.as('vanthu.badinh');
    const officer = await h.as('chuyenvien');

    let r = await clerk.post(`/api/tasks/${task.id}/receive`, { version: task.version });
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('received');
    r = await clerk.post(`/api/tasks/${task.id}/progress`, {
      version: r.body.version,
      note: 'Đã rà soát 40 hồ sơ',
      percent: 40,
    });
    expect(r.body.progress).toBe(40);

    setToday('2026-03-18');
    r = await clerk.post(`/api/tasks/${task.id}/extension-requests`, {
      version: r.body.version,
      newDeadline: '2026-03-31',
      reason: 'Chờ ý kiến Sở Tài nguyên và Môi trường',
    });
    expect(r.status).toBe(200);
    expect(r.body.allowedActions).not.toContain('request_extension');
    const requestId = r.body.extensionRequests[0].id;

    const stale = await officer.post(`/api/tasks/${task.id}/extension-requests/${requestId}/approve`, {
      version: r.body.version - 1,
    });
    expect(stale.status).toBe(409);
    setToday('2026-03-23');
    r = await officer.post(`/api/tasks/${task.id}/extension-requests/${requestId}/approve`, {
      version: r.body.version,
      reason: 'Đồng ý',
    });
    expect(r.status).toBe(200);
    expect(r.body.deadline).toBe('2026-03-31');
    expect(r.body.originalDeadline).toBe('2026-03-20');
    expect(r.body.deadlineHistory).toEqual([
      { effectiveOn: '2026-03-02', deadline: '2026-03-20' },
      { effectiveOn: '2026-03-23', deadline: '2026-03-31' },
    ]);

    // Between the original deadline and the approval the task was overdue, and stays so for that day.
    const before = await officer.get(`/api/tasks/${task.id}?asOf=2026-03-22`);
    expect(before.body.status).toBe('in_progress_overdue');

    setToday('2026-03-30');
    r = await clerk.post(`/api/tasks/${task.id}/completion`, {
      version: r.body.version,
      note: 'Đã xử lý xong',
      resultDocument: '123/BC-UBND',
    });
    expect(r.body.state).toBe('completion_reported');
    expect(r.body.status).toBe('in_progress_on_time');

    setToday('2026-04-02');
    const clerkConfirm = await clerk.post(`/api/tasks/${task.id}/confirm`, { version: r.body.version });
    expect(clerkConfirm.status).toBe(403);
    r = await officer.post(`/api/tasks/${task.id}/confirm`, { version: r.body.version });
    expect(r.body.state).toBe('completed');
    expect(r.body.status).toBe('completed_on_time');
    expect(r.body.completedOn).toBe('2026-03-30');
    expect(r.body.timeline.map((e: any) => e.kind)).toEqual([
      'assigned',
      'received',
      'progress',
      'extension_requested',
      'extension_approved',
      'completion_reported',
      'completion_confirmed',
    ]);

    const stats = await officer.get(`/api/stats?asOf=2026-04-02&groupBy=lead_unit&unitId=${unit('Q.BADINH')}`);
    const row = stats.body.rows.find((x: any) => x.code === 'Q.BADINH');
    expect(row.onTime).toBeGreaterThanOrEqual(1);
    const earlier = await officer.get(`/api/stats?asOf=2026-03-22&groupBy=lead_unit&unitId=${unit('Q.BADINH')}`);
    const rowEarlier = earlier.body.rows.find((x: any) => x.code === 'Q.BADINH');
    expect(rowEarlier.onTime).toBe(row.onTime - 1);
  });

  it('returns a completion with reasons and reopens the task', async () => {
    setToday('2026-03-02');
    const created = await registerDocument('18/UBND-KT');
    const task = created.body.tasks.find((t: any) => t.content.startsWith('Báo cáo'));
    const clerk = await h.as('vanthu.badinh');
    const officer = await h.as('chuyenvien');
    let r = await clerk.post(`/api/tasks/${task.id}/receive`, { version: task.version });
    r = await clerk.post(`/api/tasks/${task.id}/completion`, { version: r.body.version, note: 'Xong' });
    const noReason = await officer.post(`/api/tasks/${task.id}/return`, { version: r.body.version, reason: '' });
    expect(noReason.status).toBe(400);
    r = await officer.post(`/api/tasks/${task.id}/return`, { version: r.body.version, reason: 'Thiếu số liệu quý I' });
    expect(r.body.state).toBe('in_progress');
    expect(r.body.allowedActions).toEqual(expect.arrayContaining([]));
    const again = await officer.post(`/api/tasks/${task.id}/confirm`, { version: r.body.version });
    expect(again.status).toBe(409);
  });

  it('refuses an extension asked after the deadline, and one later than the parent allows', async () => {
    setToday('2026-03-02');
    const created = await registerDocument('19/UBND-KT');
    const task = created.body.tasks.find((t: any) => t.content.startsWith('Rà soát'));
    const clerk = await h.as('vanthu.badinh');
    const r = await clerk.post(`/api/tasks/${task.id}/receive`, { version: task.version });
    const earlier = await clerk.post(`/api/tasks/${task.id}/extension-requests`, {
      version: r.body.version,
      newDeadline: '2026-03-10',
      reason: 'Sai hạn',
    });
    expect(earlier.status).toBe(422);
    expect(earlier.body.error.field).toBe('newDeadline');
    setToday('2026-03-21');
    const late = await clerk.post(`/api/tasks/${task.id}/extension-requests`, {
      version: r.body.version,
      newDeadline: '2026-04-10',
      reason: 'Quá hạn mới xin',
    });
    expect(late.status).toBe(409);
  });

  it('hands a task down to a division with a deadline no later than the parent', async () => {
    setToday('2026-03-02');
    const created = await registerDocument('20/UBND-KT');
    const task = created.body.tasks.find((t: any) => t.content.startsWith('Rà soát'));
    const head = await h.as('truongphong.badinh');
    const tooLate = await head.post(`/api/tasks/${task.id}/subtasks`, {
      version: task.version,
      content: 'Phòng QLĐT rà soát',
      leadUnitId: unit('Q.BADINH.QLDT'),
      deadline: '2026-04-30',
    });
    expect(tooLate.status).toBe(422);
    const outside = await head.post(`/api/tasks/${task.id}/subtasks`, {
      version: task.version,
      content: 'Giao sang quận khác',
      leadUnitId: unit('Q.HOANKIEM'),
      deadline: '2026-03-15',
    });
    expect(outside.status).toBe(422);
    const r = await head.post(`/api/tasks/${task.id}/subtasks`, {
      version: task.version,
      content: 'Phòng QLĐT rà soát hồ sơ',
      leadUnitId: unit('Q.BADINH.QLDT'),
      deadline: '2026-03-15',
    });
    expect(r.status).toBe(200);
    expect(r.body.subtasks).toHaveLength(1);
    expect(r.body.subtasks[0].leadUnit.code).toBe('Q.BADINH.QLDT');
    expect(r.body.subtasks[0].assignerUnit.code).toBe('Q.BADINH');
  });

  it('finds tasks by text without diacritics, and pages with a keyset cursor', async () => {
    const officer = await h.as('chuyenvien');
    const found = await officer.get(`/api/tasks?q=${encodeURIComponent('ho so dat dai ton dong')}`);
    expect(found.status).toBe(200);
    expect(found.body.items.length).toBeGreaterThan(0);
    expect(found.body.items.every((t: any) => t.content.includes('hồ sơ đất đai tồn đọng'))).toBe(true);
    const first = await officer.get('/api/tasks?limit=2&sort=deadline');
    const second = await officer.get(`/api/tasks?limit=2&sort=deadline&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).not.toBe(first.body.items[1].id);
    const bad = await officer.get('/api/tasks?cursor=garbage');
    expect(bad.status).toBe(400);
    // Days, units, states and the page size are written into the list's SQL (tasks/list.ts dayIn):
    // only checked values get there, and an unknown unit is an empty list, not an error.
    for (const q of [
      'asOf=2026-02-30',
      "asOf=2026-01-01'--",
      'deadlineFrom=abc',
      'state=x',
      'status=x',
      'limit=0',
      'unitId=1e300',
      'authorityId=-1',
    ]) {
      const refused = await officer.get(`/api/tasks?${encodeURI(q)}`);
      expect(refused.status, q).toBe(400);
      expect(refused.body.error.message.en, q).toBeTruthy();
    }
    for (const q of ['unitId=99999999999', 'authorityId=99999999999']) {
      const empty = await officer.get(`/api/tasks?${q}`);
      expect([empty.status, empty.body.items], q).toEqual([200, []]);
    }
    const unknown = await officer.get('/api/tasks/987654');
    expect(unknown.status).toBe(404);
  });

  it('withdraws a task, which leaves the statistics from that day', async () => {
    setToday('2026-03-02');
    const created = await registerDocument('21/UBND-KT');
    const task = created.body.tasks.find((t: any) => t.content.startsWith('Thường xuyên'));
    const officer = await h.as('chuyenvien');
    setToday('2026-03-05');
    const r = await officer.post(`/api/tasks/${task.id}/withdraw`, {
      version: task.version,
      reason: 'Không còn phù hợp',
    });
    expect(r.body.state).toBe('withdrawn');
    expect(r.body.status).toBeNull();
    const before = await officer.get(`/api/tasks/${task.id}?asOf=2026-03-04`);
    expect(before.body.status).toBe('in_progress_on_time');
    const counted = await officer.get(`/api/tasks?documentId=${task.documentId}&counted=true&asOf=2026-03-05`);
    expect(counted.body.items.map((t: any) => t.id)).not.toContain(task.id);
    const countedBefore = await officer.get(`/api/tasks?documentId=${task.documentId}&counted=true&asOf=2026-03-04`);
    expect(countedBefore.body.items.map((t: any) => t.id)).toContain(task.id);
  });
});
