/**
 * The callers of recent sessions (user, unit, grants, CSRF token), kept in memory so that a
 * request does not read them again: that read was about a third of the database time of a
 * task-list request (docs/performance.md). Kept only while nothing can have changed them:
 * - while change notices are heard (`listening`): triggers on sessions, users, user_roles and
 *   units NOTIFY every app process at commit (migration 0008), and each forgets everything;
 *   while the notices may be missed (the listening connection is lost) nothing is kept;
 * - a write request served by this process forgets everything before its answer leaves
 *   (http/auth-hook.ts): the notice arrives a moment after the commit, and the writer's next
 *   request must already see its change;
 * - a read that started before a change is not kept (generation check), and an entry is
 *   kept at most `ttlMs` (the session's own expiry is checked on every request).
 */
export class CallerCache<T> {
  private readonly entries = new Map<string, { value: T; at: number }>();
  private generation = 0;
  private listening = false;

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const generation = this.generation;
    const value = await load();
    if (value !== undefined && this.listening && generation === this.generation) {
      this.entries.delete(key);
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { value, at: this.now() });
    }
    return value;
  }

  /** Something may have changed: nothing known so far is kept. */
  forget(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Whether change notices are heard; either way what was kept may be stale, so it goes. */
  setListening(yes: boolean): void {
    this.listening = yes;
    this.forget();
  }

  get size(): number {
    return this.entries.size;
  }
}
