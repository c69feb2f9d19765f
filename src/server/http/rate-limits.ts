import { sql } from 'kysely';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../db/connection.js';

/**
 * Rate limits counted in the database (rate_counts, migration 0051), so several app servers
 * behind a load balancer count one limit, not one each.
 */

/** Adds `hits` to the key's fixed window holding `now`; returns the window's count and its end. */
export async function countHit(
  db: Db,
  key: string,
  windowMs: number,
  now = Date.now(),
  hits = 1,
): Promise<{ count: number; endsAt: number }> {
  const start = Math.floor(now / windowMs) * windowMs;
  const endsAt = start + windowMs;
  const row = await sql<{ hits: number }>`
    insert into rate_counts (key, window_start, hits, expires_at)
    values (${key}, ${new Date(start)}, ${hits}, ${new Date(endsAt)})
    on conflict (key, window_start) do update set hits = rate_counts.hits + excluded.hits
    returning hits`.execute(db);
  // Now and then, forget windows that ended (cheap: an index on expires_at).
  if (Math.random() < 0.02) await sql`delete from rate_counts where expires_at < ${new Date(now - 60_000)}`.execute(db);
  return { count: Number(row.rows[0]!.hits), endsAt };
}

/** The hits of a key over the last `windowMs`, from buckets of `bucketMs`. */
export async function recentHits(db: Db, key: string, windowMs: number, now = Date.now()): Promise<number> {
  const r = await sql<{ n: number | null }>`
    select sum(hits)::int as n from rate_counts where key = ${key} and expires_at > ${new Date(now - windowMs)}`.execute(
    db,
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** A store for @fastify/rate-limit that counts in the database (fixed windows, as its own store). */
export function databaseRateStore(db: Db): FastifyRateLimitStoreCtor {
  class DatabaseRateStore implements FastifyRateLimitStore {
    constructor(private readonly prefix = '') {}
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const now = Date.now();
      countHit(db, `${this.prefix}${key}`, timeWindow, now).then(
        ({ count, endsAt }) => callback(null, { current: count, ttl: endsAt - now }),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    }
    child(routeOptions: { method?: unknown; url?: unknown; path?: string }): FastifyRateLimitStore {
      return new DatabaseRateStore(`${String(routeOptions.method)} ${routeOptions.path ?? String(routeOptions.url)}|`);
    }
  }
  return DatabaseRateStore as unknown as FastifyRateLimitStoreCtor;
}
