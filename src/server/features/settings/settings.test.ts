import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-03-02' });
});
afterAll(async () => t?.close());

describe('/api/settings/status-rules', () => {
  it('is published: any logged-in user reads it, with the default of counting extensions as on time', async () => {
    const res = await (await t.as('canbo.badinh')).get('/api/settings/status-rules');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ extensionCountsAsOnTime: true });
    expect((await t.app.inject({ method: 'GET', url: '/api/settings/status-rules' })).statusCode).toBe(401);
  });

  it('is changed by the administrator, audited, and read back by everyone', async () => {
    const res = await (await t.as('admin')).request('PUT', '/api/settings/status-rules', { extensionCountsAsOnTime: false });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ extensionCountsAsOnTime: false });
    expect((await (await t.as('chuyenvien')).get('/api/settings/status-rules')).body).toEqual({ extensionCountsAsOnTime: false });
    const audit = await t.t.db.selectFrom('audit_log').select(['entity_id', 'data']).where('action', '=', 'setting_changed').execute();
    expect(audit).toEqual([{ entity_id: 'status_rules', data: { before: { extensionCountsAsOnTime: true }, after: { extensionCountsAsOnTime: false } } }]);
  });

  it('forbids non-administrators', async () => {
    const res = await (await t.as('chuyenvien')).request('PUT', '/api/settings/status-rules', { extensionCountsAsOnTime: true });
    expect(res.status).toBe(403);
    expect(res.body.error.message.vi).toContain('không có quyền');
  });

  it('answers 400 naming the field for a value that is not a boolean', async () => {
    const res = await (await t.as('admin')).request('PUT', '/api/settings/status-rules', { extensionCountsAsOnTime: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('body.extensionCountsAsOnTime');
    expect(res.body.error.message.vi).toContain('extensionCountsAsOnTime');
  });
});
