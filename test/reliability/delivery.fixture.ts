// What the delivery reliability cases (a worker killed mid-webhook, mid-digest, mid-push) share:
// their own database and BullMQ prefix, the environment of a `deliver` worker with retries and
// locks short enough for a test, and the teardown that leaves nothing behind.
import { Redis } from 'ioredis';
import { createPrisma, createSecretBox, newSecretKey, type PrismaClient, type SecretBox } from '@prospector/core';
import { deletePrefix } from '../helpers/redis-keys.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

export const REDIS_URL = 'redis://127.0.0.1:6379';

export interface DeliveryTestbed {
  db: TestDatabase;
  prisma: PrismaClient;
  prefix: string;
  /** Seals what the test stores, under the key the spawned workers are given (SECRETS_KEYS). */
  secrets: SecretBox;
  /** A delivery worker's environment: loopback allowed, 100 ms retries, a 1.5 s lock. */
  workerEnv(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export async function createDeliveryTestbed(label: string): Promise<DeliveryTestbed> {
  const db = await createTestDatabase(label.replaceAll('-', '_'));
  const prisma = createPrisma({ databaseUrl: db.url });
  const prefix = `{test-${label}-${process.pid}}`;
  const key = newSecretKey();
  return {
    db,
    prisma,
    prefix,
    secrets: createSecretBox([key]),
    workerEnv: (extra = {}) => ({
      DATABASE_URL: db.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      WEBHOOK_ALLOW_CIDRS: '127.0.0.0/8',
      WEBHOOK_RETRY_SCHEDULE: '100ms,100ms,100ms,100ms,100ms,100ms,100ms',
      WEBHOOK_TIMEOUT_MS: '60000',
      DELIVERY_POLL_MS: '100',
      WORKER_LOCK_MS: '1500',
      LOG_LEVEL: 'warn',
      SECRETS_KEYS: key,
      ...extra,
    }),
    close: async () => {
      await prisma.$disconnect();
      const redis = new Redis(REDIS_URL);
      await deletePrefix(redis, prefix);
      redis.disconnect();
      await db.drop();
    },
  };
}
