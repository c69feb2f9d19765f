import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/helpers/app.js';
import { fixedClock } from '../../context.js';
import { loadOrganisation2025 } from '../../seed/organisation-2025.js';

let t: TestApp;
let actIds: number[];
const unitId = async (code: string) =>
  (await t.t.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
const setToday = (day: string) => Object.assign(t.t.clock, fixedClock(day));

async function act(client: Client, id: number, action: string, body: Record<string, unknown> = {}) {
  const current = await client.get(`/api/tasks/${id}`);
  const res = await client.post(`/api/tasks/${id}/${action}`, { version: current.body.version, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp({ today: '2025-02-20' });
  actIds = await loadOrganisation2025(t.t.db, null);
  const task = (content: string, lead: string, fieldCode: string, coordinators: string[] = []) => ({
    content,
    leadUnitId: t.t.org.unitIds.get(lead)!,
    coordinatingUnitIds: coordinators.map((c) => t.t.org.unitIds.get(c)!),
    fieldCode,
    deadline: { kind: 'fixed', date: '2025-12-31' },
  });
  const officer = await t.as('chuyenvien');
  const doc = await officer.post('/api/documents', {
    numberSymbol: '45/KH-UBND',
    kind: 'Kế hoạch',
    issuerUnitId: t.t.org.unitIds.get('UBND'),
    issuedOn: '2025-02-10',
    summary: 'Kế hoạch năm 2025',
    tasks: [
      task('Thu hút đầu tư', 'SKHDT', 'dau_tu'),
      task('Chăm sóc sức khỏe người có công', 'SLDTBXH', 'y_te'),
      task('Giải quyết việc làm', 'SLDTBXH', 'lao_dong_tbxh', ['STC']),
      task('Chỉnh trang đô thị', 'Q.BADINH', 'xay_dung', ['Q.HOANKIEM']),
      task('Báo cáo đầu tư công', 'SKHDT', 'dau_tu'),
      task('Việc khác của quận', 'Q.BADINH', 'khac'),
    ],
  });
  expect(doc.status, JSON.stringify(doc.body)).toBe(201);
  const sorted = doc.body.tasks.map((x: { id: number }) => x.id).sort((a: number, b: number) => a - b);
  [ids.invest, ids.health, ids.jobs, ids.urban, ids.done, ids.other] = sorted;
  const clerk = await t.as('vanthu.badinh');
  const head = await t.as('truongphong.badinh');
  for (const key of ['urban', 'other'] as const) {
    await act(clerk, ids[key]!, 'receive');
    const parent = (await head.get(`/api/tasks/${ids[key]}`)).body;
    const sub = await head.post(`/api/tasks/${ids[key]}/subtasks`, {
      version: parent.version,
      content: `Phòng QLĐT: ${key}`,
      leadUnitId: t.t.org.unitIds.get('Q.BADINH.QLDT'),
      deadline: '2025-10-30',
    });
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
    ids[`${key}Sub`] = sub.body.subtasks[0].id;
  }
});
afterAll(async () => t?.close());

describe('units over time', () => {
  it('answers the units that existed on a day', async () => {
    const admin = await t.as('admin');
    const before = (await admin.get('/api/units?asOf=2025-02-20')).body.map((u: { code: string }) => u.code);
    expect(before).toContain('SKHDT');
    expect(before).not.toContain('S.TC');
    expect(before).not.toContain('P.BADINH');
    const after = (await admin.get('/api/units?asOf=2025-07-01')).body.map((u: { code: string }) => u.code);
    expect(after).toContain('P.BADINH');
    expect(after).toHaveLength(new Set(after).size);
    const bad = await admin.get('/api/units?asOf=2025-02-30');
    expect(bad.status).toBe(400);
  });

  it('records the 2025 acts as drafts with the shared successor map', async () => {
    const list = await (await t.as('admin')).get('/api/reorganisations');
    expect(list.status).toBe(200);
    expect(list.body.map((a: { numberSymbol: string; status: string }) => [a.numberSymbol, a.status])).toEqual([
      ['1656/NQ-UBTVQH15', 'draft'],
      ['NQ HĐND TP kỳ họp 21 khóa XVI', 'draft'],
    ]);
    const july = list.body[0];
    expect(july.endedUnits).toBe(31); // 30 districts and the tax department
    expect(july.startedUnits).toBe(127); // 126 wards and communes and the new tax body
  });
});

describe('a reorganisation act through the API', () => {
  it('is for administrators only and refuses bad input in both languages', async () => {
    expect((await (await t.as('chuyenvien')).get('/api/reorganisations')).status).toBe(403);
    const admin = await t.as('admin');
    const bad = await admin.post('/api/reorganisations', { numberSymbol: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatchObject({ vi: expect.any(String), en: expect.any(String) });
    const early = await admin.post('/api/reorganisations', {
      numberSymbol: '1/QĐ-UBND',
      signedOn: '2025-04-10',
      effectiveOn: '2025-04-01',
      title: 'Thử ngày',
      unitChanges: [],
      successors: [],
    });
    expect(early.status).toBe(422);
    expect(early.body.error.message.vi).toContain('hiệu lực');
    expect((await admin.get('/api/reorganisations/999999')).status).toBe(404);
    const notEnded = await admin.post('/api/reorganisations', {
      numberSymbol: '2/QĐ-UBND',
      signedOn: '2025-04-01',
      effectiveOn: '2025-04-01',
      title: 'Kế thừa sai',
      unitChanges: [],
      successors: [{ oldUnitCode: 'SCT', newUnitCode: 'S.CT', kind: 'rename' }],
    });
    expect(notEnded.status).toBe(422);
    expect(notEnded.body.error.field).toBe('successors');
  });

  it("previews the departments' merger and refuses to apply it before its effective date", async () => {
    const admin = await t.as('admin');
    const march = actIds[0]!;
    const preview = (await admin.get(`/api/reorganisations/${march}/preview`)).body;
    expect(preview.canApply).toBe(true);
    expect(preview.unplaced).toEqual([]);
    const sTc = await unitId('S.TC');
    const sYt = await unitId('S.YT');
    const sNv = await unitId('S.NV');
    const skhdt = await unitId('SKHDT');
    const sld = await unitId('SLDTBXH');
    expect(preview.moves).toEqual(
      expect.arrayContaining([
        { fromUnitId: skhdt, toUnitId: sTc, rule: 'whole_unit', tasks: 2 },
        { fromUnitId: sld, toUnitId: sYt, rule: 'field', tasks: 1 },
        { fromUnitId: sld, toUnitId: sNv, rule: 'whole_unit', tasks: 1 },
      ]),
    );
    expect(preview.users.map((u: { username: string }) => u.username).sort()).toEqual([
      'admin',
      'chuyenvien',
      'giamdoc.sxd',
      'thanhtra.snv',
      'vanthu.sxd',
    ]);
    const refused = await admin.post(`/api/reorganisations/${march}/apply`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.message.en).toContain('2025-03-01');
  });

  it('applies it on its date: open tasks, coordination, users and roles pass to the successors', async () => {
    setToday('2025-03-01');
    const admin = await t.as('admin');
    const march = actIds[0]!;
    const res = await admin.post(`/api/reorganisations/${march}/apply`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ movedTasks: 4, usersToPlace: [] });
    const sTc = await unitId('S.TC');
    const invest = (await admin.get(`/api/tasks/${ids.invest}`)).body;
    expect(invest.leadUnit.id).toBe(sTc);
    const event = invest.timeline.find((e: { kind: string }) => e.kind === 'lead_reorganised');
    expect(event).toMatchObject({ onDate: '2025-03-01', data: { actId: march, rule: 'whole_unit', leadUnitId: sTc } });
    const health = (await admin.get(`/api/tasks/${ids.health}`)).body;
    expect(health.leadUnit.id).toBe(await unitId('S.YT'));
    const jobs = (await admin.get(`/api/tasks/${ids.jobs}`)).body;
    expect(jobs.coordinatingUnits.map((u: { id: number }) => u.id)).toEqual([sTc]);
    const audit = await t.t.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'task_lead_reorganised')
      .execute();
    expect(audit.map((a) => Number(a.entity_id)).sort((a, b) => a - b)).toEqual(
      [ids.invest, ids.health, ids.jobs, ids.done].sort((a, b) => a! - b!),
    );
    const head = await t.t.db
      .selectFrom('users as u')
      .innerJoin('user_roles as r', 'r.user_id', 'u.id')
      .select(['u.unit_id', 'r.scope_unit_id'])
      .where('u.username', '=', 'giamdoc.sxd')
      .executeTakeFirstOrThrow();
    expect(head).toEqual({ unit_id: await unitId('S.XD'), scope_unit_id: await unitId('S.XD') });
    const skhdt = (await admin.get(`/api/units/${await unitId('SKHDT')}`)).body;
    expect(skhdt).toMatchObject({ active: false, validTo: '2025-03-01', successorId: sTc });
    const again = await admin.post(`/api/reorganisations/${march}/apply`, {});
    expect(again.status).toBe(409);
    // The head of the merged department still sees the construction department's work.
    expect((await (await t.as('giamdoc.sxd')).get(`/api/tasks?unitId=${await unitId('S.XD')}&role=lead`)).status).toBe(
      200,
    );
  });

  it('splits a division by field, lists what no rule places, takes choices, renames, and lists users', async () => {
    const admin = await t.as('admin');
    const badinh = await unitId('Q.BADINH');
    const qldt = await unitId('Q.BADINH.QLDT');
    const vp = await unitId('Q.BADINH.VP');
    const created = await admin.post('/api/reorganisations', {
      numberSymbol: '15/QĐ-UBND',
      signedOn: '2025-03-10',
      effectiveOn: '2025-04-01',
      title: 'Tổ chức lại Phòng Quản lý đô thị quận Ba Đình',
      unitChanges: [
        { unitId: qldt, change: 'end' },
        { unitId: vp, change: 'rename', newName: 'Văn phòng quận Ba Đình' },
      ],
      newUnits: [
        { code: 'Q.BADINH.XD', name: 'Phòng Xây dựng quận Ba Đình', kind: 'division', parentId: badinh },
        { code: 'Q.BADINH.GT', name: 'Phòng Giao thông quận Ba Đình', kind: 'division', parentId: badinh },
      ],
      successors: [
        { oldUnitId: qldt, newUnitCode: 'Q.BADINH.XD', kind: 'split', fieldCodes: ['xay_dung'] },
        { oldUnitId: qldt, newUnitCode: 'Q.BADINH.GT', kind: 'split', fieldCodes: ['giao_thong'] },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    const xd = await unitId('Q.BADINH.XD');
    const gt = await unitId('Q.BADINH.GT');
    expect(created.body.unitChanges.filter((c: { change: string }) => c.change === 'start')).toHaveLength(2);
    // Prepared ahead: nothing changes until it is applied.
    expect((await admin.get(`/api/units/${xd}`)).body).toMatchObject({ active: false, validFrom: '2025-04-01' });

    const preview = (await admin.get(`/api/reorganisations/${id}/preview`)).body;
    expect(preview.moves).toEqual([{ fromUnitId: qldt, toUnitId: xd, rule: 'field', tasks: 1 }]);
    expect(preview.unplaced).toEqual([
      expect.objectContaining({ taskId: ids.otherSub, reason: 'no_rule', candidates: [xd, gt], role: 'lead' }),
    ]);
    expect(preview.users).toEqual([expect.objectContaining({ username: 'canbo.badinh', toUnitId: null })]);
    expect(preview.canApply).toBe(false);

    setToday('2025-04-01');
    const blocked = await admin.post(`/api/reorganisations/${id}/apply`, {});
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message.vi).toContain('1 nhiệm vụ');

    const wrong = await admin.request('PUT', `/api/reorganisations/${id}/choices`, {
      choices: [{ taskId: ids.otherSub, unitId: badinh }],
    });
    expect(wrong.status).toBe(422);
    const chosen = await admin.request('PUT', `/api/reorganisations/${id}/choices`, {
      choices: [{ taskId: ids.otherSub, unitId: gt }],
    });
    expect(chosen.status).toBe(200);
    const applied = await admin.post(`/api/reorganisations/${id}/apply`, { version: chosen.body.version });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({
      movedTasks: 2,
      usersToPlace: [expect.objectContaining({ username: 'canbo.badinh' })],
      renamedUnits: [vp],
    });
    const other = (await admin.get(`/api/tasks/${ids.otherSub}`)).body;
    expect(other.leadUnit.id).toBe(gt);
    expect(other.timeline.find((e: { kind: string }) => e.kind === 'lead_reorganised').data.rule).toBe('choice');
    expect((await admin.get(`/api/units/${vp}`)).body.name).toBe('Văn phòng quận Ba Đình');
    expect((await admin.get(`/api/units/${xd}`)).body.active).toBe(true);
  });

  it('applies the 1 July act by the scheduler on its date: districts pass to their wards and communes', async () => {
    const { startScheduler } = await import('../../jobs/scheduler.js');
    setToday('2025-06-30');
    const scheduler = startScheduler(t.t, { mailer: null });
    try {
      await scheduler.tick();
      expect(
        (
          await t.t.db
            .selectFrom('reorganisation_acts')
            .select('status')
            .where('id', '=', actIds[1]!)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe('draft');
      setToday('2025-07-01');
      await scheduler.tick();
    } finally {
      await scheduler.stop();
    }
    const admin = await t.as('admin');
    const july = (await admin.get(`/api/reorganisations/${actIds[1]}`)).body;
    expect(july.status).toBe('applied');
    const pBadinh = await unitId('P.BADINH');
    const urban = (await admin.get(`/api/tasks/${ids.urban}`)).body;
    expect(urban.leadUnit.id).toBe(pBadinh);
    expect(urban.coordinatingUnits.map((u: { code: string }) => u.code)).toEqual(['P.HOANKIEM']);
    // The sub-task Ba Đình handed down is now the ward's to decide on.
    expect((await admin.get(`/api/tasks/${ids.urbanSub}`)).body.assignerUnit.id).toBe(pBadinh);
    const clerk = await t.t.db
      .selectFrom('users')
      .select('unit_id')
      .where('username', '=', 'vanthu.badinh')
      .executeTakeFirstOrThrow();
    expect(clerk.unit_id).toBe(pBadinh);
    const now = (await admin.get('/api/units?asOf=2025-07-01')).body as { code: string; kind: string }[];
    expect(now.filter((u) => u.kind === 'ward')).toHaveLength(51);
    expect(now.filter((u) => u.kind === 'commune')).toHaveLength(75);
    expect(now.filter((u) => u.kind === 'district')).toHaveLength(0);
    const then = (await admin.get('/api/units?asOf=2025-06-30')).body as { kind: string }[];
    expect(then.filter((u) => u.kind === 'district')).toHaveLength(30);
  });
});
