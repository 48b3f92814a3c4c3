// Sign-in attempts per address, counted in Redis so that every serve process shares the
// count. An attempt is counted before the token is checked: a burst of parallel guesses
// cannot slip in ahead of the count. A successful sign-in takes its own attempt back,
// but does not clear the failures: one valid token must not buy unlimited guesses.
import type { Redis } from 'ioredis';

export interface LoginThrottleOptions {
  redis: Redis;
  /** Key prefix; the queue prefix keeps deployments sharing a Redis apart. */
  prefix: string;
  maxAttempts: number;
  windowMs: number;
}

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface LoginThrottle {
  /** Counts one attempt from this address; refuses it beyond the allowance of the window. */
  attempt(address: string): Promise<AttemptVerdict>;
  succeeded(address: string): Promise<void>;
}

export const DEFAULT_LOGIN_LIMIT = { maxAttempts: 10, windowMs: 15 * 60_000 };

export function createLoginThrottle(options: LoginThrottleOptions): LoginThrottle {
  const key = (address: string) => `${options.prefix}:login-attempts:${address}`;
  return {
    async attempt(address) {
      // The window starts at the first attempt (NX) and is not extended by later ones.
      const results = await options.redis.multi().set(key(address), '0', 'PX', options.windowMs, 'NX').incr(key(address)).pttl(key(address)).exec();
      const count = Number(results?.[1]?.[1] ?? 0);
      const ttl = Number(results?.[2]?.[1] ?? options.windowMs);
      if (count <= options.maxAttempts) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
    },
    async succeeded(address) {
      await options.redis.decr(key(address));
    },
  };
}
