// The eviction check's reading of INFO (against the shared Redis, read-only) and its verdicts.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { evictionProblem, readRedisMemory } from './redis-memory.ts';

const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
afterAll(async () => redis.quit());

describe('Redis memory and eviction policy', () => {
  it('reads used memory, maxmemory, policy and evicted keys from INFO', async () => {
    const memory = await readRedisMemory(redis);
    expect(memory.usedBytes).toBeGreaterThan(0);
    expect(memory.maxBytes).toBeGreaterThanOrEqual(0);
    expect(memory.policy).toMatch(/^(noeviction|allkeys-|volatile-)/);
    expect(memory.evictedKeys).toBeGreaterThanOrEqual(0);
  });

  it('names the setting and the fix for any policy but noeviction', () => {
    const memory = { usedBytes: 1, maxBytes: 0, evictedKeys: 0 };
    expect(evictionProblem({ ...memory, policy: 'noeviction' })).toBeNull();
    expect(evictionProblem({ ...memory, policy: null })).toBeNull();
    for (const policy of ['allkeys-lru', 'volatile-lru', 'allkeys-random', 'volatile-ttl', 'allkeys-lfu']) {
      expect(evictionProblem({ ...memory, policy })).toBe(
        `Redis maxmemory-policy is "${policy}": it may evict queued jobs and lose them silently; set maxmemory-policy noeviction (redis.conf, or CONFIG SET maxmemory-policy noeviction)`,
      );
    }
  });
});
