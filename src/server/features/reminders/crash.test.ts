import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DbHandle } from '../../db/connection.js';
import { migrateToLatest } from '../../db/migrate.js';
import { seedOrganisation } from '../../seed/organisation.js';
import { createTestDb, type TestDb } from '../../../../test/helpers/db.js';
import { insertOpenTasks } from './fixtures.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';
import { spawnWorker } from './worker-process.js';

/**
 * Kill -9 in the middle of the work, twice, and restart: once while the scan is queuing
 * batches, once while a mail is on the wire (the SMTP server holds its answer, so the kill
 * lands before the sender could record it). In the end every reminder exists once and every
 * mail arrived once. Mails go one at a time here, so the mail held on the wire is the only one
 * unrecorded when the kill lands (with PARALLEL > 1 the SMTP boundary's window — accepted but not
 * yet marked — covers up to that many mails; they are then resent with the same Message-ID).
 * On PGlite the workers share a data folder; with DATABASE_URL, a database.
 */
const TODAY = '2026-12-02';
const TASKS = 100;
const RECIPIENTS = 2; // the Ba Đình clerk and head
const EXPECTED = TASKS * RECIPIENTS;

let smtp: SmtpSink;
let dataDir: string | undefined;
let pgDb: TestDb | undefined;
let dbEnv: Record<string, string>;

async function openDb(): Promise<DbHandle> {
  return pgDb ? pgDb.handle : connect({ dataDir });
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  if (process.env.DATABASE_URL) {
    pgDb = await createTestDb();
    dbEnv = { DATABASE_URL: pgDb.config.DATABASE_URL! };
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-crash-'));
    dbEnv = { DATA_DIR: dataDir, DATABASE_URL: '' };
  }
  const h = await openDb();
  if (!pgDb) await migrateToLatest(h.db);
  const org = pgDb?.org ?? (await seedOrganisation(h.db));
  await insertOpenTasks(h.db, {
    count: TASKS,
    leadUnitId: org.unitIds.get('Q.BADINH')!,
    assignerUnitId: org.unitIds.get('UBND')!,
    deadline: TODAY,
    assignedOn: '2026-11-01',
  });
  if (!pgDb) await h.close();
});

afterAll(async () => {
  await smtp?.close();
  await pgDb?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a worker killed mid-batch', () => {
  it('sends nothing twice and misses nothing after restarts', { timeout: 180_000 }, async () => {
    const env = {
      ...dbEnv,
      SMTP_URL: smtp.url,
      TODAY,
      LEASE_MS: '1500',
      BATCH_SIZE: '20',
      PAUSE_MS: '150',
      PARALLEL: '1',
      PUBLIC_URL: 'https://nhiemvu.hanoi.gov.vn',
    };

    // 1. Killed while queuing: after the second of five batches committed.
    const first = spawnWorker({ ...env, OWNER: 'first' });
    await first.waitFor(/^batch 40\/100$/);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(first.lines.some((l) => l.startsWith('scan finished'))).toBe(false);

    // 2. Restarted: waits for the dead run's lease, re-runs the day, then is killed while a mail is in flight.
    let held = 0;
    let releaseHeld!: () => void;
    const killed = new Promise<void>((resolve) => (releaseHeld = resolve));
    smtp.gate = async () => {
      if (smtp.received.length < 80 || held > 0) return true;
      held += 1;
      second.child.kill('SIGKILL');
      await killed;
      return false;
    };
    const second = spawnWorker({ ...env, OWNER: 'second' });
    await second.exited;
    releaseHeld();
    smtp.gate = undefined;
    expect(second.lines).toContain('scan finished');
    expect(held).toBe(1);
    expect(smtp.received).toHaveLength(80);

    // 3. Restarted again: takes over the claimed mails once their lease lapses and finishes.
    const third = spawnWorker({ ...env, OWNER: 'third' });
    await third.waitFor(/^done$/);
    await third.exited;

    const ids = smtp.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(smtp.received).toHaveLength(EXPECTED);
    const h = await openDb();
    try {
      const count = async (table: 'reminders' | 'notifications') =>
        (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(h.db)).rows[0]!.n;
      expect(await count('reminders')).toBe(EXPECTED);
      expect(await count('notifications')).toBe(EXPECTED);
      const outbox = await h.db.selectFrom('mail_outbox').select(['status', 'attempts']).execute();
      expect(outbox).toHaveLength(EXPECTED);
      expect(outbox.every((o) => o.status === 'sent')).toBe(true);
      expect(outbox.filter((o) => o.attempts > 1).length).toBeGreaterThan(0); // the ones claimed by the killed sender
    } finally {
      if (!pgDb) await h.close();
    }
  });
});
