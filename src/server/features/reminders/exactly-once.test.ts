import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../../test/helpers/db.js';
import { fixedClock } from '../../context.js';
import { insertOpenTasks } from './fixtures.js';
import { createSmtpMailer, deliverDueMails, getReminderRules, runDailyReminders, scanReminders } from './service.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';
import { spawnWorker } from './worker-process.js';

/**
 * Two app servers, one database, 1,000 tasks due today (2 recipients each): every reminder,
 * notification and mail exists once, and each mail reaches the SMTP server once. Both
 * servers scan at the same time on purpose (bypassing the day's lease), so what is tested is
 * the unique key, not the lease. On PGlite the two schedulers share one process and handle;
 * with DATABASE_URL they are two processes.
 */
const TODAY = '2026-12-02';
const TASKS = 1000;
const EXPECTED = TASKS * 2;

let t: TestDb;
let smtp: SmtpSink;

beforeAll(async () => {
  t = await createTestDb({ today: TODAY });
  smtp = await startSmtpSink();
  t.config.SMTP_URL = smtp.url;
  await insertOpenTasks(t.db, {
    count: TASKS,
    leadUnitId: t.org.unitIds.get('Q.BADINH')!,
    assignerUnitId: t.org.unitIds.get('UBND')!,
    deadline: TODAY,
    assignedOn: '2026-11-01',
  });
});
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

async function counts() {
  const n = async (table: string, where = sql`true`) =>
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${where}`.execute(t.db)).rows[0]!
      .n;
  return {
    reminders: await n('reminders'),
    notifications: await n('notifications'),
    mails: await n('mail_outbox'),
    sent: await n('mail_outbox', sql`status = 'sent'`),
  };
}

describe('two schedulers against one database', () => {
  it.runIf(!process.env.DATABASE_URL)(
    'queue and send each reminder exactly once (one process, two schedulers)',
    { timeout: 180_000 },
    async () => {
      const rules = await getReminderRules(t.db);
      const [a, b] = await Promise.all([
        scanReminders(t, TODAY, rules, { batchSize: 150 }),
        scanReminders(t, TODAY, rules, { batchSize: 100 }),
      ]);
      expect(a.reminders + b.reminders).toBe(EXPECTED);
      // The day's lease: of two daily runs at once, one works and the other skips.
      const runs = await Promise.all([
        runDailyReminders(t, { owner: 'server-a' }),
        runDailyReminders(t, { owner: 'server-b' }),
      ]);
      expect(runs.filter((r) => r.ran)).toHaveLength(1);
      const mailers = [createSmtpMailer(t.config)!, createSmtpMailer(t.config)!];
      const sent = await Promise.all(mailers.map((m) => deliverDueMails(t, m, { batchSize: 25 })));
      mailers.forEach((m) => m.close());
      expect(sent[0]!.sent + sent[1]!.sent).toBe(EXPECTED);
      expect(sent[0]!.sent).toBeGreaterThan(0);
      expect(sent[1]!.sent).toBeGreaterThan(0);
      expect(await counts()).toEqual({ reminders: EXPECTED, notifications: EXPECTED, mails: EXPECTED, sent: EXPECTED });
      expect(smtp.received).toHaveLength(EXPECTED);
      expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(EXPECTED);
    },
  );

  it.runIf(Boolean(process.env.DATABASE_URL))(
    'queue and send each reminder exactly once (two processes on PostgreSQL)',
    { timeout: 180_000 },
    async () => {
      const env = {
        DATABASE_URL: t.config.DATABASE_URL!,
        SMTP_URL: smtp.url,
        TODAY,
        FORCE_SCAN: '1',
        BATCH_SIZE: '100',
        LEASE_MS: '60000',
      };
      const workers = [spawnWorker({ ...env, OWNER: 'server-a' }), spawnWorker({ ...env, OWNER: 'server-b' })];
      await Promise.all(workers.map((w) => w.waitFor(/^done$/)));
      await Promise.all(workers.map((w) => w.exited));
      const scanned = workers.map((w) => Number(w.lines.find((l) => l.startsWith('scanned '))!.split(' ')[1]));
      expect(scanned[0]! + scanned[1]!).toBe(EXPECTED);
      expect(await counts()).toEqual({ reminders: EXPECTED, notifications: EXPECTED, mails: EXPECTED, sent: EXPECTED });
      expect(smtp.received).toHaveLength(EXPECTED);
      expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(EXPECTED);
      expect(workers.every((w) => w.lines.some((l) => l.startsWith('sending ')))).toBe(true);
      t.clock = fixedClock(TODAY);
    },
  );
});
