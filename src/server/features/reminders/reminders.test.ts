import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../context.js';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { insertOpenTasks } from './fixtures.js';
import { createSmtpMailer, deliverDueMails, runDailyReminders, scanReminders, getReminderRules } from './service.js';
import { startSmtpSink, textBody, type SmtpSink } from './smtp-sink.js';
import { startScheduler } from '../../jobs/scheduler.js';

// Wednesday 2 December 2026. Deadlines: Monday 7 Dec is 3 working days ahead; 2 Dec is today;
// 28 Nov was 4 days ago (overdue reminders on days 1, 4, 7 …); 20 Nov 12 days ago (office told at 7).
const TODAY = '2026-12-02';
let h: TestApp;
let smtp: SmtpSink;
const unit = (code: string) => h.t.org.unitIds.get(code)!;
const user = (name: string) => h.t.org.userIds.get(name)!;
const ids: Record<string, number | undefined> = {};

beforeAll(async () => {
  h = await createTestApp({ today: TODAY });
  smtp = await startSmtpSink();
  h.t.config.SMTP_URL = smtp.url;
  h.t.config.publicUrl = 'https://nhiemvu.hanoi.gov.vn';
  const base = { leadUnitId: unit('Q.BADINH'), assignerUnitId: unit('UBND'), assignedOn: '2026-10-01', count: 1 };
  [ids.before] = await insertOpenTasks(h.t.db, {
    ...base,
    deadline: '2026-12-07',
    content: 'Rà soát hồ sơ đất đai tồn đọng',
  });
  [ids.due] = await insertOpenTasks(h.t.db, {
    ...base,
    deadline: '2026-12-02',
    content: 'Báo cáo kết quả giải phóng mặt bằng',
  });
  [ids.overdue] = await insertOpenTasks(h.t.db, {
    ...base,
    deadline: '2026-11-28',
    content: 'Chỉnh trang vỉa hè; "phố cổ"',
  });
  [ids.escalated] = await insertOpenTasks(h.t.db, {
    ...base,
    deadline: '2026-11-20',
    content: 'Xử lý vi phạm trật tự xây dựng',
  });
  [ids.later] = await insertOpenTasks(h.t.db, { ...base, deadline: '2026-12-20', content: 'Không đến lượt nhắc' });
  [ids.done] = await insertOpenTasks(h.t.db, {
    ...base,
    deadline: '2026-12-02',
    state: 'completion_reported',
    content: 'Đã báo cáo hoàn thành',
  });
  await h.t.db
    .updateTable('tasks')
    .set({ leader_user_id: user('lanhdao') })
    .where('id', '=', ids.escalated!)
    .execute();
});
afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

describe('reminder rules', () => {
  const rules = {
    enabled: true,
    beforeWorkingDays: [3],
    onDueDay: true,
    overdueEveryDays: 3,
    escalateOfficeAfterDays: 7,
    escalateLeaderAfterDays: 15,
    scanTime: '07:00',
  };

  it('has sensible defaults and lets the administrator change them', async () => {
    const admin = await h.as('admin');
    expect((await admin.get('/api/reminders/rules')).body).toEqual(rules);
    const changed = await admin.request('PUT', '/api/reminders/rules', {
      ...rules,
      beforeWorkingDays: [1, 5, 5],
      escalateLeaderAfterDays: 20,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.beforeWorkingDays).toEqual([5, 1]);
    expect((await admin.request('PUT', '/api/reminders/rules', rules)).status).toBe(200);
  });

  it('refuses bad rules with a message in both languages', async () => {
    const admin = await h.as('admin');
    const bad = await admin.request('PUT', '/api/reminders/rules', {
      ...rules,
      overdueEveryDays: -1,
      scanTime: '25:00',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: any) => i.field)).toEqual(
      expect.arrayContaining(['body.overdueEveryDays', 'body.scanTime']),
    );
    const inverted = await admin.request('PUT', '/api/reminders/rules', {
      ...rules,
      escalateOfficeAfterDays: 10,
      escalateLeaderAfterDays: 5,
    });
    expect(inverted.status).toBe(422);
    expect(inverted.body.error.message.vi).toContain('Ngưỡng báo cáo lãnh đạo');
    expect(inverted.body.error.message.en).toContain('leader threshold');
  });

  it('is the administrator’s alone to change', async () => {
    const clerk = await h.as('vanthu.badinh');
    expect((await clerk.request('PUT', '/api/reminders/rules', rules)).status).toBe(403);
    expect((await clerk.get('/api/reminders/rules')).status).toBe(403);
  });
});

