import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/helpers/app.js';

let t: TestApp;
const unitId = (code: string) => t.t.org.unitIds.get(code)!;
const task = (body: { content: string; leadUnitId: number; coordinatingUnitIds?: number[] }) => ({
  ...body,
  fieldCode: 'xay_dung',
  deadline: { kind: 'fixed', date: '2026-06-30' },
});

/** Runs a task action with the task's current version. */
async function act(client: Client, id: number, action: string, body: Record<string, unknown> = {}) {
  const current = await client.get(`/api/tasks/${id}`);
  const res = await client.post(`/api/tasks/${id}/${action}`, { version: current.body.version, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

let ids: { open: number; received: number; completed: number; coordinated: number; both: number; handedDown: number };

beforeAll(async () => {
  t = await createTestApp({ today: '2026-03-02' });
  const badinh = unitId('Q.BADINH');
  const hoankiem = unitId('Q.HOANKIEM');
  const doc = await (
    await t.as('chuyenvien')
  ).post('/api/documents', {
    numberSymbol: '100/KH-UBND',
    kind: 'Kế hoạch',
    issuerUnitId: unitId('UBND'),
    issuedOn: '2026-02-20',
    summary: 'Kế hoạch chỉnh trang đô thị năm 2026',
    tasks: [
      task({ content: 'Chỉnh trang vỉa hè các tuyến phố', leadUnitId: badinh }),
      task({ content: 'Rà soát công trình vi phạm trật tự xây dựng', leadUnitId: badinh }),
      task({ content: 'Báo cáo kết quả cải tạo chung cư cũ', leadUnitId: badinh }),
      task({ content: 'Phối hợp lắp đặt đèn chiếu sáng', leadUnitId: unitId('SXD'), coordinatingUnitIds: [badinh] }),
      task({ content: 'Phối hợp hai quận về hạ tầng ngầm', leadUnitId: badinh, coordinatingUnitIds: [hoankiem] }),
    ],
  });
  expect(doc.status, JSON.stringify(doc.body)).toBe(201);
  const [open, received, completed, coordinated, both] = doc.body.tasks
    .map((x: { id: number }) => x.id)
    .sort((a: number, b: number) => a - b);
  const clerk = await t.as('vanthu.badinh');
  await act(clerk, received, 'receive');
  const head = await t.as('truongphong.badinh');
  const parent = (await head.get(`/api/tasks/${received}`)).body;
  const sub = await head.post(`/api/tasks/${received}/subtasks`, {
    version: parent.version,
    content: 'Phòng QLĐT rà soát hồ sơ',
    leadUnitId: unitId('Q.BADINH.QLDT'),
    deadline: '2026-05-29',
  });
  expect(sub.status, JSON.stringify(sub.body)).toBe(200);
  ids = { open, received, completed, coordinated, both, handedDown: sub.body.subtasks[0].id };
  await act(clerk, completed, 'receive');
  await act(clerk, completed, 'completion', { note: 'Đã hoàn thành, có báo cáo kèm theo' });
  await act(await t.as('chuyenvien'), completed, 'confirm');
});
afterAll(async () => t?.close());

describe('POST /api/units/:id/merge', () => {
  it('refuses non-administrators, unknown units and a successor inside the unit', async () => {
    const body = { successorId: unitId('Q.HOANKIEM'), reason: 'Sắp xếp đơn vị hành chính' };
    expect((await (await t.as('chuyenvien')).post(`/api/units/${unitId('Q.BADINH')}/merge`, body)).status).toBe(403);
    const admin = await t.as('admin');
    expect((await admin.post('/api/units/999999/merge', body)).status).toBe(404);
    const intoDivision = await admin.post(`/api/units/${unitId('Q.BADINH')}/merge`, {
      successorId: unitId('Q.BADINH.VP'),
      reason: 'Thử',
    });
    expect(intoDivision.status).toBe(422);
    expect(intoDivision.body.error.field).toBe('successorId');
    const self = await admin.post(`/api/units/${unitId('Q.BADINH')}/merge`, {
      successorId: unitId('Q.BADINH'),
      reason: 'Thử',
    });
    expect(self.status).toBe(422);
    expect(self.body.error.message).toMatchObject({
      vi: expect.stringContaining('chính nó'),
      en: expect.stringContaining('itself'),
    });
  });

  it('moves the open tasks to the successor and keeps the closed ones under the old unit', async () => {
    const admin = await t.as('admin');
    const badinh = unitId('Q.BADINH');
    const hoankiem = unitId('Q.HOANKIEM');
    const res = await admin.post(`/api/units/${badinh}/merge`, {
      successorId: hoankiem,
      reason: 'Sắp xếp đơn vị hành chính',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.unit).toMatchObject({
      id: badinh,
      active: false,
      successorId: hoankiem,
      name: expect.stringContaining('Ba Đình'),
    });
    expect(res.body.movedTaskIds).toEqual([ids.open, ids.received, ids.both]);
    expect(res.body.coordinatingTaskIds).toEqual([ids.coordinated]);
    expect(res.body.handedDownTaskIds).toEqual([ids.handedDown]);

    const open = (await admin.get(`/api/tasks/${ids.open}`)).body;
    expect(open.leadUnit.id).toBe(hoankiem);
    expect(open.state).toBe('assigned');
    const merged = open.timeline.find((e: { kind: string }) => e.kind === 'lead_merged');
    expect(merged).toMatchObject({ onDate: '2026-03-02', data: { fromUnitId: badinh, leadUnitId: hoankiem } });

    const received = (await admin.get(`/api/tasks/${ids.received}`)).body;
    expect(received).toMatchObject({ leadUnit: { id: hoankiem }, state: 'received' });

    const completed = (await admin.get(`/api/tasks/${ids.completed}`)).body;
    expect(completed).toMatchObject({ leadUnit: { id: badinh }, state: 'completed' });
    expect(completed.timeline.map((e: { kind: string }) => e.kind)).not.toContain('lead_merged');

    const coordinated = (await admin.get(`/api/tasks/${ids.coordinated}`)).body;
    expect(coordinated.coordinatingUnits.map((u: { id: number }) => u.id)).toEqual([hoankiem]);
    // The successor now leads this one, so it no longer coordinates it as well.
    const both = (await admin.get(`/api/tasks/${ids.both}`)).body;
    expect(both.leadUnit.id).toBe(hoankiem);
    expect(both.coordinatingUnits).toEqual([]);
  });

  it('gives the successor the decisions on the open sub-tasks the merged unit handed down', async () => {
    const admin = await t.as('admin');
    const sub = (await admin.get(`/api/tasks/${ids.handedDown}`)).body;
    expect(sub.assignerUnit.id).toBe(unitId('Q.HOANKIEM'));
    const event = sub.timeline.find((e: { kind: string }) => e.kind === 'assigner_merged');
    expect(event).toMatchObject({
      onDate: '2026-03-02',
      data: { fromUnitId: unitId('Q.BADINH'), assignerUnitId: unitId('Q.HOANKIEM') },
    });
    const audit = await t.t.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'task_assigner_merged')
      .execute();
    expect(audit.map((a) => Number(a.entity_id))).toEqual([ids.handedDown]);
  });

  it("lists the moved tasks under the successor for the successor's own clerk", async () => {
    const list = await (await t.as('vanthu.hoankiem')).get(`/api/tasks?unitId=${unitId('Q.HOANKIEM')}&role=lead`);
    expect(list.status).toBe(200);
    // With the sub-task that Ba Đình's urban management division (now under Hoàn Kiếm) leads.
    expect(list.body.items.map((x: { id: number }) => x.id).sort((a: number, b: number) => a - b)).toEqual([
      ids.open,
      ids.received,
      ids.both,
      ids.handedDown,
    ]);
  });

  it('moves the active divisions under the successor and records the lead change', async () => {
    const units = (await (await t.as('admin')).get('/api/units')).body as {
      id: number;
      code: string;
      path: string;
      parentId: number;
    }[];
    const vp = units.find((u) => u.code === 'Q.BADINH.VP')!;
    const hoankiem = units.find((u) => u.code === 'Q.HOANKIEM')!;
    expect(vp.parentId).toBe(hoankiem.id);
    expect(vp.path).toBe(`${hoankiem.path}${vp.id}/`);
    const changes = await t.t.db.selectFrom('task_lead_changes').selectAll().orderBy('task_id').execute();
    expect(changes.map((c) => [c.task_id, c.effective_on, c.from_unit_id, c.to_unit_id])).toEqual(
      [ids.open, ids.received, ids.both].map((id) => [id, '2026-03-02', unitId('Q.BADINH'), unitId('Q.HOANKIEM')]),
    );
    const audit = await t.t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', 'in', ['unit_merged', 'task_lead_merged'])
      .execute();
    expect(audit).toHaveLength(4);
  });

  it('refuses to merge a unit that is already merged', async () => {
    const res = await (
      await t.as('admin')
    ).post(`/api/units/${unitId('Q.BADINH')}/merge`, { successorId: unitId('Q.TAYHO'), reason: 'Lần hai' });
    expect(res.status).toBe(409);
  });
});
