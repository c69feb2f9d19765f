import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELDS } from '../../seed/fields.js';
import { generateHistory } from '../../seed/history.js';
import { insertHistory } from '../../seed/insert-history.js';
import { createTestApp, type Client, type TestApp } from '../../../../test/helpers/app.js';
import { verifyAuditChain } from '../audit/service.js';

/** Inspection end to end through HTTP: targeting, plan, record, conclusion → tasks, publication. */
const TODAY = '2026-11-29';
let h: TestApp;
let inspector: Client;
let officer: Client;
let clerkBaDinh: Client;
let clerkHoanKiem: Client;
let unit: (code: string) => number;

beforeAll(async () => {
  h = await createTestApp({ today: TODAY });
  unit = (code) => h.t.org.unitIds.get(code)!;
  const units = await h.t.db.selectFrom('units').select(['id', 'kind']).execute();
  const generated = generateHistory({
    seed: 6,
    tasks: 600,
    from: '2025-06-01',
    until: TODAY,
    leadUnitIds: units.filter((u) => u.kind === 'department' || u.kind === 'district').map((u) => u.id),
    authorityUnitIds: units.filter((u) => u.kind === 'authority').map((u) => u.id),
    fieldCodes: FIELDS.map((f) => f.code),
    actorUserId: null,
  });
  await insertHistory(h.t.db, generated.documents, generated.tasks, null);
  // Late dossiers: 5 + 3 in a priority field count, the non-priority field and last month's do not.
  await h.t.db
    .insertInto('dossier_stats')
    .values([
      {
        unit_id: unit('Q.BADINH'),
        field_code: 'dat_dai',
        period_start: '2026-11-01',
        period_end: '2026-11-30',
        received: 40,
        resolved_on_time: 20,
        resolved_late: 5,
        pending_on_time: 12,
        pending_overdue: 3,
        source: 'test',
      },
      {
        unit_id: unit('Q.BADINH'),
        field_code: 'thu_ngan_sach',
        period_start: '2026-11-01',
        period_end: '2026-11-30',
        received: 400,
        resolved_on_time: 0,
        resolved_late: 100,
        pending_on_time: 0,
        pending_overdue: 100,
        source: 'test',
      },
      {
        unit_id: unit('Q.HOANKIEM'),
        field_code: 'xay_dung',
        period_start: '2026-10-01',
        period_end: '2026-10-31',
        received: 10,
        resolved_on_time: 0,
        resolved_late: 9,
        pending_on_time: 0,
        pending_overdue: 1,
        source: 'test',
      },
    ] as never)
    .execute();
  [inspector, officer, clerkBaDinh, clerkHoanKiem] = (await Promise.all(
    ['thanhtra.snv', 'chuyenvien', 'vanthu.badinh', 'vanthu.hoankiem'].map((u) => h.as(u)),
  )) as [Client, Client, Client, Client];
});
afterAll(async () => h?.close());

describe('targeting', () => {
  it('ranks the departments and districts with the method and weights shown', async () => {
    const r = await inspector.get('/api/inspections/targets?month=2026-11');
    expect(r.status).toBe(200);
    expect(r.body.cutoff).toBe(TODAY);
    expect(r.body.units.length).toBeGreaterThan(50);
    expect(r.body.method.vi.join(' ')).toContain('Chuẩn hóa');
    expect(r.body.method.en.join(' ')).toContain('Normalisation');
    const ranks = r.body.units.map((u: { rank: number }) => u.rank);
    expect(ranks[0]).toBe(1);
    expect([...ranks].sort((a: number, b: number) => a - b)).toEqual(ranks);
    const badinh = r.body.units.find((u: { code: string }) => u.code === 'Q.BADINH');
    expect(badinh.lateDossiers).toBe(8);
    expect(r.body.units.find((u: { code: string }) => u.code === 'Q.HOANKIEM').lateDossiers).toBe(0);
  });

  it('is reproducible and follows the weights the inspector sets', async () => {
    const a = await inspector.get(
      '/api/inspections/targets?month=2026-11&weights=backlog:40,overdueRate:30,lateDossiers:20,sinceInspection:10',
    );
    const b = await inspector.get(
      '/api/inspections/targets?month=2026-11&weights=backlog:4,overdueRate:3,lateDossiers:2,sinceInspection:1',
    );
    expect(a.body.units).toEqual(b.body.units);
    const dossiersOnly = await inspector.get('/api/inspections/targets?month=2026-11&weights=lateDossiers:1');
    expect(dossiersOnly.body.units[0].code).toBe('Q.BADINH');
    expect(dossiersOnly.body.units[0].score).toBe(100);
    const backlogOnly = await inspector.get('/api/inspections/targets?month=2026-11&weights=backlog:1');
    const maxBacklog = Math.max(...backlogOnly.body.units.map((u: { backlog: number }) => u.backlog));
    expect(backlogOnly.body.units[0].backlog).toBe(maxBacklog);
    expect(backlogOnly.body.maxima.backlog).toBe(maxBacklog);
  });

  it('rejects bad weights and months in both languages; units cannot see it', async () => {
    for (const w of ['backlog:0', 'speed:3', 'backlog:-2']) {
      const r = await inspector.get(`/api/inspections/targets?weights=${w}`);
      expect(r.status).toBe(422);
      expect(r.body.error.message.vi).toContain('Trọng số');
      expect(r.body.error.message.en).toContain('weights');
    }
    expect((await inspector.get('/api/inspections/targets?month=2026-13')).status).toBe(400);
    expect((await inspector.get('/api/inspections/targets?month=2027-01')).status).toBe(422);
    expect((await clerkBaDinh.get('/api/inspections/targets')).status).toBe(403);
  });
});

