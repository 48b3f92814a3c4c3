// BullMQ keeps every job, its dependencies and its parent's bookkeeping in Redis keys; a Redis
// that evicts under memory pressure deletes them silently (an evicted child leaves its parent
// waiting forever). So every process that queues or runs jobs refuses an evicting Redis at
// start-up, reports it as unhealthy when the setting changes at run time, and exports the
// figures that show it coming (used memory against maxmemory, keys evicted).
//
// Read with INFO, not CONFIG GET: managed Redis services often disable CONFIG.
import type { Redis } from 'ioredis';
import { Gauge, type Registry } from 'prom-client';

export interface RedisMemory {
  usedBytes: number | null;
  /** 0: no limit. */
  maxBytes: number | null;
  /** null when the server does not report it. */
  policy: string | null;
  evictedKeys: number | null;
}

/** A Redis that may evict BullMQ's keys: the start-up refusal's error. */
export class RedisEvictionError extends Error {
  override readonly name = 'RedisEvictionError';
}

export async function readRedisMemory(redis: Redis): Promise<RedisMemory> {
  // Two sections in one call needs Redis 7; read them separately to work on older servers.
  const [memory, stats] = await Promise.all([redis.info('memory'), redis.info('stats')]);
  const fields = parseInfo(`${memory}\n${stats}`);
  const number = (key: string): number | null => (fields.has(key) ? Number(fields.get(key)) : null);
  return {
    usedBytes: number('used_memory'),
    maxBytes: number('maxmemory'),
    policy: fields.get('maxmemory_policy') ?? null,
    evictedKeys: number('evicted_keys'),
  };
}

/** One line naming the setting and the fix, or null when Redis does not evict. */
export function evictionProblem(memory: RedisMemory): string | null {
  if (memory.policy === null || memory.policy === 'noeviction') return null;
  return (
    `Redis maxmemory-policy is "${memory.policy}": it may evict queued jobs and lose them silently; ` +
    'set maxmemory-policy noeviction (redis.conf, or CONFIG SET maxmemory-policy noeviction)'
  );
}

/**
 * Waits for Redis (the client reconnects on its own) and throws RedisEvictionError when it may
 * evict keys. Resolves false when the policy could not be read (INFO refused, no policy field):
 * the caller should warn, not refuse.
 */
export async function assertRedisKeepsJobs(redis: Redis): Promise<boolean> {
  const memory = await readRedisMemory(redis).catch(() => null);
  if (!memory || memory.policy === null) return false;
  const problem = evictionProblem(memory);
  if (problem) throw new RedisEvictionError(problem);
  return true;
}

/** The eviction problem for a health check: null when fine; never waits on a Redis that is down. */
export async function redisEvictionHealth(redis: Redis, timeoutMs = 1000): Promise<string | null> {
  if (redis.status !== 'ready') return null;
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs).unref());
  const memory = await Promise.race([readRedisMemory(redis).catch(() => null), timeout]);
  return memory ? evictionProblem(memory) : null;
}

/** prospector_redis_* gauges on `registry`, read from INFO at each scrape. */
export function registerRedisMemoryMetrics(registry: Registry, redis: Redis): void {
  let latest: Promise<RedisMemory | null> | null = null;
  // One INFO per scrape however many gauges read it.
  const read = (): Promise<RedisMemory | null> => {
    latest ??= (redis.status === 'ready' ? readRedisMemory(redis).catch(() => null) : Promise.resolve(null)).finally(() => {
      latest = null;
    });
    return latest;
  };
  const gauge = (name: string, help: string, value: (m: RedisMemory) => number | null): void => {
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const memory = await read();
        const v = memory ? value(memory) : null;
        if (v === null || Number.isNaN(v)) this.reset();
        else this.set(v);
      },
    });
  };
  gauge('prospector_redis_used_memory_bytes', 'Memory Redis uses (INFO used_memory)', (m) => m.usedBytes);
  gauge('prospector_redis_maxmemory_bytes', 'Redis maxmemory; 0 means no limit', (m) => m.maxBytes);
  gauge('prospector_redis_evicted_keys', 'Keys Redis has evicted since it started (INFO evicted_keys); jobs are lost when it grows', (m) => m.evictedKeys);
  gauge('prospector_redis_evicting', '1 when maxmemory-policy is not noeviction (BullMQ jobs can be evicted)', (m) => (m.policy === null ? null : m.policy === 'noeviction' ? 0 : 1));
  new Gauge({
    name: 'prospector_redis_maxmemory_policy',
    help: 'Redis maxmemory-policy, as a label (value 1)',
    labelNames: ['policy'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const memory = await read();
      if (memory?.policy) this.set({ policy: memory.policy }, 1);
    },
  });
}

function parseInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#')) fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  return fields;
}
