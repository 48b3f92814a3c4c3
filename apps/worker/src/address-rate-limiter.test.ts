// The per-address limit holds across limiter instances (one per worker) because the
// count lives in Redis.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import { createAddressRateLimiter } from './address-rate-limiter.ts';

const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `{t-rl-${randomBytes(3).toString('hex')}}`;
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

it('lets at most N requests a second reach one address, whichever worker asks', async () => {
  const workers = [createAddressRateLimiter(redis, 2, prefix), createAddressRateLimiter(redis, 2, prefix)];
  const windows: number[] = [];
  await Promise.all(
    Array.from({ length: 6 }, async (_, i) => {
      windows.push(await workers[i % 2]!.acquire('203.0.113.7'));
    }),
  );
  const perWindow = new Map<number, number>();
  for (const w of windows) perWindow.set(w, (perWindow.get(w) ?? 0) + 1);
  expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(2);
  expect(perWindow.size).toBeGreaterThanOrEqual(3);
  // Another address is not held back by the first one's budget.
  await workers[0]!.acquire('203.0.113.8');
});
