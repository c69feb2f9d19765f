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
}

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

  const daily = async () => {
    if (stopped || !(await dailyRunDue(ctx))) return;
    const run = await runDailyReminders(ctx, { owner });
    if (run.ran) log('reminders: daily run done', run.scan);
  };
  const deliver = async () => {
    if (stopped || !mailer) return;
    const r = await deliverDueMails(ctx, mailer, options.delivery);
    if (r.sent || r.failed) log('reminders: mail', r);
  };
  const compact = async () => {
    if (stopped) return;
    const folded = await compactFrozenCounts(ctx.db);
    if (folded) log('statistics: kept counts compacted', { folded });
  };
  const guarded = (work: () => Promise<void>) => async () => {
    const p = work().catch((err: unknown) => log('reminders: job failed', err instanceof Error ? err.message : err));
    running = p;
    await p;
    if (running === p) running = null;
  };
  const jobs = [
    new Cron(options.dailyCheckCron ?? '0 * * * * *', { protect: true, timezone: 'Asia/Ho_Chi_Minh' }, guarded(daily)),
    new Cron(options.mailCron ?? '*/15 * * * * *', { protect: true }, guarded(deliver)),
    new Cron(options.compactCron ?? '0 7 * * * *', { protect: true }, guarded(compact)),
  ];
  return {
    owner,
    tick: async () => {
      await daily();
      await deliver();
      await compact();
    },
    deliver,
    stop: async () => {
      stopped = true;
      for (const job of jobs) job.stop();
      await running;
      mailer?.close();
    },
  };
}
