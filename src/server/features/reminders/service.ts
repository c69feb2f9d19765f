import { hostname } from 'node:os';
import type { AppContext } from '../../context.js';
import { hasRole, type Principal } from '../../domain/access.js';
import type { IsoDate } from '../../domain/dates.js';
import { notAllowed } from '../../errors.js';
import { claimRun, finishRun, isFinished, recentRuns, renewRun } from './job-runs.js';
import { outboxCounts, queueDigests } from './outbox.js';
import { getReminderRules } from './rules.js';
import { scanReminders, type ScanResult } from './scan.js';

export { deliverDueMails, backoffMs, type DeliveryOptions } from './outbox.js';
export { createSmtpMailer, type Mailer, type OutgoingMail } from './mailer.js';
export { getReminderRules, updateReminderRules, ReminderRulesInput } from './rules.js';
export { scanReminders } from './scan.js';
export { deliveryBacklog, type DeliveryBacklog } from './backlog.js';

export const DAILY_JOB = 'reminders';
const DEFAULT_LEASE_MS = 10 * 60_000;

/** Identifies this process in job leases. */
export const processOwner = () => `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

export interface DailyRun {
  ran: boolean;
  scan?: ScanResult;
  digests?: number;
}

/**
 * The day's reminder work, once across all servers: take the day's lease (or skip if another
 * server holds it or it is done), scan and queue, queue the digests, mark done. If this
 * process dies half way, the lease lapses and the next look re-runs the whole day, which adds
 * only what is missing.
 */
export async function runDailyReminders(
  ctx: AppContext,
  options: {
    owner: string;
    today?: IsoDate;
    leaseMs?: number;
    batchSize?: number;
    afterBatch?: (done: number, total: number) => Promise<void> | void;
  },
): Promise<DailyRun> {
  const today = options.today ?? ctx.clock.today();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  if (!(await claimRun(ctx.db, DAILY_JOB, today, options.owner, leaseMs))) return { ran: false };
  const rules = await getReminderRules(ctx.db);
  const scan = await scanReminders(ctx, today, rules, {
    batchSize: options.batchSize,
    afterBatch: async (done, total) => {
      await renewRun(ctx.db, DAILY_JOB, today, options.owner, leaseMs);
      await options.afterBatch?.(done, total);
    },
  });
  const digests = await queueDigests(ctx, today);
  await finishRun(ctx.db, DAILY_JOB, today, options.owner, { ...scan, digests });
  return { ran: true, scan, digests };
}

/** True once the scan time of the day has passed (Asia/Ho_Chi_Minh) and the day is not done. */
export async function dailyRunDue(ctx: AppContext): Promise<boolean> {
  const rules = await getReminderRules(ctx.db);
  if (!rules.enabled) return false;
  const now = ctx.clock.now();
  const localMinutes = ((now.getUTCHours() + 7) % 24) * 60 + now.getUTCMinutes();
  const [h, m] = rules.scanTime.split(':').map(Number);
  if (localMinutes < (h ?? 7) * 60 + (m ?? 0)) return false;
  return !(await isFinished(ctx.db, DAILY_JOB, ctx.clock.today()));
}

/** For the settings screen: recent runs and the mail queue. Officers and administrators. */
export async function reminderStatus(ctx: AppContext, p: Principal) {
  if (!hasRole(p, 'admin', 'officer')) throw notAllowed();
  const runs = await recentRuns(ctx.db, DAILY_JOB);
  return {
    mailConfigured: Boolean(ctx.config.SMTP_URL),
    outbox: await outboxCounts(ctx),
    runs: runs.map((r) => ({ date: r.slot, startedAt: r.started_at, finishedAt: r.finished_at, result: r.result })),
  };
}

/** "Run today's reminders now" for the administrator (still once per day across servers). */
export async function runNow(ctx: AppContext, p: Principal): Promise<DailyRun> {
  if (!hasRole(p, 'admin')) throw notAllowed();
  return runDailyReminders(ctx, { owner: processOwner() });
}
