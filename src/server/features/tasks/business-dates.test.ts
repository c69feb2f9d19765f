import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../context.js';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';

let h: TestApp;
const setToday = (d: string) => {
  h.t.clock = fixedClock(d);
};

beforeAll(async () => {
  h = await createTestApp({ today: '2026-04-20' });
});
afterAll(async () => h?.close());

async function clerkUnit(): Promise<number> {
  const me = await (await h.as('vanthu.badinh')).get('/api/auth/me');
  return me.body.user.unitId ?? me.body.user.unit?.id;
}

async function newTask(deadline: object, numberSymbol: string) {
  setToday('2026-04-20');
  const res = await (
    await h.as('chuyenvien')
  ).post('/api/documents', {
    numberSymbol,
    kind: 'Công văn',
    issuerUnitId: h.t.org.unitIds.get('UBND'),
    issuedOn: '2026-04-20',
    summary: 'Về việc báo cáo kết quả',
    tasks: [{ content: 'Báo cáo kết quả thực hiện', leadUnitId: await clerkUnit(), deadline }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.tasks[0].id as number;
}

const detail = async (id: number, login = 'chuyenvien') => (await (await h.as(login)).get(`/api/tasks/${id}`)).body;

describe('business dates, deadlines from receipt, undo', () => {
  it('counts a completion report on its document date, keeping the entry date', async () => {
    const id = await newTask({ kind: 'fixed', date: '2026-04-24' }, '801/UBND-VP');
    const clerk = await h.as('vanthu.badinh');
    await clerk.post(`/api/tasks/${id}/receive`, { version: (await detail(id)).version });
    setToday('2026-04-28');
    const future = await clerk.post(`/api/tasks/${id}/completion`, {
      version: (await detail(id)).version,
      note: 'Đã hoàn thành',
      document: { number: '45/BC-UBND', date: '2026-04-29' },
    });
    expect(future.status).toBe(422);
    expect(future.body.error.field).toBe('document.date');
    const early = await clerk.post(`/api/tasks/${id}/completion`, {
      version: (await detail(id)).version,
      note: 'Đã hoàn thành',
      document: { number: '45/BC-UBND', date: '2026-04-19' },
    });
    expect(early.status).toBe(422);
    const res = await clerk.post(`/api/tasks/${id}/completion`, {
      version: (await detail(id)).version,
      note: 'Đã hoàn thành',
      document: { number: '45/BC-UBND', date: '2026-04-24' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const officer = await h.as('chuyenvien');
    await officer.post(`/api/tasks/${id}/confirm`, { version: (await detail(id)).version });
    const row = await h.t.db
      .selectFrom('tasks')
      .select(['completed_on', 'confirmed_on'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ completed_on: '2026-04-24', confirmed_on: '2026-04-28' });
    const stats = await officer.get(`/api/stats?asOf=2026-04-28&groupBy=lead_unit`);
    expect(stats.status).toBe(200);
    expect(JSON.stringify(stats.body.method)).toContain('business date');
  });

  it('a report dated further back than the limit counts only if the assigning side accepts it', async () => {
    const id = await newTask({ kind: 'fixed', date: '2026-04-22' }, '802/UBND-VP');
    const clerk = await h.as('vanthu.badinh');
    await clerk.post(`/api/tasks/${id}/receive`, { version: (await detail(id)).version });
    setToday('2026-05-08');
    const res = await clerk.post(`/api/tasks/${id}/completion`, {
      version: (await detail(id)).version,
      note: 'Đã hoàn thành',
      document: { number: '50/BC-UBND', date: '2026-04-21' },
    });
    expect(res.status).toBe(200);
    const officer = await h.as('chuyenvien');
    await officer.post(`/api/tasks/${id}/confirm`, { version: (await detail(id)).version });
    let row = await h.t.db.selectFrom('tasks').select('completed_on').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.completed_on).toBe('2026-05-08');
    // Undo the confirmation (a mistake), then confirm accepting the letter's date.
    const undo = await officer.post(`/api/tasks/${id}/undo`, {
      version: (await detail(id)).version,
      reason: 'Xác nhận nhầm',
    });
    expect(undo.status, JSON.stringify(undo.body)).toBe(200);
    row = await h.t.db
      .selectFrom('tasks')
      .select(['completed_on', 'state'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ completed_on: null, state: 'completion_reported' });
    await officer.post(`/api/tasks/${id}/confirm`, { version: (await detail(id)).version, acceptDated: true });
    row = await h.t.db.selectFrom('tasks').select('completed_on').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.completed_on).toBe('2026-04-21');
    const events = await h.t.db
      .selectFrom('task_events')
      .select(['kind', 'reason'])
      .where('task_id', '=', id)
      .where('kind', '=', 'decision_undone')
      .execute();
    expect(events).toEqual([{ kind: 'decision_undone', reason: 'Xác nhận nhầm' }]);
  });

  it('refuses an undo by the lead unit and when there is nothing to undo', async () => {
    const id = await newTask({ kind: 'fixed', date: '2026-05-22' }, '803/UBND-VP');
    const clerk = await h.as('vanthu.badinh');
    expect(
      (await clerk.post(`/api/tasks/${id}/undo`, { version: (await detail(id)).version, reason: 'Thử hủy' })).status,
    ).toBe(403);
    const officer = await h.as('chuyenvien');
    expect(
      (await officer.post(`/api/tasks/${id}/undo`, { version: (await detail(id)).version, reason: 'Thử hủy' })).status,
    ).toBe(409);
  });

  it('a deadline in working days from receipt is fixed when the unit receives the task, counted from the receipt date', async () => {
    const id = await newTask({ kind: 'working_days', days: 3, from: 'receipt' }, '804/UBND-VP');
    expect((await detail(id)).deadline ?? null).toBeNull();
    setToday('2026-04-29');
    const clerk = await h.as('vanthu.badinh');
    const res = await clerk.post(`/api/tasks/${id}/receive`, {
      version: (await detail(id)).version,
      receivedOn: '2026-04-28',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // Received Tue 28/4/2026; 30/4 and 1/5 are holidays: Wed 29/4, Mon 4/5, Tue 5/5.
    const row = await h.t.db
      .selectFrom('tasks')
      .select(['deadline', 'original_deadline', 'received_on'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ deadline: '2026-05-05', original_deadline: '2026-05-05', received_on: '2026-04-28' });
  });
});
