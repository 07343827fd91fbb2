/**
 * Failed sign-in attempts per (user, client IP): after `max` failures within
 * `windowMs` further attempts are refused until the window passes. Kept in
 * process memory — a brute-force brake, not state the console depends on.
 */
export class LoginLimiter {
  private failures = new Map<string, number[]>();

  constructor(
    private max = 5,
    private windowMs = 15 * 60_000,
    private now: () => number = Date.now,
  ) {}

  private key(user: string, ip: string) {
    return `${user.toLowerCase()}\u0000${ip}`;
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Milliseconds until another attempt is allowed; 0 when allowed now. */
  retryAfterMs(user: string, ip: string): number {
    const list = this.recent(this.key(user, ip));
    if (list.length < this.max) return 0;
    return list[list.length - this.max] + this.windowMs - this.now();
  }

  fail(user: string, ip: string) {
    const k = this.key(user, ip);
    const list = this.recent(k);
    list.push(this.now());
    this.failures.set(k, list);
    if (this.failures.size > 100_000) {
      // Bound memory under a spray of distinct names.
      const first = this.failures.keys().next().value;
      if (first !== undefined) this.failures.delete(first);
    }
  }

  succeed(user: string, ip: string) {
    this.failures.delete(this.key(user, ip));
  }
}
