import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { AppError, type Message } from '../../errors.js';

/** A limit: at most `max` events of a bucket per key within a sliding window. */
export interface Limit {
  bucket: string;
  max: number;
  windowSeconds: number;
}

export class TooManyRequests extends AppError {
  readonly status = 429;
  readonly code = 'rate_limited';
  constructor(
    messages: Message,
    readonly retryAfterSeconds: number,
  ) {
    super(messages);
  }
}

/**
 * Counted in the database, by the database's clock, so every app server sees the same counts
 * and a caller cannot spread attempts over servers. Returns how long until the oldest counted
 * event leaves the window when the limit is reached, else null.
 */
export async function blockedFor(db: Db, limit: Limit, key: string): Promise<number | null> {
  const row = await db
    .selectFrom('rate_events')
    .select((eb) => [
      eb.fn.countAll<string>().as('n'),
      sql<string>`extract(epoch from (min(at) + make_interval(secs => ${limit.windowSeconds}) - now()))`.as('left'),
    ])
    .where('bucket', '=', limit.bucket)
    .where('key', '=', key)
    .where(sql<boolean>`at > now() - make_interval(secs => ${limit.windowSeconds})`)
    .executeTakeFirst();
  if (!row || Number(row.n) < limit.max) return null;
  return Math.max(1, Math.ceil(Number(row.left)));
}

/** Counts one event, and forgets this key's events that have left the window. */
export async function countEvent(db: Db, limit: Limit, key: string): Promise<void> {
  await db
    .deleteFrom('rate_events')
    .where('bucket', '=', limit.bucket)
    .where('key', '=', key)
    .where(sql<boolean>`at <= now() - make_interval(secs => ${limit.windowSeconds})`)
    .execute();
  await db.insertInto('rate_events').values({ bucket: limit.bucket, key }).execute();
}

export async function forgetEvents(db: Db, limit: Limit, key: string): Promise<void> {
  await db.deleteFrom('rate_events').where('bucket', '=', limit.bucket).where('key', '=', key).execute();
}

/** Refuses (429, with the wait) when any of the limits is reached for its key. */
export async function assertUnderLimits(
  db: Db,
  checks: readonly { limit: Limit; key: string }[],
  message: (minutes: number) => Message,
): Promise<void> {
  for (const { limit, key } of checks) {
    const wait = await blockedFor(db, limit, key);
    if (wait !== null) throw new TooManyRequests(message(Math.ceil(wait / 60)), wait);
  }
}