describe('the daily scan', () => {
  it('reminds the lead unit’s clerk and head, escalates to the office and the leader', async () => {
    const run = await runDailyReminders(h.t, { owner: 'test-a' });
    expect(run.ran).toBe(true);
    const rows = await h.t.db
      .selectFrom('reminders')
      .select(['task_id', 'rule', 'occurrence_on', 'user_id'])
      .orderBy('task_id')
      .orderBy('rule')
      .orderBy('user_id')
      .execute();
    const lead = [user('vanthu.badinh'), user('truongphong.badinh')].sort((a, b) => a - b);
    const expected = [
      ...lead.map((u) => ({ task_id: ids.before, rule: 'before_3', occurrence_on: '2026-12-02', user_id: u })),
      ...lead.map((u) => ({ task_id: ids.due, rule: 'due', occurrence_on: '2026-12-02', user_id: u })),
      ...lead.map((u) => ({ task_id: ids.overdue, rule: 'overdue', occurrence_on: '2026-12-02', user_id: u })),
      { task_id: ids.escalated, rule: 'escalate_office', occurrence_on: '2026-11-27', user_id: user('chuyenvien') },
      ...lead.map((u) => ({ task_id: ids.escalated, rule: 'overdue', occurrence_on: '2026-11-30', user_id: u })),
    ];
    expect(rows).toEqual(expected);
    expect(run.scan).toMatchObject({ reminders: 9, mails: 9 });
  });

  it('adds nothing when run again, by this server or another', async () => {
    expect((await runDailyReminders(h.t, { owner: 'test-b' })).ran).toBe(false);
    const again = await scanReminders(h.t, TODAY, await getReminderRules(h.t.db));
    expect(again).toMatchObject({ candidates: 4, reminders: 0, mails: 0 });
  });

  it('escalates to the named leader once the leader threshold passes, and catches up a missed day', async () => {
    h.t.clock = fixedClock('2026-12-07'); // Monday: the scan of Saturday and Sunday never ran
    await runDailyReminders(h.t, { owner: 'test-a' });
    const leader = await h.t.db
      .selectFrom('reminders')
      .select(['task_id', 'occurrence_on'])
      .where('rule', '=', 'escalate_leader')
      .execute();
    expect(leader).toEqual([{ task_id: ids.escalated, occurrence_on: '2026-12-05' }]);
    const overdue = await h.t.db
      .selectFrom('reminders')
      .select(['task_id', 'occurrence_on'])
      .where('rule', '=', 'overdue')
      .where('user_id', '=', user('vanthu.badinh'))
      .orderBy('task_id')
      .orderBy('occurrence_on')
      .execute();
    expect(overdue).toEqual([
      { task_id: ids.due, occurrence_on: '2026-12-06' },
      { task_id: ids.overdue, occurrence_on: '2026-12-02' },
      { task_id: ids.overdue, occurrence_on: '2026-12-05' },
      { task_id: ids.escalated, occurrence_on: '2026-11-30' },
      { task_id: ids.escalated, occurrence_on: '2026-12-06' },
    ]);
    h.t.clock = fixedClock(TODAY);
  });

  it('does not scan on a weekend', async () => {
    const r = await scanReminders(h.t, '2026-12-05', await getReminderRules(h.t.db));
    expect(r.skipped).toBe('not_a_working_day');
  });
});

