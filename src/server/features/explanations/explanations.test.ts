import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../context.js';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { createSmtpMailer, deliverDueMails, getReminderRules, scanReminders } from '../reminders/service.js';
import { startSmtpSink, type SmtpSink } from '../reminders/smtp-sink.js';

let h: TestApp;
let smtp: SmtpSink;
const setToday = (d: string) => {
  h.t.clock = fixedClock(d);
};

beforeAll(async () => {
  h = await createTestApp({ today: '2026-06-01' });
  smtp = await startSmtpSink();
  h.t.config.SMTP_URL = smtp.url;
});
afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

const unitOf = (code: string) => h.t.org.unitIds.get(code)!;
const detail = async (id: number) => (await (await h.as('chuyenvien')).get(`/api/tasks/${id}`)).body;

async function newTasks(numberSymbol: string, tasks: { content: string; unit: string; deadline: string }[]) {
  setToday('2026-06-01');
  const res = await (
    await h.as('chuyenvien')
  ).post('/api/documents', {
    numberSymbol,
    kind: 'Công văn',
    issuerUnitId: unitOf('UBND'),
    issuedOn: '2026-06-01',
    summary: 'Về việc triển khai nhiệm vụ',
    tasks: tasks.map((t) => ({
      content: t.content,
      leadUnitId: unitOf(t.unit),
      deadline: { kind: 'fixed', date: t.deadline },
    })),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body.tasks as { id: number }[]).map((t) => t.id);
}

describe('causes of delay', () => {
  it('lists the configured causes and lets the administrator add one and deactivate it', async () => {
    const clerk = await h.as('vanthu.badinh');
    const list = await clerk.get('/api/delay-causes');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { kind: string }) => c.kind)).toContain('objective');
    expect(list.body.items.map((c: { kind: string }) => c.kind)).toContain('subjective');
    expect(
      (await clerk.post('/api/delay-causes', { code: 'x_y', kind: 'objective', nameVi: 'Xx', nameEn: 'Xx' })).status,
    ).toBe(403);
    const admin = await h.as('admin');
    const added = await admin.post('/api/delay-causes', {
      code: 'weather',
      kind: 'objective',
      nameVi: 'Thời tiết bất thường',
      nameEn: 'Unusual weather',
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(
      (await admin.post('/api/delay-causes', { code: 'weather', kind: 'objective', nameVi: 'Lặp', nameEn: 'Dup' }))
        .status,
    ).toBe(409);
    const bad = await admin.post('/api/delay-causes', {
      code: 'Bad Code',
      kind: 'objective',
      nameVi: 'Xx',
      nameEn: 'Xx',
    });
    expect(bad.status).toBe(400);
    const off = await admin.request('PUT', '/api/delay-causes/weather', {
      kind: 'objective',
      nameVi: 'Thời tiết bất thường',
      nameEn: 'Unusual weather',
      active: false,
    });
    expect(off.status).toBe(200);
    expect((await clerk.get('/api/delay-causes')).body.items.some((c: { code: string }) => c.code === 'weather')).toBe(
      false,
    );
    expect(
      (await admin.request('PUT', '/api/delay-causes/nope', { kind: 'objective', nameVi: 'Xx', nameEn: 'Xx' })).status,
    ).toBe(404);
  });

  it('the lead unit gives the causes of an overdue task, from the list and in its own words; not for a task on time', async () => {
    const [id] = await newTasks('901/UBND-VP', [
      { content: 'Rà soát hồ sơ đất đai', unit: 'Q.BADINH', deadline: '2026-06-10' },
    ]);
    const clerk = await h.as('vanthu.badinh');
    const early = await clerk.request('PUT', `/api/tasks/${id}/delay-causes`, {
      version: (await detail(id!)).version,
      causeCodes: ['staff'],
    });
    expect(early.status).toBe(409);
    expect(early.body.error.message.vi ?? early.body.error.message).toBeTruthy();
    setToday('2026-06-15');
    const unknown = await clerk.request('PUT', `/api/tasks/${id}/delay-causes`, {
      version: (await detail(id!)).version,
      causeCodes: ['no_such_cause'],
    });
    expect(unknown.status).toBe(422);
    const empty = await clerk.request('PUT', `/api/tasks/${id}/delay-causes`, {
      version: (await detail(id!)).version,
      causeCodes: [],
    });
    expect(empty.status).toBe(422);
    const officer = await h.as('chuyenvien');
    expect(
      (
        await officer.request('PUT', `/api/tasks/${id}/delay-causes`, {
          version: (await detail(id!)).version,
          causeCodes: ['staff'],
        })
      ).status,
    ).toBe(403);
    const res = await clerk.request('PUT', `/api/tasks/${id}/delay-causes`, {
      version: (await detail(id!)).version,
      causeCodes: ['awaiting_other_body', 'staff'],
      note: 'Chờ ý kiến Sở Tài nguyên và Môi trường',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.causes).toMatchObject({
      causeCodes: ['awaiting_other_body', 'staff'],
      note: 'Chờ ý kiến Sở Tài nguyên và Môi trường',
      setOn: '2026-06-15',
    });
    expect((await detail(id!)).timeline.map((e: { kind: string }) => e.kind)).toContain('delay_causes_set');
    // Another district sees nothing of it.
    expect((await (await h.as('vanthu.hoankiem')).get(`/api/tasks/${id}/delay`)).status).toBe(404);
  });
});

describe('explanation requests', () => {
  let ids: number[] = [];
  let requestId = 0;

  it('an officer asks a district to explain all its overdue tasks; its clerks and heads are told', async () => {
    ids = await newTasks('902/UBND-VP', [
      { content: 'Báo cáo tiến độ giải phóng mặt bằng', unit: 'Q.BADINH', deadline: '2026-06-05' },
      { content: 'Kế hoạch chỉnh trang đô thị', unit: 'Q.BADINH', deadline: '2026-06-08' },
      { content: 'Báo cáo chưa đến hạn', unit: 'Q.BADINH', deadline: '2026-07-30' },
      { content: 'Việc của quận khác', unit: 'Q.HOANKIEM', deadline: '2026-06-05' },
    ]);
    setToday('2026-06-15');
    const officer = await h.as('chuyenvien');
    const past = await officer.post('/api/explanation-requests', { unitId: unitOf('Q.BADINH'), dueOn: '2026-06-14' });
    expect(past.status).toBe(422);
    expect(past.body.error.field).toBe('dueOn');
    const both = await officer.post('/api/explanation-requests', {
      unitId: unitOf('Q.BADINH'),
      taskId: ids[0],
      dueOn: '2026-06-18',
    });
    expect(both.status).toBe(422);
    expect(
      (
        await (
          await h.as('vanthu.badinh')
        ).post('/api/explanation-requests', { unitId: unitOf('Q.BADINH'), dueOn: '2026-06-18' })
      ).status,
    ).toBe(403);
    const res = await officer.post('/api/explanation-requests', {
      unitId: unitOf('Q.BADINH'),
      dueOn: '2026-06-18',
      note: 'Đề nghị giải trình trước cuộc họp giao ban',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    requestId = res.body.id;
    const listed = (res.body.tasks as { id: number }[]).map((t) => t.id);
    expect(listed).toContain(ids[0]);
    expect(listed).toContain(ids[1]);
    expect(listed).not.toContain(ids[2]);
    expect(listed).not.toContain(ids[3]);
    expect(res.body).toMatchObject({ scope: 'overdue', status: 'pending', dueOn: '2026-06-18', canAnswer: false });
    const clerk = await h.as('vanthu.badinh');
    const mine = await clerk.get('/api/explanation-requests?status=pending');
    expect(mine.body.items.map((r: { id: number }) => r.id)).toContain(requestId);
    expect(mine.body.items.find((r: { id: number }) => r.id === requestId).canAnswer).toBe(true);
    expect((await (await h.as('vanthu.hoankiem')).get(`/api/explanation-requests/${requestId}`)).status).toBe(404);
    const told = await h.t.db
      .selectFrom('notifications')
      .select('user_id')
      .where('kind', '=', 'explanation')
      .where(({ ref }) => ref('data', '->>').key('requestId'), '=', String(requestId))
      .execute();
    expect(told.map((n) => n.user_id)).toContain(clerk.userId);
    expect((await detail(ids[0]!)).timeline.map((e: { kind: string }) => e.kind)).toContain('explanation_requested');
  });

  it('a request on one task that is on time is refused; a second pending one on the same task too', async () => {
    const officer = await h.as('chuyenvien');
    expect((await officer.post('/api/explanation-requests', { taskId: ids[2], dueOn: '2026-06-20' })).status).toBe(409);
    const one = await officer.post('/api/explanation-requests', { taskId: ids[3], dueOn: '2026-06-20' });
    expect(one.status, JSON.stringify(one.body)).toBe(201);
    expect(one.body.scope).toBe('task');
    expect((await officer.post('/api/explanation-requests', { taskId: ids[3], dueOn: '2026-06-22' })).status).toBe(409);
    expect((await officer.post('/api/explanation-requests', { taskId: 99_999_999, dueOn: '2026-06-22' })).status).toBe(
      404,
    );
  });

  it('an unanswered request is reminded on its due day and while overdue, once, by e-mail', async () => {
    const rules = await getReminderRules(h.t.db);
    setToday('2026-06-18');
    await scanReminders(h.t, '2026-06-18', rules);
    const again = await scanReminders(h.t, '2026-06-18', rules);
    const due = await h.t.db
      .selectFrom('reminders')
      .select(['user_id', 'occurrence_on'])
      .where('rule', '=', `explanation_due:${requestId}`)
      .execute();
    const clerk = await h.as('vanthu.badinh');
    expect(due.filter((r) => r.user_id === clerk.userId)).toHaveLength(1);
    expect(again.reminders).toBe(0);
    const count = await h.t.db
      .selectFrom('reminders')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('rule', '=', `explanation_due:${requestId}`)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(due.length);
    setToday('2026-06-19');
    await scanReminders(h.t, '2026-06-19', rules);
    const overdue = await h.t.db
      .selectFrom('reminders')
      .select('occurrence_on')
      .where('rule', '=', `explanation_overdue:${requestId}`)
      .where('user_id', '=', clerk.userId)
      .execute();
    expect(overdue).toEqual([{ occurrence_on: '2026-06-19' }]);
    const mailer = createSmtpMailer(h.t.config)!;
    await deliverDueMails(h.t, mailer);
    mailer.close();
    const mails = smtp.received.filter((m) => m.to.includes('vanthu.badinh@hanoi.gov.vn'));
    expect(mails.some((m) => m.subject.includes('Hôm nay đến hạn giải trình'))).toBe(true);
    expect(mails.some((m) => m.subject.includes('Quá hạn giải trình (hạn 18/06/2026)'))).toBe(true);
  });

  it('the district clerk answers with causes, measures and a committed date; the causes go on each task', async () => {
    setToday('2026-06-19');
    const clerk = await h.as('vanthu.badinh');
    const officer = await h.as('chuyenvien');
    const answer = {
      causeCodes: ['site_clearance', 'lack_of_direction'],
      causeNote: 'Người dân chưa đồng thuận phương án bồi thường',
      measures: 'Tổ chức đối thoại với các hộ dân, bổ sung cán bộ',
      committedOn: '2026-07-15',
    };
    expect((await officer.post(`/api/explanation-requests/${requestId}/answer`, answer)).status).toBe(403);
    expect(
      (await (await h.as('vanthu.hoankiem')).post(`/api/explanation-requests/${requestId}/answer`, answer)).status,
    ).toBe(404);
    const past = await clerk.post(`/api/explanation-requests/${requestId}/answer`, {
      ...answer,
      committedOn: '2026-06-01',
    });
    expect(past.status).toBe(422);
    expect(past.body.error.field).toBe('committedOn');
    expect(
      (await clerk.post(`/api/explanation-requests/${requestId}/answer`, { ...answer, measures: '' })).status,
    ).toBe(400);
    const res = await clerk.post(`/api/explanation-requests/${requestId}/answer`, answer);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: 'answered',
      answer: { causeCodes: answer.causeCodes, measures: answer.measures, committedOn: '2026-07-15', on: '2026-06-19' },
    });
    expect((await clerk.post(`/api/explanation-requests/${requestId}/answer`, answer)).status).toBe(409);
    for (const id of [ids[0]!, ids[1]!]) {
      const delay = (await officer.get(`/api/tasks/${id}/delay`)).body;
      expect(delay.causes.causeCodes).toEqual(answer.causeCodes);
      expect(delay.requests[0].status).toBe('answered');
      expect((await detail(id)).timeline.map((e: { kind: string }) => e.kind)).toContain('explanation_answered');
    }
    // Answered: no more reminders.
    const rules = await getReminderRules(h.t.db);
    await scanReminders(h.t, '2026-06-22', rules);
    const later = await h.t.db
      .selectFrom('reminders')
      .select('occurrence_on')
      .where('rule', '=', `explanation_overdue:${requestId}`)
      .where('occurrence_on', '>', '2026-06-19')
      .execute();
    expect(later).toEqual([]);
  });

  it('the causes feed the review (a table per unit), the urging letter and the monthly briefing', async () => {
    setToday('2026-06-19');
    const officer = await h.as('chuyenvien');
    const review = await officer.get(
      '/api/reports/review?period=month&year=2026&index=6&basis=assigned&asOf=2026-06-19',
    );
    expect(review.status, JSON.stringify(review.body)).toBe(200);
    const row = review.body.causes.units.find((u: { unitId: number }) => u.unitId === unitOf('Q.BADINH'));
    // The request listed the three overdue tasks of the district (901's too): the answer is now
    // each one's causes, replacing what the district had said on 901 before.
    expect(row.tasks).toBe(3);
    expect(row.counts).toEqual({ site_clearance: 3, lack_of_direction: 3 });
    expect(row.objective).toBe(3);
    expect(row.subjective).toBe(3);
    expect(row.requests).toEqual({ asked: 1, answered: 1, late: 0 });
    const hk = review.body.causes.units.find((u: { unitId: number }) => u.unitId === unitOf('Q.HOANKIEM'));
    expect(hk.requests).toEqual({ asked: 1, answered: 0, late: 0 });
    const letter = await officer.post('/api/urging-letters', { unitId: unitOf('Q.BADINH') });
    expect(letter.status, JSON.stringify(letter.body)).toBe(201);
    const listed = letter.body.tasks.find((t: { taskId: number }) => t.taskId === ids[0]);
    expect(listed.explanation).toMatchObject({ committedOn: '2026-07-15' });
    expect(listed.explanation.causeNames).toContain('giải phóng mặt bằng');
    const briefing = await officer.get('/api/inspections/briefing?month=2026-06');
    expect(briefing.status, JSON.stringify(briefing.body)).toBe(200);
    const b = briefing.body.causes.units.find((u: { unitId: number }) => u.unitId === unitOf('Q.BADINH'));
    expect(b).toMatchObject({ tasks: 3, requests: { asked: 1, answered: 1, late: 0 } });
  });
});
