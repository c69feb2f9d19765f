import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { insertGeneratedHistory } from '../../../../test/helpers/history.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-03-02' });
  await insertGeneratedHistory(t.t, { seed: 5, tasks: 400, from: '2025-01-01', until: '2026-03-02' });
});
afterAll(async () => t?.close());

describe('/api/settings/status-rules', () => {
  it('is published: any logged-in user reads it, with the default of counting extensions as on time', async () => {
    const res = await (await t.as('canbo.badinh')).get('/api/settings/status-rules');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ extensionCountsAsOnTime: true, deadlineOnNonWorkingDay: 'stays' });
    expect((await t.app.inject({ method: 'GET', url: '/api/settings/status-rules' })).statusCode).toBe(401);
  });

  it('is changed by the administrator, audited, and read back by everyone', async () => {
    const res = await (
      await t.as('admin')
    ).request('PUT', '/api/settings/status-rules', { extensionCountsAsOnTime: false });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ extensionCountsAsOnTime: false, deadlineOnNonWorkingDay: 'stays' });
    expect((await (await t.as('chuyenvien')).get('/api/settings/status-rules')).body).toEqual({
      extensionCountsAsOnTime: false,
      deadlineOnNonWorkingDay: 'stays',
    });
    const audit = await t.t.db
      .selectFrom('audit_log')
      .select(['entity_id', 'data'])
      .where('action', '=', 'setting_changed')
      .execute();
    expect(audit).toEqual([
      {
        entity_id: 'status_rules',
        data: {
          before: { extensionCountsAsOnTime: true, deadlineOnNonWorkingDay: 'stays' },
          after: { extensionCountsAsOnTime: false, deadlineOnNonWorkingDay: 'stays' },
        },
      },
    ]);
  });

  it('publishes the reading of deadlines on non-working days, which the method text names', async () => {
    const admin = await t.as('admin');
    const res = await admin.request('PUT', '/api/settings/status-rules', {
      deadlineOnNonWorkingDay: 'next_working_day',
    });
    expect(res.body.deadlineOnNonWorkingDay).toBe('next_working_day');
    const stats = await (await t.as('chuyenvien')).get('/api/stats?asOf=2026-03-02&groupBy=lead_unit');
    expect(stats.body.method.deadline.vi).toContain('Điều 148');
    expect(
      (await admin.request('PUT', '/api/settings/status-rules', { deadlineOnNonWorkingDay: 'maybe' })).status,
    ).toBe(400);
    await admin.request('PUT', '/api/settings/status-rules', { deadlineOnNonWorkingDay: 'stays' });
  });

  it('decides at once how the task list judges a task completed within its extension', async () => {
    const task = await t.t.db
      .selectFrom('tasks')
      .select(['id', 'document_id'])
      .where('confirmed_on', 'is not', null)
      .where('first_extended_on', 'is not', null)
      .whereRef('completed_on', '>', 'original_deadline')
      .whereRef('completed_on', '<=', 'deadline')
      .where('parent_id', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const officer = await t.as('chuyenvien');
    const statusInList = async () =>
      (await officer.get(`/api/tasks?documentId=${task.document_id}&limit=100`)).body.items.find(
        (i: { id: number }) => i.id === task.id,
      ).status;
    const admin = await t.as('admin');
    await admin.request('PUT', '/api/settings/status-rules', { extensionCountsAsOnTime: true });
    expect(await statusInList()).toBe('completed_on_time');
    await admin.request('PUT', '/api/settings/status-rules', { extensionCountsAsOnTime: false });
    expect(await statusInList()).toBe('completed_late');
  });

  it('forbids non-administrators', async () => {
    const res = await (
      await t.as('chuyenvien')
    ).request('PUT', '/api/settings/status-rules', { extensionCountsAsOnTime: true });
    expect(res.status).toBe(403);
    expect(res.body.error.message.vi).toContain('không có quyền');
  });

  it('answers 400 naming the field for a value that is not a boolean', async () => {
    const res = await (
      await t.as('admin')
    ).request('PUT', '/api/settings/status-rules', { extensionCountsAsOnTime: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('body.extensionCountsAsOnTime');
    expect(res.body.error.message.vi).toContain('extensionCountsAsOnTime');
  });
});
