/**
 * Command-line flags of `npm run bench` (also readable from BENCH_* environment variables).
 * Every scenario is one engine at one size; the default runs the two the issue asks for.
 */
export type Engine = 'postgres' | 'pglite';

export interface Scenario {
  engine: Engine;
  tasks: number;
  chunk: number;
  /** Wanted share of tasks overdue on the generator's today; null: the generator's own (≈0.2%). */
  overdueShare: number | null;
}

export interface BenchOptions {
  scenarios: Scenario[];
  /** Server URL for PostgreSQL; the benchmark creates and drops its own database there. */
  pgUrl: string;
  database: string;
  /** Server settings for every connection of the run, e.g. "-c jit=off" (libpq `options`). */
  pgOptions: string | undefined;
  /** The generator's "today": the history covers `years` years up to it. */
  today: string;
  years: number;
  /** Cut-off of the statistics request. */
  asOf: string;
  seed: number;
  statsRuns: number;
  warmup: number;
  connections: number;
  duration: number;
  deepPages: number;
  /** Parallel loader threads on PostgreSQL (each generates and inserts its own chunks). */
  loaders: number;
  /** Reuse the database already loaded by a previous run (PostgreSQL only). */
  /** bulk: indexes and foreign keys of the history tables rebuilt after the load (PostgreSQL). */
  loadMode: 'bulk' | 'plain';
  reuse: boolean;
  keep: boolean;
  /** Which measurements to run after the load. */
  parts: { stats: boolean; list: boolean };
  out: string;
}

const HELP = `npm run bench -- [flags]
  --only=postgres|pglite     run one engine (default: both)
  --tasks=N                  tasks of the only engine (default 1000000 on postgres, 100000 on pglite)
  --pg-tasks=N --pglite-tasks=N
  --chunk=N                  tasks per generated chunk (default 50000 postgres, 25000 pglite)
  --pg-url=URL               PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
  --database=NAME            database to drop and recreate (default nv_bench)
  --pg-options="-c jit=off"  settings for every connection, passed as the URL's options
  --today=YYYY-MM-DD --years=N --as-of=YYYY-MM-DD --seed=N
  --runs=N --warmup=N        sequential statistics requests (default 30 after 3)
  --connections=N --duration=S  autocannon settings (default 16 and 10)
  --deep-pages=N             pages followed before the deep-page test (default 50)
  --loaders=N                parallel loader threads on PostgreSQL (default 2)
  --load-mode=bulk|plain     bulk (default): history tables' secondary indexes and foreign keys
                             are dropped for the load, then rebuilt and validated (PostgreSQL)
  --reuse                    skip the load and reuse the database of the last run (PostgreSQL)
  --keep                     keep the PostgreSQL database after the run
  --overdue-share=S[,S…]    shares of tasks overdue on the generator's today, one run each
                             (default 0.03,0.2 on postgres — the national figure and a real
                             backlog — and 0.03 on pglite; "natural" for the generator's ≈0.2%)
  --parts=stats,list         measurements to run after the load (default both; "none" to only load)
  --out=FILE                 JSON results (default bench/out/core-<date>.json)`;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') {
      console.log(HELP);
      process.exit(0);
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`Unknown argument ${arg}\n${HELP}`);
    flags.set(m[1]!, m[2] ?? 'true');
  }
  const get = (name: string): string | undefined =>
    flags.get(name) ?? env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  const num = (name: string, fallback: number, min = 1): number => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw.replace(/_/g, ''));
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number >= ${min}, got ${raw}`);
    return n;
  };
  const only = get('only') as Engine | undefined;
  if (only && only !== 'postgres' && only !== 'pglite') throw new Error(`--only must be postgres or pglite`);
  const scenarios: Scenario[] = [];
  if (!only || only === 'postgres') {
    const tasks = num(only ? 'tasks' : 'pg-tasks', num('pg-tasks', 1_000_000));
    for (const overdueShare of shares(get('overdue-share'), [0.03, 0.2]))
      scenarios.push({ engine: 'postgres', tasks, chunk: Math.min(tasks, num('chunk', 50_000)), overdueShare });
  }
  if (!only || only === 'pglite') {
    const tasks = num(only ? 'tasks' : 'pglite-tasks', num('pglite-tasks', 100_000));
    for (const overdueShare of shares(get('overdue-share'), [0.03]))
      scenarios.push({ engine: 'pglite', tasks, chunk: Math.min(tasks, num('chunk', 25_000)), overdueShare });
  }
  const today = get('today') ?? '2026-06-30';
  const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
  return {
    scenarios,
    pgUrl: get('pg-url') ?? env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    database: get('database') ?? 'nv_bench',
    pgOptions: get('pg-options'),
    today,
    years: num('years', 10),
    asOf: get('as-of') ?? '2025-12-31',
    seed: num('seed', 2812),
    statsRuns: num('runs', 30),
    warmup: num('warmup', 3, 0),
    connections: num('connections', 16),
    duration: num('duration', 10),
    deepPages: num('deep-pages', 50),
    loaders: num('loaders', 2),
    loadMode: loadMode(get('load-mode')),
    reuse: get('reuse') === 'true',
    keep: get('keep') === 'true',
    parts: parts(get('parts')),
    out: get('out') ?? `bench/out/core-${stamp}.json`,
  };
}

function shares(raw: string | undefined, fallback: number[]): (number | null)[] {
  if (raw === undefined) return fallback;
  return raw.split(',').map((s) => {
    if (s.trim() === 'natural') return null;
    const n = Number(s);
    if (!Number.isFinite(n) || n < 0 || n >= 0.9)
      throw new Error(`--overdue-share takes shares in [0, 0.9) or natural, got ${s}`);
    return n;
  });
}

/** The database of a PostgreSQL scenario: one per overdue share, so --reuse finds the right one. */
export function scenarioDatabase(o: BenchOptions, s: Scenario): string {
  return s.overdueShare === null ? o.database : `${o.database}_${Math.round(s.overdueShare * 1000)}pm`;
}

/**
 * The stall probability that leaves about `share` of all tasks overdue: a stalled task is overdue
 * once its deadline passed, and 92% of generated tasks have a deadline (nearly all of them past).
 */
export const stalledShareFor = (share: number | null): number | undefined =>
  share === null ? undefined : Math.min(1, share / 0.92);

function loadMode(raw: string | undefined): 'bulk' | 'plain' {
  if (raw === undefined || raw === 'bulk' || raw === 'plain') return raw ?? 'bulk';
  throw new Error(`--load-mode must be bulk or plain, got ${raw}`);
}

function parts(raw: string | undefined): BenchOptions['parts'] {
  const names = (raw ?? 'stats,list').split(',').map((s) => s.trim());
  for (const n of names)
    if (!['stats', 'list', 'none'].includes(n)) throw new Error(`--parts takes stats, list or none, got ${n}`);
  return { stats: names.includes('stats'), list: names.includes('list') };
}
