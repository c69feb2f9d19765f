import { compactDataChanges } from '../db/snapshot-cache.js';
import { Cron } from 'croner';
import type { AppContext } from '../context.js';
import { compactFrozenCounts } from '../features/stats/frozen-counts.js';
import { applyDueActs } from '../features/reorganisations/service.js';
import { sealAuditChain } from '../features/audit/service.js';
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
  /** Cron of applying the reorganisation acts whose effective date has come. */
  reorganisationCron?: string;
  /** Cron of the audit sequencer (features/audit: chains the rows committed since). */
  auditCron?: string;
  mailer?: Mailer | null;
  delivery?: DeliveryOptions;
  owner?: string;
  log?: (message: string, detail?: unknown) => void;
  /** Told after each pass of a job: whether it did work, found nothing to do, or failed (metrics). */
  onJob?: (job: JobName, outcome: JobOutcome, seconds: number) => void;
}

export type JobName = 'daily_reminders' | 'mail_delivery' | 'counts_compaction' | 'reorganisations' | 'audit_sealing';
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
 * outbox; every hour, folding the statistics' kept counts (safe if two servers do it at once);
 * every five minutes, applying the reorganisation acts whose effective date has come;
 * every second, chaining the audit rows committed since (one server at a time, by a lock).
 * Every server runs the same scheduler; the database makes each piece happen once.
 */
export function startScheduler(ctx: AppContext, options: SchedulerOptions = {}): Scheduler {
  const owner = options.owner ?? processOwner();
  const mailer = options.mailer === undefined ? createSmtpMailer(ctx.config) : options.mailer;
  const log = options.log ?? (() => {});
  // Every pass under way (of any job): stopping waits for all of them.
  const running = new Set<Promise<void>>();
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
  // An act prepared ahead is applied by whichever server first passes its effective date (the act's row lock decides).
  const reorganise = async (): Promise<JobOutcome> => {
    if (stopped) return 'idle';
    const applied = await applyDueActs(ctx);
    if (applied.length)
      log(
        'reorganisations: applied',
        applied.map((a) => a.actId),
      );
    return applied.length ? 'done' : 'idle';
  };
  const seal = async (): Promise<JobOutcome> => {
    if (stopped) return 'idle';
    return (await sealAuditChain(ctx.db)) ? 'done' : 'idle';
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
    running.add(p);
    await p;
    running.delete(p);
  };
  const jobs = [
    new Cron(
      options.dailyCheckCron ?? '0 * * * * *',
      { protect: true, timezone: 'Asia/Ho_Chi_Minh' },
      guarded('daily_reminders', daily),
    ),
    new Cron(options.mailCron ?? '*/15 * * * * *', { protect: true }, guarded('mail_delivery', deliver)),
    new Cron(options.compactCron ?? '0 7 * * * *', { protect: true }, guarded('counts_compaction', compact)),
    new Cron(
      options.reorganisationCron ?? '30 */5 * * * *',
      { protect: true, timezone: 'Asia/Ho_Chi_Minh' },
      guarded('reorganisations', reorganise),
    ),
    new Cron(options.auditCron ?? '* * * * * *', { protect: true }, guarded('audit_sealing', seal)),
  ];
  return {
    owner,
    tick: async () => {
      await daily();
      await deliver();
      await compact();
      await reorganise();
      await seal();
    },
    deliver: async () => {
      await deliver();
    },
    stop: async () => {
      stopped = true;
      for (const job of jobs) job.stop();
      await Promise.all(running);
      mailer?.close();
    },
  };
}
