import { fixedClock } from '../../context.js';
import type { Client, TestApp } from '../../../../test/helpers/app.js';

/**
 * A hand-made quarter (Q3 2026, calendar months, cut-off 30/09/2026) played through the API
 * day by day, whose review table is written out by hand in reports.test.ts. Tasks:
 *  Ba Đình:  T1 on time · T2 late · T3 extended past the cut-off (in progress) · T4 overdue, urged twice
 *            (and, before the quarter, T9 due 05/07 and left open; after it, T10)
 *  Hoàn Kiếm: T5 reported 14/09 but confirmed only 02/10 (overdue on the cut-off) · T6 extension refused, late · T7 no deadline
 *  Sở Xây dựng: T8 withdrawn · T11 on time · T12 confirmed on the cut-off day · T13 overdue by one day
 * Sub-tasks of T4 inside Ba Đình: S1 to a staff member (overdue), S2 to a division (on time).
 */
export interface Fixture {
  task: Record<string, number>;
}

export async function playQuarter(h: TestApp): Promise<Fixture> {
  const unit = (code: string) => h.t.org.unitIds.get(code)!;
  const officer = await h.as('chuyenvien');
  const bd = await h.as('vanthu.badinh');
  const bdHead = await h.as('truongphong.badinh');
  const hk = await h.as('vanthu.hoankiem');
  const sxd = await h.as('vanthu.sxd');
  const task: Record<string, number> = {};
  const on = (d: string) => {
    h.t.clock = fixedClock(d);
  };
  const doc = async (numberSymbol: string, issuedOn: string, tasks: [string, string, string | null][]) => {
    on(issuedOn);
    const res = await officer.post('/api/documents', {
      numberSymbol,
      kind: 'Công văn',
      issuerUnitId: unit('UBND'),
      issuedOn,
      summary: `Văn bản kiểm thử ${numberSymbol}`,
      tasks: tasks.map(([name, lead, deadline]) => ({
        content: `Nhiệm vụ ${name}: rà soát, báo cáo kết quả`,
        leadUnitId: unit(lead),
        fieldCode: name === 'T13' ? 'xay_dung' : 'dat_dai',
        deadline: deadline ? { kind: 'fixed', date: deadline } : { kind: 'none' },
      })),
    });
    if (res.status !== 201) throw new Error(`document ${numberSymbol}: ${res.status} ${JSON.stringify(res.body)}`);
    tasks.forEach(([name], i) => (task[name] = res.body.tasks[i].id));
  };
  const act = async (who: Client, name: string, path: string, body: Record<string, unknown> = {}) => {
    const id = task[name]!;
    const current = await who.get(`/api/tasks/${id}`);
    const res = await who.post(`/api/tasks/${id}/${path}`, { version: current.body.version, ...body });
    if (res.status !== 200) throw new Error(`${name} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const decideExtension = async (name: string, verb: 'approve' | 'refuse', reason?: string) => {
    const current = await officer.get(`/api/tasks/${task[name]}`);
    const rid = current.body.extensionRequests.find((r: { status: string }) => r.status === 'pending').id;
    const res = await officer.post(`/api/tasks/${task[name]}/extension-requests/${rid}/${verb}`, {
      version: current.body.version,
      ...(reason ? { reason } : {}),
    });
    if (res.status !== 200) throw new Error(`${name} ${verb}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const complete = (who: Client, name: string) =>
    act(who, name, 'completion', { note: 'Đã hoàn thành, gửi kèm báo cáo' });
  const confirm = (name: string) => act(officer, name, 'confirm', {});

  await doc('901/UBND-KT', '2026-06-20', [['T9', 'Q.BADINH', '2026-07-05']]);
  await doc('902/UBND-KT', '2026-07-01', [
    ['T1', 'Q.BADINH', '2026-07-31'],
    ['T2', 'Q.BADINH', '2026-08-15'],
    ['T3', 'Q.BADINH', '2026-08-31'],
    ['T4', 'Q.BADINH', '2026-09-10'],
    ['T5', 'Q.HOANKIEM', '2026-09-15'],
    ['T6', 'Q.HOANKIEM', '2026-09-20'],
    ['T7', 'Q.HOANKIEM', null],
    ['T8', 'SXD', '2026-07-15'],
    ['T11', 'SXD', '2026-08-31'],
    ['T12', 'SXD', '2026-09-30'],
    ['T13', 'SXD', '2026-09-29'],
  ]);
  on('2026-07-02');
  for (const [who, names] of [
    [bd, ['T1', 'T2', 'T3', 'T4']],
    [hk, ['T5', 'T6', 'T7']],
    [sxd, ['T11', 'T12', 'T13']],
  ] as const) {
    for (const name of names) await act(who, name, 'receive');
  }
  on('2026-07-10');
  await act(officer, 'T8', 'withdraw', { reason: 'Nhiệm vụ không còn phù hợp' });
  on('2026-07-20');
  await complete(bd, 'T1');
  on('2026-07-22');
  await confirm('T1');
  on('2026-08-10');
  await complete(sxd, 'T11');
  on('2026-08-12');
  await confirm('T11');
  on('2026-08-20');
  await complete(bd, 'T2');
  on('2026-08-21');
  await confirm('T2');
  on('2026-08-25');
  await act(bd, 'T3', 'extension-requests', { newDeadline: '2026-10-15', reason: 'Chờ ý kiến các sở' });
  on('2026-08-27');
  await decideExtension('T3', 'approve', 'Đồng ý');
  on('2026-09-01');
  const canbo = h.t.org.userIds.get('canbo.badinh')!;
  let parent = await act(bd, 'T4', 'subtasks', {
    content: 'Rà soát hồ sơ tồn đọng (cán bộ)',
    assigneeUserId: canbo,
    deadline: '2026-09-08',
  });
  task.S1 = parent.subtasks.find((s: { content: string }) => s.content.includes('cán bộ')).id;
  parent = await act(bd, 'T4', 'subtasks', {
    content: 'Tổng hợp số liệu (phòng)',
    leadUnitId: unit('Q.BADINH.TNMT'),
    deadline: '2026-09-09',
  });
  task.S2 = parent.subtasks.find((s: { content: string }) => s.content.includes('phòng')).id;
  on('2026-09-02');
  await act(bd, 'S2', 'receive');
  on('2026-09-05');
  await complete(bd, 'S2');
  on('2026-09-06');
  await act(bdHead, 'S2', 'confirm', {});
  on('2026-09-14');
  await complete(hk, 'T5');
  on('2026-09-15');
  await officer.post(`/api/tasks/${task.T4}/urge`, { note: 'Đề nghị khẩn trương' });
  on('2026-09-18');
  await act(hk, 'T6', 'extension-requests', { newDeadline: '2026-09-25', reason: 'Chờ kết quả khảo sát' });
  on('2026-09-19');
  await decideExtension('T6', 'refuse', 'Không đủ căn cứ gia hạn');
  on('2026-09-20');
  await officer.post(`/api/tasks/${task.T4}/urge`, { note: 'Đôn đốc lần 2' });
  on('2026-09-24');
  await complete(hk, 'T6');
  on('2026-09-25');
  await confirm('T6');
  on('2026-09-29');
  await complete(sxd, 'T12');
  on('2026-09-30');
  await confirm('T12');
  await doc('903/UBND-KT', '2026-10-01', [['T10', 'Q.BADINH', '2026-10-20']]);
  on('2026-10-02');
  await confirm('T5');
  on('2026-10-05');
  return { task };
}