describe('plan → record → conclusion → tasks → publication', () => {
  let planId: number;
  let recordId: number;
  let otherRecordId: number;
  const planBody = () => ({
    kind: 'monthly',
    title: 'Kiểm tra công vụ tháng 11/2026',
    month: '2026-11',
    periodFrom: '2026-01-01',
    periodTo: '2026-10-31',
    startsOn: '2026-11-10',
    endsOn: '2026-11-25',
    leaderUserId: inspector.userId,
    memberUserIds: [officer.userId],
    units: [
      { unitId: unit('Q.BADINH'), scheduledOn: '2026-11-12' },
      { unitId: unit('Q.HOANKIEM'), scheduledOn: '2026-11-19' },
    ],
    targeting: { month: '2026-11', weights: 'backlog:40,overdueRate:30,lateDossiers:20,sinceInspection:10' },
  });

  it('only an inspector creates plans; bad plans are refused with reasons', async () => {
    expect((await clerkBaDinh.post('/api/inspections/plans', planBody())).status).toBe(403);
    expect((await officer.post('/api/inspections/plans', planBody())).status).toBe(403);
    const reversed = await inspector.post('/api/inspections/plans', {
      ...planBody(),
      periodFrom: '2026-11-01',
      periodTo: '2026-01-01',
    });
    expect(reversed.status).toBe(422);
    expect(reversed.body.error.message.vi).toContain('Thời kỳ');
    const missing = await inspector.post('/api/inspections/plans', { ...planBody(), title: undefined });
    expect(missing.status).toBe(400);
    const noMonth = await inspector.post('/api/inspections/plans', { ...planBody(), month: null });
    expect(noMonth.status).toBe(400);
    const authority = await inspector.post('/api/inspections/plans', {
      ...planBody(),
      units: [{ unitId: unit('UBND') }],
    });
    expect(authority.status).toBe(422);
  });

  it('creates a plan with its team, a record per unit, and the targeting it came from', async () => {
    const r = await inspector.post('/api/inspections/plans', planBody());
    expect(r.status).toBe(201);
    planId = r.body.id;
    expect(r.body.leader.id).toBe(inspector.userId);
    expect(r.body.members.map((m: { id: number }) => m.id)).toEqual([officer.userId]);
    expect(r.body.records).toHaveLength(2);
    expect(r.body.targeting.weights.backlog).toBe(40);
    expect(r.body.targeting.units.length).toBeGreaterThan(0);
    recordId = r.body.records.find((x: { unit: { code: string } }) => x.unit.code === 'Q.BADINH').id;
    otherRecordId = r.body.records.find((x: { unit: { code: string } }) => x.unit.code === 'Q.HOANKIEM').id;
    expect((await officer.get(`/api/inspections/plans/${planId}`)).status).toBe(200);
    expect((await clerkBaDinh.get(`/api/inspections/plans/${planId}`)).status).toBe(404);
    const list = await inspector.get('/api/inspections/plans?month=2026-11');
    expect(list.body.items.map((p: { id: number }) => p.id)).toContain(planId);
  });

  it('records findings, responsibility and recommendations; units cannot see a draft', async () => {
    const current = await inspector.get(`/api/inspections/${recordId}`);
    expect(current.body.allowedActions).toEqual(expect.arrayContaining(['edit', 'conclude']));
    expect((await clerkBaDinh.get(`/api/inspections/${recordId}`)).status).toBe(404);
    expect(
      (await officer.request('PUT', `/api/inspections/${recordId}`, { version: current.body.version })).status,
    ).toBe(403);
    const r = await inspector.request('PUT', `/api/inspections/${recordId}`, {
      version: current.body.version,
      inspectedOn: '2026-11-12',
      findings: 'Còn 12 nhiệm vụ tồn đọng quá hạn trên 30 ngày.\nBộ phận một cửa trả hồ sơ đất đai trễ hạn.',
      conclusion: 'Quận Ba Đình chưa chấp hành nghiêm kỷ luật, kỷ cương hành chính trong thực hiện nhiệm vụ được giao.',
      responsibilities: [
        {
          personName: 'Nguyễn Văn A',
          position: 'Trưởng phòng Tài nguyên và Môi trường',
          fault: 'Để chậm giải quyết hồ sơ đất đai',
          measure: 'Kiểm điểm, rút kinh nghiệm',
        },
      ],
      recommendations: [
        {
          content: 'Rà soát, hoàn thành các nhiệm vụ tồn đọng quá hạn',
          deadline: '2026-12-31',
          fieldCode: 'cai_cach_hanh_chinh',
        },
        {
          content: 'Chấn chỉnh bộ phận một cửa, giải quyết dứt điểm hồ sơ đất đai quá hạn',
          deadline: '2027-01-15',
          fieldCode: 'dat_dai',
        },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.responsibilities).toHaveLength(1);
    expect(r.body.recommendations.map((x: { followUp: string }) => x.followUp)).toEqual([
      'not_yet_a_task',
      'not_yet_a_task',
    ]);
    const stale = await inspector.request('PUT', `/api/inspections/${recordId}`, {
      version: current.body.version,
      findings: 'x',
    });
    expect(stale.status).toBe(409);
    const early = await inspector.post(`/api/inspections/${recordId}/publish`, { version: r.body.version });
    expect(early.status).toBe(409);
  });

  it('issuing the conclusion turns each recommendation into a task the unit sees like any other', async () => {
    const before = await inspector.get(`/api/inspections/${recordId}`);
    const tooEarly = await inspector.post(`/api/inspections/${recordId}/conclude`, {
      version: before.body.version,
      conclusionNumber: '125/KL-SNV',
      concludedOn: '2026-11-11',
    });
    expect(tooEarly.status).toBe(422);
    const r = await inspector.post(`/api/inspections/${recordId}/conclude`, {
      version: before.body.version,
      conclusionNumber: '125/KL-SNV',
      concludedOn: '2026-11-20',
    });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('concluded');
    expect(r.body.assignerUnit.code).toBe('SNV');
    const taskIds = r.body.recommendations.map((x: { taskId: number }) => x.taskId);
    expect(taskIds.every((id: number) => id > 0)).toBe(true);
    const tasks = await clerkBaDinh.get(`/api/tasks?documentId=${r.body.documentId}`);
    expect(tasks.status).toBe(200);
    expect(tasks.body.items.map((t: { id: number }) => t.id).sort()).toEqual([...taskIds].sort());
    for (const t of tasks.body.items) {
      expect(t.leadUnit.code).toBe('Q.BADINH');
      expect(t.assignerUnit.code).toBe('SNV');
      expect(t.documentNumber).toBe('125/KL-SNV');
      expect(t.state).toBe('assigned');
    }
    const detail = await clerkBaDinh.get(`/api/tasks/${taskIds[0]}`);
    expect(detail.body.allowedActions).toContain('receive');
    expect((await clerkHoanKiem.get(`/api/tasks/${taskIds[0]}`)).status).toBe(404);
    // Added afterwards: a task at once.
    const added = await inspector.post(`/api/inspections/${recordId}/recommendations`, {
      content: 'Báo cáo kết quả khắc phục về Sở Nội vụ',
      deadline: '2027-01-31',
    });
    expect(added.body.recommendations).toHaveLength(3);
    expect(added.body.recommendations[2].taskId).toBeGreaterThan(0);
    const again = await inspector.post(`/api/inspections/${recordId}/conclude`, {
      version: added.body.version,
      conclusionNumber: '126/KL-SNV',
      concludedOn: '2026-11-20',
    });
    expect(again.status).toBe(409);
  });

  it('publishing is explicit and audited; units read their own published conclusion only', async () => {
    const anon = (url: string) => h.app.inject({ method: 'GET', url });
    expect((await anon(`/portal/conclusions/${recordId}`)).statusCode).toBe(404);
    const rec = await inspector.get(`/api/inspections/${recordId}`);
    expect(rec.body.allowedActions).toContain('publish');
    expect((await officer.post(`/api/inspections/${recordId}/publish`, { version: rec.body.version })).status).toBe(
      403,
    );
    const pub = await inspector.post(`/api/inspections/${recordId}/publish`, { version: rec.body.version });
    expect(pub.status).toBe(200);
    expect(pub.body.published).toBe(true);
    const page = await anon(`/portal/conclusions/${recordId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('125/KL-SNV');
    expect(page.body).not.toContain('Nguyễn Văn A'); // individuals are not named in public
    expect((await clerkBaDinh.get(`/api/inspections/${recordId}`)).status).toBe(200);
    expect((await clerkHoanKiem.get(`/api/inspections/${recordId}`)).status).toBe(404);
    const mine = await clerkBaDinh.get('/api/inspections');
    expect(mine.body.items.map((i: { id: number }) => i.id)).toEqual([recordId]);
    const unpub = await inspector.post(`/api/inspections/${recordId}/unpublish`, { version: pub.body.version });
    expect(unpub.status).toBe(200);
    expect((await anon(`/portal/conclusions/${recordId}`)).statusCode).toBe(404);
    expect((await anon('/portal/conclusions')).body).not.toContain('125/KL-SNV');
    expect((await anon('/portal/search?q=ba%20dinh')).body).not.toContain('125/KL-SNV');
    expect((await clerkBaDinh.get(`/api/inspections/${recordId}`)).status).toBe(404);
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'inspection')
      .where('entity_id', '=', String(recordId))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'inspection_record_updated',
      'inspection_concluded',
      'inspection_recommendation_added',
      'inspection_published',
      'inspection_unpublished',
    ]);
    expect((await verifyAuditChain(h.t.db)).ok).toBe(true);
  });

  it('never serves drafts or unknown ids on the portal', async () => {
    for (const id of [otherRecordId, recordId, 999999, 0]) {
      const r = await h.app.inject({ method: 'GET', url: `/portal/conclusions/${id}` });
      expect(r.statusCode).toBe(404);
    }
    for (const bad of ['abc', '1e3', '-1', '1%20or%201=1', '99999999999999']) {
      expect((await h.app.inject({ method: 'GET', url: `/portal/conclusions/${bad}` })).statusCode).toBe(404);
    }
  });

  it('the monthly briefing lists the month’s figures and conclusions, as DOCX and PDF', async () => {
    const json = await officer.get('/api/inspections/briefing?month=2026-11');
    expect(json.status).toBe(200);
    expect(json.body.inspections.map((i: { id: number }) => i.id)).toContain(recordId);
    expect(json.body.unitsNamed).toContain('Quận Ba Đình');
    for (const [format, magic] of [
      ['docx', 'PK'],
      ['pdf', '%PDF'],
    ] as const) {
      const r = await h.app.inject({
        method: 'GET',
        url: `/api/inspections/briefing?month=2026-11&format=${format}`,
        headers: { authorization: '' },
        cookies: {},
      });
      expect(r.statusCode).toBe(401);
      const res = await officer.request('GET', `/api/inspections/briefing?month=2026-11&format=${format}`);
      expect(res.status).toBe(200);
      const raw = await inspectorRaw(`/api/inspections/briefing?month=2026-11&format=${format}`);
      expect(raw.subarray(0, magic.length).toString('latin1')).toBe(magic);
      expect(raw.length).toBeGreaterThan(2000);
    }
    expect((await clerkBaDinh.get('/api/inspections/briefing?month=2026-11')).status).toBe(403);
  });
});

async function inspectorRaw(url: string): Promise<Buffer> {
  const login = await h.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'thanhtra.snv', password: 'demo1234' },
  });
  const cookie = login.cookies.find((c) => c.name === 'nv_session')!;
  const r = await h.app.inject({ method: 'GET', url, cookies: { nv_session: cookie.value } });
  return r.rawPayload;
}
