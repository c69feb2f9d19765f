import type { PGlite } from '@electric-sql/pglite';

type ParserOptions = Record<number, (value: string) => unknown>;

/**
 * A node-postgres-shaped pool over one PGlite instance, so Kysely's PostgresDialect (and our
 * raw SQL) run unchanged on the embedded database. PGlite has a single connection: a
 * connection is a lease, and the next `connect()` waits until the holder releases it —
 * which is what keeps a transaction's statements together.
 */
export class PGlitePool {
  private queue: Promise<void> = Promise.resolve();
  /** Callers waiting for the connection, and whether someone holds it (metrics). */
  waiting = 0;
  busy = false;

  constructor(
    readonly db: PGlite,
    private readonly parsers: ParserOptions = {},
  ) {}

  async connect(): Promise<PGliteClient> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const previous = this.queue;
    this.queue = previous.then(() => released);
    this.waiting += 1;
    await previous;
    this.waiting -= 1;
    this.busy = true;
    return new PGliteClient(
      this.db,
      () => {
        this.busy = false;
        release();
      },
      this.parsers,
    );
  }

  /** A one-off query outside any lease (waits its turn like everyone else). */
  async query(sql: string, params?: readonly unknown[]) {
    const client = await this.connect();
    try {
      return await client.query(sql, params);
    } finally {
      client.release();
    }
  }

  /**
   * LISTEN on the one connection, taken as a lease so that it does not land inside another
   * caller's transaction (a rolled-back LISTEN never listens). See DbHandle.listen.
   */
  listen(channel: string, on: { notice(): void; listening(yes: boolean): void }): () => Promise<void> {
    const leased = async <T>(run: () => Promise<T>) => {
      const client = await this.connect();
      try {
        return await run();
      } finally {
        client.release();
      }
    };
    const started = leased(() => this.db.listen(channel, () => on.notice())).then((unlisten) => {
      on.listening(true);
      return unlisten;
    });
    return async () => {
      on.listening(false);
      const unlisten = await started.catch(() => null);
      if (unlisten && !this.closed) await leased(() => unlisten()).catch(() => {});
    };
  }

  private closed = false;

  /** Kysely ends the pool on destroy; closing twice must be harmless. */
  async end(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    await this.db.close();
  }
}

export class PGliteClient {
  constructor(
    private readonly db: PGlite,
    readonly release: () => void,
    private readonly parsers: ParserOptions,
  ) {}

  async query(sql: string, params?: readonly unknown[]) {
    // Without parameters, use the simple protocol as node-postgres does: it allows
    // several statements in one string (migrations rely on that).
    const result =
      params && params.length > 0
        ? await this.db.query<Record<string, unknown>>(sql, params as unknown[], { parsers: this.parsers })
        : lastOf(await this.db.exec(sql, { parsers: this.parsers }));
    const command = sql.trimStart().slice(0, 6).toUpperCase();
    return {
      rows: result.rows,
      rowCount: result.affectedRows ?? result.rows.length,
      command,
      fields: result.fields,
    };
  }
}

function lastOf<T extends { rows: unknown[] }>(results: T[]) {
  const last = results[results.length - 1];
  return (last ?? { rows: [], affectedRows: 0, fields: [] }) as unknown as {
    rows: Record<string, unknown>[];
    affectedRows?: number;
    fields: { name: string; dataTypeID: number }[];
  };
}
