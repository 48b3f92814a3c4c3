import type { ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';

/** Workers block on Redis: they must never give up a command (BullMQ requires null here). */
export function createWorkerRedis(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...extra });
}

/** Producers (CLI, API) fail fast when Redis is down instead of buffering without bound. */
export function createProducerRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 3, enableOfflineQueue: true, connectTimeout: 5000 });
}

/** BullMQ 6 takes the URL itself and opens the connections it needs. */
export function redisConnectionOptions(url: string): ConnectionOptions {
  return { url, maxRetriesPerRequest: null };
}