describe('notifications in the app', () => {
  it('lists the clerk’s notifications in Vietnamese and English, counts and marks them read', async () => {
    const clerk = await h.as('vanthu.badinh');
    const list = await clerk.get('/api/notifications?limit=50');
    expect(list.status).toBe(200);
    const titles = list.body.items.map((n: any) => n.title.vi);
    expect(titles).toContain('Còn 3 ngày làm việc đến hạn (07/12/2026): Rà soát hồ sơ đất đai tồn đọng 1');
    expect(titles).toContain('Hôm nay đến hạn: Báo cáo kết quả giải phóng mặt bằng 1');
    expect(titles).toContain('Quá hạn 4 ngày (hạn 28/11/2026): Chỉnh trang vỉa hè; "phố cổ" 1');
    expect(list.body.items[0].title.en).toMatch(/overdue|Due|working days/);
    expect(list.body.unreadCount).toBe(list.body.items.length);
    const first = list.body.items[0];
    expect(first.link).toBe(`/tasks/${first.taskId}`);
    expect((await clerk.post(`/api/notifications/${first.id}/read`)).body.unreadCount).toBe(list.body.items.length - 1);
    const other = await h.as('vanthu.hoankiem');
    expect((await other.post(`/api/notifications/${first.id}/read`)).status).toBe(404);
    expect((await clerk.post('/api/notifications/read-all')).body.marked).toBe(list.body.items.length - 1);
    expect((await clerk.get('/api/notifications/unread-count')).body.unreadCount).toBe(0);
    expect((await clerk.get('/api/notifications?cursor=%%%')).status).toBe(400);
  });
});

