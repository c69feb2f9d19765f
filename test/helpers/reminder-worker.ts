/**
 * An app server's reminder work in its own process, for the crash and two-server tests:
 * the daily run (or, with FORCE_SCAN, a raw scan that ignores the day's lease), then the mail
 * outbox until nothing is left to send. Prints progress lines the test waits for.
 * Environment: DATABASE_URL or DATA_DIR, SMTP_URL, TODAY, OWNER, LEASE_MS, BATCH_SIZE, PAUSE_MS, PARALLEL, FORCE_SCAN, TRACE.
 */
import fs from 'node:fs';
import { loadConfig } from '../../src/server/config.js';
import { fixedClock, type AppContext } from '../../src/server/context.js';
import { connect } from '../../src/server/db/connection.js';
import {
  createSmtpMailer,
  deliverDueMails,
  getReminderRules,
  runDailyReminders,
  scanReminders,
} from '../../src/server/features/reminders/service.js';

const env = process.env;
const started = Date.now();
const say = (line: string) => fs.writeSync(1, `${line}\n`);
const trace = (label: string) => env.TRACE && fs.writeSync(2, `[${env.OWNER}] ${label} +${Date.now() - started}ms\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const leaseMs = Number(env.LEASE_MS ?? 2000);
const pauseMs = Number(env.PAUSE_MS ?? 0);

const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
const handle = await connect({
  databaseUrl: config.DATABASE_URL,
  dataDir: config.DATABASE_URL ? undefined : config.DATA_DIR,
  poolSize: 3,
});
trace('connected');
const ctx: AppContext = {
  db: handle.db,
  preparedDb: handle.preparedDb,
  dbKind: handle.kind,
  listen: handle.listen,
  config,
  clock: fixedClock(env.TODAY!),
};
const afterBatch = async (done: number, total: number) => {
  say(`batch ${done}/${total}`);
  if (pauseMs) await sleep(pauseMs);
};

if (env.FORCE_SCAN) {
  const r = await scanReminders(ctx, env.TODAY!, await getReminderRules(ctx.db), {
    batchSize: Number(env.BATCH_SIZE ?? 100),
    afterBatch,
  });
  say(`scanned ${r.reminders}`);
} else {
  // Another process may hold the day's lease (alive, or killed and not yet expired): wait it out.
  for (;;) {
    const run = await runDailyReminders(ctx, {
      owner: env.OWNER!,
      leaseMs,
      batchSize: Number(env.BATCH_SIZE ?? 100),
      afterBatch,
    });
    const done = await ctx.db
      .selectFrom('job_runs')
      .select('finished_at')
      .where('slot', '=', env.TODAY!)
      .executeTakeFirst();
    if (run.ran || done?.finished_at) break;
    await sleep(200);
  }
  say('scan finished');
  trace('scan finished');
}

const mailer = createSmtpMailer(config)!;
for (;;) {
  await deliverDueMails(ctx, mailer, {
    leaseMs,
    batchSize: 10,
    parallel: Number(env.PARALLEL ?? 3),
    beforeSend: (row) => void say(`sending ${row.id}`),
  });
  const left = await ctx.db.selectFrom('mail_outbox').select('id').where('status', '<>', 'sent').limit(1).execute();
  if (left.length === 0) break;
  await sleep(200);
}
mailer.close();
trace('mail done');
say('done');
await handle.close();
