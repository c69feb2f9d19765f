import client from 'prom-client';
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { deliveryBacklog, type DeliveryBacklog } from '../reminders/service.js';

/** What one app server measures, in Prometheus' text format at GET /metrics (routes.ts). */
export interface Metrics {
  registry: client.Registry;
  /** Everything now, in Prometheus' text format (the database read afresh). */
  scrape(): Promise<string>;
  /** `route` is the route's pattern (`/api/tasks/:id`), never the URL: the label set stays small. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** A pass of a scheduled job (jobs/scheduler.ts: `done`, `idle` or `failed`). */
  jobDone(job: string, outcome: string, seconds: number): void;
}

const PREFIX = 'nhiemvu_';

/**
 * Counters and histograms of this process (requests, scheduled jobs) and gauges read when
 * Prometheus scrapes: connection pools, and from the database the mail outbox, the oldest
 * unsent reminder and the last finished job runs, which are the same whichever server answers.
 * `processMetrics` adds Node's own (memory, CPU, event-loop delay): once per process, since
 * they watch the process, not the app.
 */
export function createMetrics(ctx: AppContext, options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new client.Registry();
  const registers = [registry];
  if (options.processMetrics) client.collectDefaultMetrics({ register: registry, prefix: PREFIX });
  const requests = new client.Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: 'Time to answer an HTTP request, by route pattern, method and status.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const jobRuns = new client.Counter({
    name: `${PREFIX}job_runs_total`,
    help: 'Passes of a scheduled job on this server: done (did work), idle (nothing due) or failed.',
    labelNames: ['job', 'outcome'] as const,
    registers,
  });
  const jobSeconds = new client.Histogram({
    name: `${PREFIX}job_duration_seconds`,
    help: 'Time a pass of a scheduled job took on this server.',
    labelNames: ['job'] as const,
    buckets: [0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
    registers,
  });
  poolGauges(ctx, registers);
  const database = databaseGauges(ctx, registers);
  return {
    registry,
    scrape: () => {
      database.forget();
      return registry.metrics();
    },
    observeRequest: (method, route, status, seconds) =>
      requests.observe({ method, route, status_code: String(status) }, seconds),
    jobDone: (job, outcome, seconds) => {
      jobRuns.inc({ job, outcome });
      jobSeconds.observe({ job }, seconds);
    },
  };
}

function poolGauges(ctx: AppContext, registers: client.Registry[]): void {
  new client.Gauge({
    name: `${PREFIX}db_pool_connections`,
    help: 'Database connections of this server by pool and state (in_use, idle) and requests waiting for one.',
    labelNames: ['pool', 'state'] as const,
    registers,
    collect() {
      this.reset();
      for (const use of ctx.poolUse?.() ?? []) {
        this.set({ pool: use.pool, state: 'in_use' }, use.total - use.idle);
        this.set({ pool: use.pool, state: 'idle' }, use.idle);
        this.set({ pool: use.pool, state: 'waiting' }, use.waiting);
      }
    },
  });
  new client.Gauge({
    name: `${PREFIX}db_pool_max_connections`,
    help: 'The most connections each pool of this server opens.',
    labelNames: ['pool'] as const,
    registers,
    collect() {
      for (const use of ctx.poolUse?.() ?? []) this.set({ pool: use.pool }, use.max);
    },
  });
}

/** Gauges read from the database; while it cannot be read they have no value and `database_up` is 0. */
function databaseGauges(ctx: AppContext, registers: client.Registry[]): { forget(): void } {
  // One read per scrape, shared by the gauges (the registry collects them all at once).
  let reading: Promise<DeliveryBacklog> | null = null;
  const backlog = () => (reading ??= deliveryBacklog(ctx.db));
  const fromBacklog = async (gauge: client.Gauge, set: (b: DeliveryBacklog) => void) => {
    gauge.reset();
    await backlog().then(set, () => gauge.reset());
  };
  new client.Gauge({
    name: `${PREFIX}database_up`,
    help: '1 when this server can query its database, else 0.',
    registers,
    async collect() {
      const up = await sql`select 1`.execute(ctx.db).then(
        () => 1,
        () => 0,
      );
      this.set(up);
    },
  });
  new client.Gauge({
    name: `${PREFIX}mail_outbox_messages`,
    help: 'Mails waiting in the outbox: pending (to send or retry), sending (claimed now), retrying (failed at least once).',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      await fromBacklog(this, ({ unsent }) => {
        for (const state of ['pending', 'sending', 'retrying'] as const) this.set({ state }, unsent[state]);
      });
    },
  });
  new client.Gauge({
    name: `${PREFIX}oldest_unsent_reminder_age_seconds`,
    help: 'Age of the oldest reminder whose mail the SMTP server has not accepted yet (0: none waits).',
    registers,
    async collect() {
      await fromBacklog(this, (b) => this.set(b.oldestUnsentReminderSeconds));
    },
  });
  new client.Gauge({
    name: `${PREFIX}job_last_finished_timestamp_seconds`,
    help: 'When a leased job (the daily reminder run) last finished on any server, as Unix time.',
    labelNames: ['job'] as const,
    registers,
    async collect() {
      await fromBacklog(this, (b) => {
        for (const run of b.lastFinishedRuns) this.set({ job: run.name }, run.finishedAt.getTime() / 1000);
      });
    },
  });
  return { forget: () => (reading = null) };
}
