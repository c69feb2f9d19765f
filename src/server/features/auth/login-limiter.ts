import type { Db } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import { countHit, recentHits } from '../../http/rate-limits.js';

class TooManyAttempts extends AppError {
  readonly status = 429;
  readonly code = 'rate_limited';
}

/**
 * Failed logins per address over the last minute: guessing passwords is slowed down, while
 * people who log in correctly (a whole office behind one address) are never counted. Counted
 * in the database (buckets of a tenth of the window), so all app servers share one count.
 */
export class LoginLimiter {
  constructor(
    private readonly db: Db,
    private readonly maxFailures = 5,
    private readonly windowMs = 60_000,
  ) {}

  async assertAllowed(address: string, now = Date.now()): Promise<void> {
    if ((await recentHits(this.db, this.key(address), this.windowMs, now)) >= this.maxFailures) {
      throw new TooManyAttempts({
        vi: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau một phút.',
        en: 'Too many failed logins. Try again in a minute.',
      });
    }
  }

  async recordFailure(address: string, now = Date.now()): Promise<void> {
    await countHit(this.db, this.key(address), this.windowMs / 10, now);
  }

  private key(address: string): string {
    return `login|${address}`;
  }
}
