import type { Config } from './config.js';
import type { Db, Listen, PoolUse } from './db/connection.js';
import { todayInVietnam, type IsoDate } from './domain/dates.js';

/** What every service needs: the database, the configuration and the clock (tests move it). */
export interface AppContext {
  db: Db;
  /** See DbHandle.preparedDb: only for reads whose best plan does not depend on their parameters' values. */
  preparedDb: Db;
  dbKind: 'pglite' | 'postgres';
  /** NOTIFY on a channel, heard by this process (DbHandle.listen). */
  listen: Listen;
  /** How busy the connection pools are (DbHandle.poolUse), for the metrics. */
  poolUse?: () => PoolUse[];
  config: Config;
  clock: Clock;
}

export interface Clock {
  now(): Date;
  today(): IsoDate;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => todayInVietnam(new Date()),
};

export function fixedClock(today: IsoDate): Clock {
  return { now: () => new Date(`${today}T03:00:00Z`), today: () => today };
}
