import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-01' });
});
afterAll(async () => t?.close());

/** The lead unit of the tests: the unit of the district clerk's login. */
async function clerkUnit(): Promise<number> {
  const me = await (await t.as('vanthu.badinh')).get('/api/auth/me');
  return me.body.user.unitId ?? me.body.user.unit?.id;
}

async function workingDayTask(days: number, issuedOn = '2026-12-01', numberSymbol = '901/UBND-KT') {
  const officer = await t.as('chuyenvien');
  const res = await officer.post('/api/documents', {
    numberSymbol,
    kind: 'Công văn',
    issuerUnitId: t.t.org.unitIds.get('UBND'),
    issuedOn,
    summary: 'Về việc báo cáo tình hình đầu năm',
    tasks: [
      {
        content: 'Báo cáo tình hình triển khai',
        leadUnitId: await clerkUnit(),
        deadline: { kind: 'working_days', days },
      },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.tasks[0] as { id: number; deadline: string; version: number };
}

const csv = (rows: string[]) => Buffer.from(`\uFEFFngày,loại,tên,căn cứ\n${rows.join('\n')}\n`);

describe('holiday years', () => {
  it('ship 2015–2026 as decided, each with its source, and later years as provisional', async () => {
    const res = await (await t.as('vanthu.badinh')).get('/api/calendar/years');
    expect(res.status).toBe(200);
    const byYear = new Map(res.body.map((y: { year: number }) => [y.year, y]));
    for (let year = 2015; year <= 2026; year++)
      expect(byYear.get(year), `${year}`).toMatchObject({
        status: 'decided',
        officialAvailable: true,
        source: expect.stringMatching(/\S{3}/),
      });
    expect(byYear.get(2027)).toMatchObject({ status: 'provisional', officialAvailable: false });
    const days = (await (await t.as('admin')).get('/api/calendar?year=2024')).body;
    expect(days.find((d: { date: string }) => d.date === '2024-04-29')).toMatchObject({
      kind: 'holiday',
      source: expect.stringContaining('1570/TB-LĐTBXH'),
    });
    expect(days.find((d: { date: string }) => d.date === '2024-05-04')).toMatchObject({ kind: 'makeup_workday' });
  });

  it('counts working-day deadlines on the decided days', async () => {
    const res = await (await t.as('chuyenvien')).get('/api/calendar/working-days?from=2026-08-21&days=1');
    expect(res.body.deadline).toBe('2026-08-22');
  });

  it('lets only an administrator confirm a provisional year', async () => {
    expect(
      (await (await t.as('chuyenvien')).post('/api/calendar/years/2030/confirm', { source: 'Thông báo' })).status,
    ).toBe(403);
    const res = await (
      await t.as('admin')
    ).post('/api/calendar/years/2030/confirm', { source: 'Thông báo số 1/TB-BNV' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2030, status: 'decided', source: 'Thông báo số 1/TB-BNV' });
  });
});

describe('importing a decided schedule', () => {
  let task: { id: number; deadline: string; version: number };
  let kept: { id: number; deadline: string; version: number };

  it('shows on a dry run the days and the deadlines that would change, and changes nothing', async () => {
    task = await workingDayTask(20);
    kept = await workingDayTask(30, '2026-12-01', '902/UBND-KT');
    expect(task.deadline).toBe('2026-12-29');
    // The 2027 schedule as decided, with an extra day off on Monday 4 January (a swap made up on Saturday 9 January).
    const before = (await (await t.as('admin')).get('/api/calendar?year=2027')).body;
    const rows = before.map(
      (d: { date: string; kind: string; name: string }) =>
        `${d.date},${d.kind === 'holiday' ? 'nghỉ' : 'làm bù'},"${d.name}",`,
    );
    rows.push('2027-01-04,nghỉ,Nghỉ hoán đổi,', '09/01/2027,làm bù,Làm bù cho 4/1,');
    const admin = await t.as('admin');
    const dry = await admin.upload(
      '/api/calendar/years/2027/import?dryRun=true&source=Th%C3%B4ng%20b%C3%A1o%20th%E1%BB%AD',
      'lich-2027.csv',
      csv(rows),
    );
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.dryRun).toBe(true);
    expect(dry.body.added.map((d: { date: string }) => d.date)).toEqual(['2027-01-04', '2027-01-09']);
    expect(dry.body.removed).toEqual([]);
    // Deadlines in 2026 do not move.
    expect(dry.body.recomputations.map((r: { taskId: number }) => r.taskId)).not.toContain(task.id);
    const years = (await admin.get('/api/calendar/years')).body;
    expect(years.find((y: { year: number }) => y.year === 2027).status).toBe('provisional');
  });

  it('applies the import: the year is decided and the tasks whose deadlines change are listed, not moved', async () => {
    const late = await workingDayTask(30, '2026-12-01', '903/UBND-KT');
    const admin = await t.as('admin');
    const rows = ['2027-01-01,nghỉ,Tết Dương lịch,Bộ luật Lao động', '2027-01-04,nghỉ,Nghỉ hoán đổi,Thông báo thử'];
    const res = await admin.upload(
      '/api/calendar/years/2027/import?dryRun=false&source=Th%C3%B4ng%20b%C3%A1o%20th%E1%BB%AD',
      'lich-2027.csv',
      csv(rows),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const listed = res.body.recomputations.find((r: { taskId: number }) => r.taskId === late.id);
    expect(listed).toMatchObject({ deadline: late.deadline, from: '2026-12-01', workingDays: 30 });
    expect(listed.computed > late.deadline).toBe(true);
    const detail = await (await t.as('chuyenvien')).get(`/api/tasks/${late.id}`);
    expect(detail.body.deadline ?? detail.body.task?.deadline).toBe(late.deadline);
    const officer = await t.as('chuyenvien');
    const pending = (await officer.get('/api/calendar/recomputations')).body;
    expect(pending.map((r: { taskId: number }) => r.taskId)).toContain(late.id);

    const applied = await officer.post('/api/calendar/recomputations', {
      decisions: [{ taskId: late.id, version: listed.version, apply: true }],
      reason: 'Lịch nghỉ năm 2027 đã được quyết định',
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toEqual({ applied: [late.id], kept: [] });
    const after = (await officer.get(`/api/tasks/${late.id}`)).body;
    expect(JSON.stringify(after)).toContain(listed.computed);
    expect(JSON.stringify(after)).toContain('deadline_recomputed');
    expect(
      (await officer.get('/api/calendar/recomputations')).body.map((r: { taskId: number }) => r.taskId),
    ).not.toContain(late.id);
  });

  it('keeps the old date when the officer says so, and does not list the task again', async () => {
    const other = kept;
    const officer = await t.as('chuyenvien');
    const listed = (await officer.get('/api/calendar/recomputations')).body.find(
      (r: { taskId: number }) => r.taskId === other.id,
    );
    expect(listed).toBeDefined();
    const res = await officer.post('/api/calendar/recomputations', {
      decisions: [{ taskId: other.id, version: listed.version, apply: false }],
      reason: 'Giữ hạn đã thông báo cho đơn vị',
    });
    expect(res.body).toEqual({ applied: [], kept: [other.id] });
    expect(
      (await officer.get('/api/calendar/recomputations')).body.map((r: { taskId: number }) => r.taskId),
    ).not.toContain(other.id);
    const again = await officer.post('/api/calendar/recomputations', {
      decisions: [{ taskId: other.id, version: listed.version + 1, apply: true }],
      reason: 'Thử lại',
    });
    expect(again.status).toBe(409);
  });

  it('refuses a file with errors, naming the line, and a make-up day on a weekday', async () => {
    const admin = await t.as('admin');
    const bad = await admin.upload(
      '/api/calendar/years/2028/import?dryRun=true&source=Th%E1%BB%AD',
      'x.csv',
      csv(['2028-13-01,nghỉ,Sai ngày,', '2028-01-03,nghỉ lễ lớn,X,']),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.message.vi).toContain('dòng 2');
    expect(bad.body.error.message.vi).toContain('dòng 3');
    const weekday = await admin.upload(
      '/api/calendar/years/2028/import?dryRun=true&source=Th%E1%BB%AD',
      'x.csv',
      csv(['2028-01-05,làm bù,Làm bù,']),
    );
    expect(weekday.status).toBe(422);
    const clerk = await t.as('vanthu.badinh');
    expect(
      (
        await clerk.upload(
          '/api/calendar/years/2028/import?dryRun=true&source=Th%E1%BB%AD',
          'x.csv',
          csv(['2028-01-03,nghỉ,X,']),
        )
      ).status,
    ).toBe(403);
  });

  it('applies the shipped decided schedule to a year still filled by the rule, showing the changes first', async () => {
    const admin = await t.as('admin');
    // A table made before the schedules shipped: 2024 filled by the rule alone.
    await t.t.db
      .deleteFrom('calendar_days')
      .where('date', '>=', '2024-01-01')
      .where('date', '<=', '2024-12-31')
      .execute();
    await t.t.db.updateTable('calendar_years').set({ status: 'provisional' }).where('year', '=', 2024).execute();
    await admin.post('/api/calendar/fill?year=2024');
    const dry = await admin.post('/api/calendar/years/2024/official?dryRun=true');
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.added.map((d: { date: string }) => d.date)).toEqual(
      expect.arrayContaining(['2024-02-08', '2024-04-29', '2024-05-04']),
    );
    expect(dry.body.removed.map((d: { date: string }) => d.date)).toEqual(['2024-02-15']);
    const applied = await admin.post('/api/calendar/years/2024/official?dryRun=false');
    expect(applied.body.dryRun).toBe(false);
    expect((await admin.get('/api/calendar/working-days?from=2024-05-03&days=1')).body.deadline).toBe('2024-05-04');
    expect((await admin.post('/api/calendar/years/2031/official?dryRun=true')).status).toBe(422);
  });

  it('exports a year as CSV in the import format', async () => {
    const res = await (await t.as('admin')).get('/api/calendar/years/2026/csv');
    expect(res.status).toBe(200);
    expect(String(res.body)).toContain('2026-08-22');
  });
});
