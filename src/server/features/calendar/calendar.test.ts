import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-03-02' });
});
afterAll(async () => t?.close());

const deadline = async (from: string, days: number) => {
  const res = await (await t.as('vanthu.badinh')).get(`/api/calendar/working-days?from=${from}&days=${days}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.deadline as string;
};

describe('GET /api/calendar', () => {
  it("lists a year's statutory holidays, lunar ones included, to any logged-in user", async () => {
    const res = await (await t.as('canbo.badinh')).get('/api/calendar?year=2026');
    expect(res.status).toBe(200);
    const dates = res.body.map((d: { date: string }) => d.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates.every((d: string) => d.startsWith('2026-'))).toBe(true);
    for (const date of ['2026-01-01', '2026-02-17', '2026-04-30', '2026-05-01', '2026-09-02']) {
      expect(
        res.body.find((d: { date: string }) => d.date === date),
        date,
      ).toMatchObject({ kind: 'holiday', name: expect.any(String) });
    }
  });

  it('answers 400 for a malformed year and 401 without login', async () => {
    expect((await (await t.as('admin')).get('/api/calendar?year=abc')).status).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar?year=2026' })).statusCode).toBe(401);
  });
});

describe('PUT and DELETE /api/calendar/:date, and working days', () => {
  it('counts a make-up Saturday and skips a new holiday', async () => {
    const admin = await t.as('admin');
    expect(await deadline('2026-03-06', 1)).toBe('2026-03-09');
    const makeup = await admin.request('PUT', '/api/calendar/2026-03-07', { kind: 'makeup_workday', name: 'Làm bù' });
    expect(makeup.status).toBe(200);
    expect(makeup.body).toEqual({ date: '2026-03-07', kind: 'makeup_workday', name: 'Làm bù', source: '' });
    expect(await deadline('2026-03-06', 1)).toBe('2026-03-07');
    await admin.request('PUT', '/api/calendar/2026-03-09', { kind: 'holiday', name: 'Nghỉ bù' });
    expect(await deadline('2026-03-06', 2)).toBe('2026-03-10');
    const removed = await admin.request('DELETE', '/api/calendar/2026-03-07');
    expect(removed.status).toBe(200);
    expect(await deadline('2026-03-06', 1)).toBe('2026-03-10');
    const listed = (await admin.get('/api/calendar?year=2026')).body.filter((d: { date: string }) =>
      d.date.startsWith('2026-03'),
    );
    expect(listed).toEqual([{ date: '2026-03-09', kind: 'holiday', name: 'Nghỉ bù', source: '' }]);
  });

  it('records each change in the audit log', async () => {
    const rows = await t.t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity', '=', 'calendar_day')
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { action: 'calendar_day_set', entity_id: '2026-03-07' },
      { action: 'calendar_day_set', entity_id: '2026-03-09' },
      { action: 'calendar_day_removed', entity_id: '2026-03-07' },
    ]);
  });

  it('refuses a make-up working day on a weekday with 422 naming the field', async () => {
    const res = await (
      await t.as('admin')
    ).request('PUT', '/api/calendar/2026-03-11', { kind: 'makeup_workday', name: 'Làm bù' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      field: 'kind',
      message: { vi: expect.stringContaining('thứ Bảy'), en: expect.stringContaining('Saturday') },
    });
  });

  it('answers 400 for an impossible date or kind, 404 for removing a date not in the table', async () => {
    const admin = await t.as('admin');
    const badDate = await admin.request('PUT', '/api/calendar/2026-02-30', { kind: 'holiday', name: 'Không có' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.field).toBe('params.date');
    const badKind = await admin.request('PUT', '/api/calendar/2026-03-12', { kind: 'vacation', name: 'Nghỉ' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.message.en).toContain('kind');
    expect((await admin.request('DELETE', '/api/calendar/2026-03-12')).status).toBe(404);
  });

  it('forbids non-administrators', async () => {
    const clerk = await t.as('vanthu.badinh');
    expect((await clerk.request('PUT', '/api/calendar/2026-03-13', { kind: 'holiday', name: 'Nghỉ' })).status).toBe(
      403,
    );
    expect((await clerk.request('DELETE', '/api/calendar/2026-01-01')).status).toBe(403);
    expect((await clerk.post('/api/calendar/fill?year=2026')).status).toBe(403);
  });

  it('answers 400 for working days without a start date or with zero days', async () => {
    const clerk = await t.as('vanthu.badinh');
    expect((await clerk.get('/api/calendar/working-days?days=3')).status).toBe(400);
    expect((await clerk.get('/api/calendar/working-days?from=2026-03-02&days=0')).status).toBe(400);
  });
});

describe('POST /api/calendar/fill', () => {
  it('puts back only the statutory holidays that are missing', async () => {
    const admin = await t.as('admin');
    await admin.request('DELETE', '/api/calendar/2026-01-01');
    const res = await admin.post('/api/calendar/fill?year=2026');
    expect(res.status).toBe(200);
    expect(res.body.inserted).toEqual([{ date: '2026-01-01', kind: 'holiday', name: expect.any(String) }]);
    expect((await admin.post('/api/calendar/fill?year=2026')).body.inserted).toEqual([]);
  });

  it('fills a year beyond the seeded range, Tết included', async () => {
    const res = await (await t.as('admin')).post('/api/calendar/fill?year=2040');
    const dates = res.body.inserted.map((d: { date: string }) => d.date);
    // Tết Canh Thân: the first day of the first lunar month of 2040 is 12 February.
    expect(dates).toEqual(
      expect.arrayContaining(['2040-01-01', '2040-02-12', '2040-04-30', '2040-05-01', '2040-09-02']),
    );
  });
});
