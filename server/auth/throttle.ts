import "server-only";
import { env } from "@/server/env";

/**
 * Per-address login throttle: a sliding window of attempts per client address, kept in memory.
 * Passage runs as one server process on one machine (embedded SQLite), so memory is the right place;
 * a multi-process deployment would move this to a shared store (docs/decisions/0004-sessions.md).
 */
export class SlidingWindowThrottle {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Records an attempt and says whether it is within the limit. */
  attempt(key: string, now = Date.now()): boolean {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    recent.push(now);
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) {
      const oldest = this.hits.keys().next();
      if (!oldest.done) this.hits.delete(oldest.value);
    }
    return recent.length <= this.limit;
  }

  /** Whether the next attempt from `key` would be over the limit (records nothing). */
  exceeded(key: string, now = Date.now()): boolean {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    return recent.length >= this.limit;
  }

  reset(key: string): void {
    this.hits.delete(key);
  }
}

let throttle: SlidingWindowThrottle | undefined;

/** By default 30 attempts per address per 10 minutes (PASSAGE_LOGIN_ATTEMPTS_PER_ADDRESS): generous
 * for a shared office connection, slow for a password sprayer. Per-account lockout (10 failures,
 * 15 minutes) is separate. */
export function loginThrottle(): SlidingWindowThrottle {
  if (!throttle) {
    throttle = new SlidingWindowThrottle(env.PASSAGE_LOGIN_ATTEMPTS_PER_ADDRESS, 10 * 60_000);
  }
  return throttle;
}
