import type { Config } from './config.js';
import type { Db } from './db/connection.js';
import { todayInVietnam, type IsoDate } from './domain/dates.js';

/** What every service needs: the database, the configuration and the clock (tests move it). */
export interface AppContext {
  db: Db;
  dbKind: 'pglite' | 'postgres';
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
