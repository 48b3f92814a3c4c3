// Thousands of small sites sit on the same few hosting addresses, so politeness is per
// address and shared by every worker: a fixed one-second window counted in Redis.
import type { Redis } from 'ioredis';

export interface AddressRateLimiter {
  /** Resolves with the one-second window (epoch seconds) the request was granted in. */
  acquire(ip: string, signal?: AbortSignal): Promise<number>;
}

export function createAddressRateLimiter(redis: Redis, perSecond: number, keyPrefix: string): AddressRateLimiter {
  return {
    async acquire(ip, signal) {
      if (perSecond <= 0) return Math.floor(Date.now() / 1000);
      for (;;) {
        signal?.throwIfAborted();
        const second = Math.floor(Date.now() / 1000);
        const key = `${keyPrefix}:rl:${ip}:${second}`;
        const [[, count]] = (await redis.multi().incr(key).pexpire(key, 2000).exec()) as [[Error | null, number]];
        if (count <= perSecond) return second;
        await new Promise((resolve) => setTimeout(resolve, (second + 1) * 1000 - Date.now() + Math.random() * 50));
      }
    },
  };
}
