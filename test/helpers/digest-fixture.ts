// What a digest test runs against: its own database, a delivery queue under its own prefix on
// the real Redis, a real SMTP server on 127.0.0.1 that keeps every message, and the digest's
// dependencies wired to them. close() ends all of it, the queue's keys included.
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createDeliveryQueue, createPrisma, redisConnectionOptions, type PrismaClient } from '@prospector/core';
import type { DigestDeps } from '@prospector/worker';
import { deletePrefix } from './redis-keys.ts';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
export const DIGEST_PUBLIC_URL = 'https://prospector.example.test';

export interface DigestFixture {
  db: TestDatabase;
  prisma: PrismaClient;
  queue: Queue;
  smtp: SmtpCapture;
  deps: DigestDeps;
  close(): Promise<void>;
}

export async function createDigestFixture(label: string, signingSecret: string): Promise<DigestFixture> {
  const prefix = `{test-${label}-${process.pid}}`;
  const db = await createTestDatabase(label.replace(/-/g, '_'));
  const prisma = createPrisma({ databaseUrl: db.url });
  const queue = createDeliveryQueue(redisConnectionOptions(REDIS_URL), prefix);
  const smtp = await startSmtpCapture();
  const deps: DigestDeps = { prisma, publicUrl: DIGEST_PUBLIC_URL, signingSecret, from: 'Prospector <digest@prospector.test>', mailer: smtp.mailer };
  return {
    db, prisma, queue, smtp, deps,
    async close() {
      await smtp.close();
      await queue.close();
      const redis = new Redis(REDIS_URL);
      await deletePrefix(redis, prefix);
      redis.disconnect();
      await prisma.$disconnect();
      await db.drop();
    },
  };
}
