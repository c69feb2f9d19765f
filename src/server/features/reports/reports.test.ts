import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { playQuarter, type Fixture } from './fixture.js';

let h: TestApp;
let f: Fixture;
const unit = (code: string) => h.t.org.unitIds.get(code)!;
const Q3 = 'period=quarter&year=2026&index=3&periodMode=calendar&asOf=2026-09-30';

beforeAll(async () => {
  h = await createTestApp({ today: '2026-06-20' });
  f = await playQuarter(h);
});
afterAll(async () => h?.close());

/** The columns of the review table, in order, as a row of numbers. */
const COLS = [
  'assigned',
  'due',
  'onTime',
  'late',
  'inProgress',
  'overdue',
  'completedOfDue',
  'extAsked',
  'extGranted',
  'rank',
] as const;
const line = (r: Record<string, unknown>) => COLS.map((c) => r[c]);

describe('the periodic review of a hand-made quarter', () => {
  it('gives the table written by hand, per lead unit, ranked with ties', async () => {
    const officer = await h.as('chuyenvien');
    const res = await officer.get(`/api/reports/review?${Q3}`);
    expect(res.status).toBe(200);
    expect(res.body.period).toMatchObject({ start: '2026-07-01', end: '2026-09-30' });
    //                                    assigned due onTime late inProg overdue compOfDue extAsk extGrant rank
    const expected: Record<string, unknown[]> = {
      'Q.BADINH': [4, 3, 1, 1, 1, 1, 2, 1, 1, 1], //  T1 on time, T2 late, T3 extended to 15/10, T4 overdue
      SXD: [3, 3, 2, 0, 0, 1, 2, 0, 0, 1], //          T11, T12 (confirmed on the cut-off day) on time, T13 overdue; T8 withdrawn
      'Q.HOANKIEM': [3, 2, 0, 1, 1, 1, 1, 1, 0, 3], // T5 confirmed after the cut-off → overdue, T6 late (extension refused), T7 no deadline
    };
    expect(Object.fromEntries(res.body.rows.map((r: any) => [r.code, line(r)]))).toEqual(expected);
    // Ba Đình and Sở Xây dựng tie on 2/3 and share rank 1; the next rank is 3. Ties list by name.
    expect(res.body.rows.map((r: any) => r.code)).toEqual(['Q.BADINH', 'SXD', 'Q.HOANKIEM']);
    expect(line(res.body.totals).slice(0, 9)).toEqual([10, 8, 3, 2, 2, 3, 5, 2, 1]);
    const bd = res.body.rows[0];
    expect(bd.completionRate).toBeCloseTo(2 / 3);
    expect(bd.completionOfDueRate).toBeCloseTo(2 / 3);
    expect(bd.overdueRate).toBeCloseTo(1 / 4);
    expect(bd.onTimeRate).toBeCloseTo(1 / 2);
    expect(res.body.rows[2].onTimeRate).toBe(0);
    expect(res.body.method.ranking.vi).toContain('cùng hạng');
    expect(res.body.method.rates.completionRate.vi).toContain('hoàn thành ÷');
  });

  it('lists the backlog on the cut-off with days overdue and urgings', async () => {
    const res = await (await h.as('chuyenvien')).get(`/api/reports/review?${Q3}`);
    expect(res.body.overdue.total).toBe(3);
    expect(res.body.overdue.items.map((o: any) => [o.id, o.deadline_as_of, o.days_overdue, o.urgings])).toEqual([
      [f.task.T4, '2026-09-10', 20, 2],
      [f.task.T5, '2026-09-15', 15, 0],
      [f.task.T13, '2026-09-29', 1, 0],
    ]);
  });

  it('counts tasks due in the period instead, bringing in the task assigned before it', async () => {
    const res = await (await h.as('chuyenvien')).get(`/api/reports/review?${Q3}&basis=due`);
    const bd = res.body.rows.find((r: any) => r.code === 'Q.BADINH');
    // T1, T2, T4 and T9 (due 05/07, left open); T3 is due after the period.
    expect(line(bd).slice(0, 7)).toEqual([4, 4, 1, 1, 0, 2, 2]);
    // Extensions are counted from the tasks due in the period (T3's, due after it, is not);
    // Hoàn Kiếm's T6 asked once and was refused.
    const byCode = Object.fromEntries(res.body.rows.map((r: any) => [r.code, [r.extAsked, r.extGranted]]));
    expect(byCode).toEqual({ 'Q.BADINH': [0, 0], SXD: [0, 0], 'Q.HOANKIEM': [1, 0] });
  });

  it('groups by field and by authority with the same totals', async () => {
    const officer = await h.as('chuyenvien');
    const byField = await officer.get(`/api/reports/review?${Q3}&groupBy=field`);
    expect(Object.fromEntries(byField.body.rows.map((r: any) => [r.key, r.assigned]))).toEqual({
      dat_dai: 9,
      xay_dung: 1,
    });
    const byAuthority = await officer.get(`/api/reports/review?${Q3}&groupBy=authority`);
    expect(byAuthority.body.rows).toHaveLength(1);
    expect(byAuthority.body.rows[0].key).toBe(String(unit('UBND')));
    expect(byAuthority.body.totals.overdue).toBe(3);
  });

  it('links every number to the tasks behind it, exactly and through the task list', async () => {
    const officer = await h.as('chuyenvien');
    const review = await officer.get(`/api/reports/review?${Q3}`);
    const bd = review.body.rows.find((r: any) => r.code === 'Q.BADINH');
    const cases: [string, number[]][] = [
      ['assigned', [f.task.T1!, f.task.T2!, f.task.T3!, f.task.T4!]],
      ['due', [f.task.T1!, f.task.T2!, f.task.T4!]],
      ['overdue', [f.task.T4!]],
      ['extGranted', [f.task.T3!]],
    ];
    for (const [measure, ids] of cases) {
      const res = await officer.get(`/api/reports/review/tasks?${Q3}&key=${bd.key}&measure=${measure}`);
      expect(res.status).toBe(200);
      expect(res.body.ids).toEqual(ids.sort((a, b) => a - b));
      expect(res.body.total).toBe(bd[measure]);
    }
    const total = await officer.get(`/api/reports/review/tasks?${Q3}&key=total&measure=late`);
    expect(total.body.ids.sort()).toEqual([f.task.T2, f.task.T6].sort());
    // The task-list filter of a status number returns the same tasks from GET /api/tasks.
    const filter = bd.links.overdue;
    const qs = new URLSearchParams(Object.entries(filter).map(([k, v]) => [k, String(v)]));
    const list = await officer.get(`/api/tasks?${qs}`);
    expect(list.body.items.map((t: any) => t.id)).toEqual([f.task.T4]);
    expect(bd.links.completed).toBeNull();
    // Sở Xây dựng's withdrawn T8 stays out of its "assigned" link, as it stays out of the number.
    const sxd = review.body.rows.find((r: any) => r.code === 'SXD');
    const all = await officer.get(
      `/api/tasks?${new URLSearchParams(Object.entries(sxd.links.assigned).map(([k, v]) => [k, String(v)]))}`,
    );
    expect(all.body.items.map((t: any) => t.id).sort()).toEqual([f.task.T11, f.task.T12, f.task.T13].sort());
  });

  it('reviews a unit with its subtree and shows the unit its own review only', async () => {
    const clerk = await h.as('vanthu.hoankiem');
    const own = await clerk.get(`/api/reports/review?${Q3}`);
    expect(own.status).toBe(200);
    expect(own.body.rows.map((r: any) => r.code)).toEqual(['Q.HOANKIEM']);
    expect(own.body.params.unitId).toBe(unit('Q.HOANKIEM'));
    const other = await clerk.get(`/api/reports/review?${Q3}&unitId=${unit('Q.BADINH')}`);
    expect(other.status).toBe(403);
    expect(other.body.error.message.vi).toBeTruthy();
    expect((await (await h.as('canbo.badinh')).get(`/api/reports/review?${Q3}`)).status).toBe(403);
  });

  it('refuses bad input with Vietnamese and English messages', async () => {
    const officer = await h.as('chuyenvien');
    const missing = await officer.get('/api/reports/review?period=quarter');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message.vi).toMatch(/không hợp lệ/);
    expect(missing.body.error.message.en).toMatch(/invalid/);
    const badIndex = await officer.get('/api/reports/review?period=quarter&year=2026&index=5');
    expect(badIndex.status).toBe(422);
    expect(badIndex.body.error.field).toBe('index');
    expect(badIndex.body.error.message).toMatchObject({
      vi: expect.stringContaining('Kỳ báo cáo'),
      en: expect.stringContaining('Invalid period'),
    });
    const future = await officer.get('/api/reports/review?period=quarter&year=2026&index=4&asOf=2026-12-31');
    expect(future.status).toBe(422);
    expect(future.body.error.field).toBe('asOf');
    const before = await officer.get(
      '/api/reports/review?period=quarter&year=2026&index=3&periodMode=calendar&asOf=2026-06-30',
    );
    expect(before.status).toBe(422);
    const badMeasure = await officer.get(`/api/reports/review/tasks?${Q3}&key=total&measure=nope`);
    expect(badMeasure.status).toBe(400);
  });

  it('cuts periods at the 15th by the published setting', async () => {
    const officer = await h.as('chuyenvien');
    const res = await officer.get('/api/reports/review?period=quarter&year=2026&index=3&asOf=2026-09-14');
    expect(res.body.period).toMatchObject({ start: '2026-06-15', end: '2026-09-14', mode: 'official' });
    const admin = await h.as('admin');
    expect((await officer.request('PUT', '/api/reports/settings', { periodMode: 'calendar' })).status).toBe(403);
    const put = await admin.request('PUT', '/api/reports/settings', { periodMode: 'calendar' });
    expect(put.body.periodMode).toBe('calendar');
    const after = await officer.get('/api/reports/review?period=quarter&year=2026&index=3&asOf=2026-09-14');
    expect(after.body.period.start).toBe('2026-07-01');
    await admin.request('PUT', '/api/reports/settings', { periodMode: 'official' });
  });

  it('reviews a unit’s own divisions and staff (self-inspection)', async () => {
    const head = await h.as('truongphong.badinh');
    const byDivision = await head.get(`/api/reports/self-inspection?${Q3}&by=division`);
    expect(byDivision.status).toBe(200);
    const rows = Object.fromEntries(byDivision.body.rows.map((r: any) => [r.code, [r.assigned, r.onTime, r.overdue]]));
    expect(rows).toEqual({ 'Q.BADINH.QLDT': [1, 0, 1], 'Q.BADINH.TNMT': [1, 1, 0] });
    const byStaff = await head.get(`/api/reports/self-inspection?${Q3}&by=staff`);
    const staff = byStaff.body.rows.find((r: any) => r.code === 'canbo.badinh');
    expect([staff.assigned, staff.overdue]).toEqual([1, 1]);
    const behind = await head.get(`/api/reports/self-inspection/tasks?${Q3}&by=staff&key=${staff.key}&measure=overdue`);
    expect(behind.body.ids).toEqual([f.task.S1]);
    expect(
      (await (await h.as('vanthu.hoankiem')).get(`/api/reports/self-inspection?${Q3}&unitId=${unit('Q.BADINH')}`))
        .status,
    ).toBe(403);
  });

  it('keeps rectification records naming the person, cause, measure and follow-up', async () => {
    const head = await h.as('truongphong.badinh');
    const canbo = h.t.org.userIds.get('canbo.badinh')!;
    const created = await head.post('/api/reports/rectifications', {
      unitId: unit('Q.BADINH'),
      personUserId: canbo,
      taskId: f.task.S1,
      cause: 'Chậm rà soát hồ sơ',
      measure: 'Nhắc nhở, giao hạn mới trong tuần',
      dueOn: '2026-10-12',
    });
    expect(created.status).toBe(201);
    expect(created.body.person.name).toBe('Đỗ Minh Anh');
    const updated = await head.request('PATCH', `/api/reports/rectifications/${created.body.id}`, {
      version: created.body.version,
      status: 'done',
      followUp: 'Đã hoàn thành ngày 10/10',
    });
    expect(updated.body).toMatchObject({ status: 'done', followUp: 'Đã hoàn thành ngày 10/10', version: 2 });
    const stale = await head.request('PATCH', `/api/reports/rectifications/${created.body.id}`, {
      version: 1,
      status: 'open',
    });
    expect(stale.status).toBe(409);
    const outsider = await h.as('vanthu.hoankiem');
    const refused = await outsider.post('/api/reports/rectifications', {
      unitId: unit('Q.BADINH'),
      personName: 'Ai đó',
      cause: 'Nguyên nhân',
      measure: 'Biện pháp',
    });
    expect(refused.status).toBe(403);
    const wrongPerson = await head.post('/api/reports/rectifications', {
      unitId: unit('Q.BADINH'),
      personUserId: h.t.org.userIds.get('vanthu.sxd'),
      cause: 'Nguyên nhân',
      measure: 'Biện pháp',
    });
    expect(wrongPerson.status).toBe(422);
    const list = await head.get(`/api/reports/self-inspection?${Q3}`);
    expect(list.body.rectifications[0]).toMatchObject({ cause: 'Chậm rà soát hồ sơ', status: 'done' });
    const audit = await h.t.db.selectFrom('audit_log').select('action').where('entity', '=', 'rectification').execute();
    expect(audit.map((a) => a.action)).toEqual(['rectification_created', 'rectification_updated']);
    // The edit's audit row (its change lists only the fields sent) verifies: what is hashed is what is stored.
    const check = await (await h.as('admin')).get('/api/audit/verify');
    expect(check.body).toMatchObject({ ok: true, firstBrokenId: null, pending: 0 });
  });
});