describe('e-mail through a real SMTP server', () => {
  it('delivers each queued reminder once, in Vietnamese, with the link to the task', async () => {
    const mailer = createSmtpMailer(h.t.config)!;
    const r = await deliverDueMails(h.t, mailer);
    mailer.close();
    const queued = await h.t.db.selectFrom('mail_outbox').select(['id', 'status']).execute();
    expect(r.failed).toBe(0);
    expect(queued.every((q) => q.status === 'sent')).toBe(true);
    expect(smtp.received).toHaveLength(queued.length);
    const toClerk = smtp.received.filter((m) => m.to.includes('vanthu.badinh@hanoi.gov.vn'));
    const mail = toClerk.find((m) => m.subject.includes('Hôm nay đến hạn'))!;
    expect(mail.subject).toBe('[Nhắc việc] Hôm nay đến hạn: Báo cáo kết quả giải phóng mặt bằng 1');
    const body = textBody(mail.raw);
    expect(body).toContain('Kính gửi Lê Thu Trang,');
    expect(body).toContain(`https://nhiemvu.hanoi.gov.vn/tasks/${ids.due}`);
    expect(body).toContain('Thời hạn: 02/12/2026');
    expect(mail.messageId).toMatch(/^<nv-mail-\d+@nhiemvu\.hanoi\.gov\.vn>$/);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(smtp.received.length);
    expect(
      smtp.received.some((m) => m.to.includes('chuyenvien@hanoi.gov.vn') && m.subject.includes('Báo cáo Văn phòng')),
    ).toBe(true);
  });

  it('sends a daily digest instead of single mails to whoever prefers it', async () => {
    const head = await h.as('truongphong.badinh');
    expect((await head.request('PUT', '/api/notifications/preferences', { digestMail: true })).body.digestMail).toBe(
      true,
    );
    h.t.clock = fixedClock('2026-12-08');
    smtp.received.length = 0;
    const run = await runDailyReminders(h.t, { owner: 'test-a' });
    expect(run.digests).toBe(1);
    const mailer = createSmtpMailer(h.t.config)!;
    await deliverDueMails(h.t, mailer);
    mailer.close();
    const toHead = smtp.received.filter((m) => m.to.includes('truongphong.badinh@hanoi.gov.vn'));
    expect(toHead).toHaveLength(1);
    expect(toHead[0]!.subject).toMatch(/^\[Tổng hợp nhắc việc\] Ngày 08\/12\/2026: \d+ thông báo$/);
    expect(textBody(toHead[0]!.raw)).toContain('Các nhắc việc ngày 08/12/2026:');
    expect(smtp.received.some((m) => m.to.includes('vanthu.badinh@hanoi.gov.vn'))).toBe(true);
    h.t.clock = fixedClock(TODAY);
  });

  it('keeps each user’s language for mails and the next login, and refuses a bad one', async () => {
    const director = await h.as('giamdoc.sxd');
    expect((await director.get('/api/notifications/preferences')).body).toMatchObject({
      locale: 'vi',
      digestMail: false,
    });
    const put = await director.request('PUT', '/api/notifications/preferences', { locale: 'en' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ locale: 'en', digestMail: false });
    expect((await director.get('/api/auth/me')).body.user.locale).toBe('en');
    const bad = await director.request('PUT', '/api/notifications/preferences', { locale: 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message.vi).toBeTruthy();
    expect((await director.request('PUT', '/api/notifications/preferences', {})).status).toBe(400);
  });

  it('keeps a mail when the SMTP server is down and retries it with backoff until it goes', async () => {
    const n = await h.t.db
      .insertInto('notifications')
      .values({
        user_id: user('vanthu.sxd'),
        kind: 'reminder',
        task_id: ids.later!,
        on_date: TODAY,
        data: JSON.stringify({ rule: 'before_3', deadline: '2026-12-20', occurrence: TODAY }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id } = await h.t.db
      .insertInto('mail_outbox')
      .values({ user_id: user('vanthu.sxd'), kind: 'notification', notification_id: n.id, next_attempt_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const down = createSmtpMailer({ SMTP_URL: 'smtp://127.0.0.1:9', MAIL_FROM: h.t.config.MAIL_FROM })!;
    const options = { backoffBaseMs: 300, backoffMaxMs: 2000 };
    expect(await deliverDueMails(h.t, down, options)).toEqual({ sent: 0, failed: 1 });
    let row = await h.t.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
    // Not yet due again: nothing is attempted before the backoff ends.
    expect(await deliverDueMails(h.t, down, options)).toEqual({ sent: 0, failed: 0 });
    await new Promise((r) => setTimeout(r, 350));
    expect(await deliverDueMails(h.t, down, options)).toEqual({ sent: 0, failed: 1 });
    row = await h.t.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.attempts).toBe(2);
    const delay = new Date(row.next_attempt_at).getTime() - Date.now();
    expect(delay).toBeGreaterThan(300); // doubled
    down.close();
    await new Promise((r) => setTimeout(r, delay + 50));
    smtp.received.length = 0;
    const up = createSmtpMailer(h.t.config)!;
    expect(await deliverDueMails(h.t, up, options)).toEqual({ sent: 1, failed: 0 });
    up.close();
    expect(smtp.received.map((m) => m.to)).toEqual([['vanthu.sxd@hanoi.gov.vn']]);
    row = await h.t.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });
  });
});

describe('the scheduler', () => {
  it('runs a due day once on its tick, sends the mails, compacts the kept counts, and stops cleanly', async () => {
    h.t.clock = fixedClock('2026-12-09');
    smtp.received.length = 0;
    const fresh = () => h.t.db.selectFrom('frozen_task_counts').select('span').where('compacted', '=', false).execute();
    expect((await fresh()).length).toBeGreaterThan(0);
    const a = startScheduler(h.t, { owner: 'server-a' });
    const b = startScheduler(h.t, { owner: 'server-b' });
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.stop(), b.stop()]);
    const runs = await h.t.db
      .selectFrom('job_runs')
      .select(['owner', 'finished_at'])
      .where('slot', '=', '2026-12-09')
      .execute();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.finished_at).not.toBeNull();
    const queued = await h.t.db.selectFrom('mail_outbox').select('status').where('status', '<>', 'sent').execute();
    expect(queued).toEqual([]);
    expect(smtp.received.length).toBeGreaterThan(0);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(smtp.received.length);
    expect(await fresh()).toEqual([]);
    h.t.clock = fixedClock(TODAY);
  });
});
