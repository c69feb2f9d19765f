import { compactDataChanges } from '../db/snapshot-cache.js';
import { Cron } from 'croner';
import type { AppContext } from '../context.js';
import { compactFrozenCounts } from '../features/stats/frozen-counts.js';
import {
  createSmtpMailer,
  dailyRunDue,
  deliverDueMails,
  processOwner,
  runDailyReminders,
  type DeliveryOptions,
  type Mailer,
} from '../features/reminders/service.js';

export interface SchedulerOptions {
  /** Cron of the check "is today's reminder run due?" (croner syntax, with seconds allowed). */
  dailyCheckCron?: string;
  /** Cron of the mail sender's polling. */
  mailCron?: string;
  /** Cron of the compaction of the statistics' kept counts (stats/frozen-counts). */
  compactCron?: string;
  mailer?: Mailer | null;
  delivery?: DeliveryOptions;
  owner?: string;
  log?: (message: string, detail?: unknown) => void;
  /** Told after each pass of a job: whether it did work, found nothing to do, or failed (metrics). */
  onJob?: (job: JobName, outcome: JobOutcome, seconds: number) => void;
}

export type JobName = 'daily_reminders' | 'mail_delivery' | 'counts_compaction';
export type JobOutcome = 'done' | 'idle' | 'failed';

export interface Scheduler {
  owner: string;
  /** One pass of everything that is due now (what the cron ticks call; tests call it directly). */
  tick(): Promise<void>;
  /** Sends the due mails once. */
  deliver(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Scheduled work of one app server: every minute, the daily reminder run if its time has come
 * and no server has done it (a lease in job_runs decides who); every 15 seconds, the mail
 * outbox; every hour, folding the statistics' kept counts (safe if two servers do it at once).
 * Every server runs the same scheduler; the database makes each piece happen once.
 */
export function startScheduler(ctx: AppContext, options: SchedulerOptions = {}): Scheduler {
  const owner = options.owner ?? processOwner();
  const mailer = options.mailer === undefined ? createSmtpMailer(ctx.config) : options.mailer;
  const log = options.log ?? (() => {});
  let running: Promise<void> | null = null;
  let stopped = false;

  const onJob = options.onJob ?? (() => {});
  // Each says whether it did work, found none, or failed (a mail the SMTP server refused).
  const daily = async (): Promise<JobOutcome> => {
    if (stopped || !(await dailyRunDue(ctx))) return 'idle';
    const run = await runDailyReminders(ctx, { owner });
    if (run.ran) log('reminders: daily run done', run.scan);
    return run.ran ? 'done' : 'idle';
  };
  const deliver = async (): Promise<JobOutcome> => {
    if (stopped || !mailer) return 'idle';
    const r = await deliverDueMails(ctx, mailer, options.delivery);
    if (r.sent || r.failed) log('reminders: mail', r);
    return r.failed ? 'failed' : r.sent ? 'done' : 'idle';
  };
  const compact = async (): Promise<JobOutcome> => {
    if (stopped) return 'idle';
    const folded = await compactFrozenCounts(ctx.db);
    if (folded) log('statistics: kept counts compacted', { folded });
    const changes = await compactDataChanges(ctx.db);
    return folded || changes ? 'done' : 'idle';
  };
  const guarded = (name: JobName, work: () => Promise<JobOutcome>) => async () => {
    const started = performance.now();
    const p = work().then(
      (outcome) => onJob(name, outcome, (performance.now() - started) / 1000),
      (err: unknown) => {
        onJob(name, 'failed', (performance.now() - started) / 1000);
        log(`${name}: job failed`, err instanceof Error ? err.message : err);
      },
    );
    running = p;
    await p;
    if (running === p) running = null;
  };
  const jobs = [
    new Cron(
      options.dailyCheckCron ?? '0 * * * * *',
      { protect: true, timezone: 'Asia/Ho_Chi_Minh' },
      guarded('daily_reminders', daily),
    ),
    new Cron(options.mailCron ?? '*/15 * * * * *', { protect: true }, guarded('mail_delivery', deliver)),
    new Cron(options.compactCron ?? '0 7 * * * *', { protect: true }, guarded('counts_compaction', compact)),
  ];
  return {
    owner,
    tick: async () => {
      await daily();
      await deliver();
      await compact();
    },
    deliver: async () => {
      await deliver();
    },
    stop: async () => {
      stopped = true;
      for (const job of jobs) job.stop();
      await running;
      mailer?.close();
    },
  };
}
