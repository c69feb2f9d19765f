import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { insertOpenTasks } from '../features/reminders/fixtures.js';
import { runDailyReminders } from '../features/reminders/service.js';
import { startSmtpSink, type SmtpSink } from '../features/reminders/smtp-sink.js';
import { startScheduler } from './scheduler.js';

const TODAY = '2026-12-02';
let h: TestApp;
let smtp: SmtpSink;

beforeAll(async () => {
  h = await createTestApp({ today: TODAY });
  smtp = await startSmtpSink();
  h.t.config.SMTP_URL = smtp.url;
  await insertOpenTasks(h.t.db, {
    leadUnitId: h.t.org.unitIds.get('Q.BADINH')!,
    assignerUnitId: h.t.org.unitIds.get('UBND')!,
    assignedOn: '2026-10-01',
    count: 1,
    deadline: '2026-12-02',
    content: 'Báo cáo kết quả giải phóng mặt bằng',
  });
});
afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

describe('stopping the scheduler (graceful shutdown)', () => {
  it('waits for the pass under way: a mail being sent when the stop comes is sent and recorded', async () => {
    const run = await runDailyReminders(h.t, { owner: 'test' });
    expect(run.ran).toBe(true);
    const queued = await h.t.db.selectFrom('mail_outbox').select('id').where('status', '<>', 'sent').execute();
    expect(queued.length).toBeGreaterThan(0);

    // The SMTP server holds its answer to the first mail for a second and a half.
    let inFlight!: () => void;
    const sending = new Promise<void>((r) => (inFlight = r));
    let answeredAt = 0;
    smtp.gate = async () => {
      inFlight();
      await new Promise((r) => setTimeout(r, 1_500));
      answeredAt = Date.now();
      return true;
    };
    const scheduler = startScheduler(h.t, {
      owner: 'server-a',
      mailCron: '* * * * * *',
      dailyCheckCron: '0 0 0 1 1 *',
      compactCron: '0 0 0 1 1 *',
      auditCron: '* * * * * *', // a second job's passes run meanwhile: the stop waits for every one
    });
    await sending;
    await scheduler.stop();
    const stoppedAt = Date.now();
    expect(answeredAt).toBeGreaterThan(0);
    expect(stoppedAt).toBeGreaterThanOrEqual(answeredAt);
    // What the pass sent is recorded as sent, nothing is left half-done.
    const left = await h.t.db.selectFrom('mail_outbox').select(['status']).where('status', '=', 'sending').execute();
    expect(left).toEqual([]);
    const sent = await h.t.db.selectFrom('mail_outbox').select('id').where('status', '=', 'sent').execute();
    expect(sent.length).toBe(smtp.received.length);
    expect(sent.length).toBeGreaterThan(0);
  });
});
