import { AppError } from '../../errors.js';

class TooManyAttempts extends AppError {
  readonly status = 429;
  readonly code = 'rate_limited';
}

/**
 * Failed logins per address in a sliding window: guessing passwords is slowed down, while
 * people who log in correctly (a whole office behind one address) are never counted.
 * Per process: with several app servers each counts its own share, which still bounds guessing.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 60_000,
  ) {}

  assertAllowed(address: string, now = Date.now()): void {
    if (this.recent(address, now).length >= this.maxFailures) {
      throw new TooManyAttempts({
        vi: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau một phút.',
        en: 'Too many failed logins. Try again in a minute.',
      });
    }
  }

  recordFailure(address: string, now = Date.now()): void {
    this.failures.set(address, [...this.recent(address, now), now]);
  }

  private recent(address: string, now: number): number[] {
    const kept = (this.failures.get(address) ?? []).filter((t) => now - t < this.windowMs);
    if (kept.length === 0) this.failures.delete(address);
    return kept;
  }
}
