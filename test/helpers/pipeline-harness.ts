// Runs the real queue plumbing (BullMQ on the real Redis, Prisma on a fresh database)
// in-process, with whatever AgentSet a test gives it.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { deletePrefix } from './redis-keys.ts';
import { createHotSql, createLogger, createPrisma, createQueueSet, redisConnectionOptions, type HotSql, type PrismaClient, type QueueSet } from '@prospector/core';
import { type AgentSet, createPipelineSteps, createProcessors, createScanAdmission, createScanCompletion, startWorkerRuntime, type ScanAdmission, type WorkerRuntime } from '@prospector/worker';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface Harness {
  db: TestDatabase;
  prisma: PrismaClient;
  queues: QueueSet;
  prefix: string;
  startWorkers(agents: AgentSet, opts?: { attempts?: number }): WorkerRuntime;
  waitForScan(scanId: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** `attempts: 'catalog'` keeps each queue's own attempts from the job catalog. */
export async function createHarness(label: string, opts: { attempts?: number | 'catalog'; backoffMs?: number } = {}): Promise<Harness> {
  const db = await createTestDatabase(label);
  const prisma = createPrisma({ databaseUrl: db.url, poolMax: 5 });
  const prefix = `{t-${label}-${randomBytes(3).toString('hex')}}`;
  const connection = redisConnectionOptions(REDIS_URL);
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', 'test-worker');
  const queues = createQueueSet({ connection, prefix, attempts: opts.attempts === 'catalog' ? undefined : (opts.attempts ?? 2), backoffMs: opts.backoffMs ?? 50, onError: (queue, err) => logger.warn({ queue, err: err.message }, 'queue connection error') });
  const runtimes: WorkerRuntime[] = [];
  const sqls: HotSql[] = [];
  const admissions: ScanAdmission[] = [];
  return {
    db,
    prisma,
    queues,
    prefix,
    startWorkers(agents) {
      let runtime: WorkerRuntime | undefined;
      const admission = createScanAdmission({ prisma, flows: queues.flows, logger, intervalMs: 20 });
      admissions.push(admission);
      const pipeline = createPipelineSteps({ flows: queues.flows, prefix, completion: createScanCompletion(prisma, logger, 50), admission });
      const sql = createHotSql({ databaseUrl: db.url, poolMax: 3 });
      sqls.push(sql);
      const processors = createProcessors({
        prisma,
        sql,
        logger,
        agents,
        pipeline,
        maxCandidates: 4,
        rateLimit: async (ms) => {
          await runtime?.workers.get('search')?.rateLimit(ms);
        },
      });
      runtime = startWorkerRuntime({
        connection,
        prefix,
        queues: ['search', 'dns', 'verify', 'classify'],
        concurrency: { search: 10, dns: 20, verify: 20, classify: 10 },
        processors,
        searchLimiter: { max: 1000, duration: 1000 },
        prisma,
        logger,
        pipeline,
      });
      runtimes.push(runtime);
      return runtime;
    },
    async waitForScan(scanId, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const scan = await prisma.scan.findUniqueOrThrow({ where: { id: scanId } });
        if (scan.status === 'done') return;
        if (Date.now() > deadline) throw new Error(`scan ${scanId} not done after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      for (const r of runtimes) await r.close(5000);
      for (const s of sqls) await s.close();
      for (const a of admissions) await a.close();
      await queues.close();
      await obliterate(prefix);
      await prisma.$disconnect();
      // KEEP_TEST_DB=1 keeps the database to inspect a failing run.
      if (process.env.KEEP_TEST_DB) console.log(`kept test database ${db.url}`);
      else await db.drop();
    },
  };
}

async function obliterate(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  await deletePrefix(redis, prefix);
  await redis.quit();
}
