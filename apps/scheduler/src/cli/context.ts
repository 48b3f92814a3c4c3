// What a CLI command needs, built once and closed once.
import pg from 'pg';
import {
  createPrisma,
  createQueueSet,
  loadConfig,
  redisConnectionOptions,
  type Config,
  type PrismaClient,
  type QueueSet,
} from '@prospector/core';

export interface CliContext {
  config: Config;
  prisma: PrismaClient;
  pool: pg.Pool;
  queues: QueueSet;
  close(): Promise<void>;
}

export function createCliContext(): CliContext {
  const config = loadConfig();
  const prisma = createPrisma({ databaseUrl: config.DATABASE_URL, poolMax: 3 });
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 3 });
  // An idle client whose server goes away (restart, failover) is dropped by the pool, which
  // then emits 'error': unheard, that crashed the CLI while `--wait` was riding out the outage.
  // A query that needs the database fails on its own and says so.
  pool.on('error', () => undefined);
  const queues = createQueueSet({
    connection: { ...redisConnectionOptions(config.REDIS_URL), maxRetriesPerRequest: 3 },
    prefix: config.QUEUE_PREFIX,
    attempts: config.JOB_ATTEMPTS,
    backoffMs: config.JOB_BACKOFF_MS,
  });
  return {
    config,
    prisma,
    pool,
    queues,
    async close() {
      await queues.close();
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
