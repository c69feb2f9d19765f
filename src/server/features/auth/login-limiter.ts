import type { Db } from '../../db/connection.js';
import { assertUnderLimits, countEvent, forgetEvents, type Limit } from '../limits/service.js';

/**
 * Failed logins, counted in the database so several app servers agree (features/limits):
 * - per account and address: 5 in 15 minutes locks that account from that address only, so
 *   one guesser behind an office's shared address does not lock out the office's other people;
 * - per account: 30 in 15 minutes from anywhere (guessing spread over many addresses);
 * - per address: 100 in 15 minutes (one address trying many accounts).
 * Correct logins are never counted, and one clears its account's count from that address.
 */
const WINDOW = 15 * 60;
const BY_ACCOUNT_AND_ADDRESS: Limit = { bucket: 'login:account+address', max: 5, windowSeconds: WINDOW };
const BY_ACCOUNT: Limit = { bucket: 'login:account', max: 30, windowSeconds: WINDOW };
const BY_ADDRESS: Limit = { bucket: 'login:address', max: 100, windowSeconds: WINDOW };

const keys = (username: string, address: string) => {
  const account = username.trim().toLowerCase();
  return [
    { limit: BY_ACCOUNT_AND_ADDRESS, key: `${account} ${address}` },
    { limit: BY_ACCOUNT, key: account },
    { limit: BY_ADDRESS, key: address },
  ];
};

export const loginLimiter = {
  assertAllowed: (db: Db, username: string, address: string) =>
    assertUnderLimits(db, keys(username, address), (minutes) => ({
      vi: `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
      en: `Too many failed logins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    })),
  async recordFailure(db: Db, username: string, address: string): Promise<void> {
    for (const { limit, key } of keys(username, address)) await countEvent(db, limit, key);
  },
  recordSuccess: (db: Db, username: string, address: string) =>
    forgetEvents(db, BY_ACCOUNT_AND_ADDRESS, keys(username, address)[0]!.key),
};
