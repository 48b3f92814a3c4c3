// What a CLI command needs, built once and closed once. Before anything is built, the
// dependencies the command needs are checked, so a newcomer's first command answers
// "run prospector migrate" or "Redis at … is not reachable" instead of a stack trace.
import pg from 'pg';
import {
  assertRedisKeepsJobs,
  checkDatabaseReady,
  checkRedisReachable,
  createPrisma,
  createProducerRedis,
  createQueueSet,
  createSecretBox,
  loadConfig,
  redisConnectionOptions,
  type Config,
  type PrismaClient,
  type QueueSet,
  type SecretBox,
} from '@prospector/core';

export interface CliContext {
  config: Config;
  prisma: PrismaClient;
  pool: pg.Pool;
  queues: QueueSet;
  /** Seals and opens stored credentials under SECRETS_KEYS. */
  secrets: SecretBox;
  close(): Promise<void>;
}

export interface CliNeeds {
  /** The command reads or writes queues (scan, status, serve, import with a scan). */
  redis: boolean;
  /** The command adds jobs (scan, import with a scan, serve): refuse an evicting Redis first. */
  addsJobs?: boolean;
}

/** Checks Postgres (and Redis when needed), then builds the clients. Throws a DependencyError naming the fix. */
async function refuseEvictingRedis(url: string): Promise<void> {
  const redis = createProducerRedis(url);
  redis.on('error', () => undefined);
  try {
    await assertRedisKeepsJobs(redis);
  } finally {
    redis.disconnect();
  }
}

/**
 * A command's refusal of its input (a bad flag, an unknown name) is printed as one line and
 * exits 2; anything else is rethrown for main's handler.
 */
export function reportInputError(error: unknown, inputErrors: readonly (abstract new (...args: never[]) => Error)[]): void {
  if (!(error instanceof Error) || !inputErrors.some((kind) => error instanceof kind)) throw error;
  console.error(`error: ${error.message}`);
  process.exitCode = 2;
}

export async function openCliContext(needs: CliNeeds): Promise<CliContext> {
  const config = loadConfig();
  if (needs.redis) await checkRedisReachable(config.REDIS_URL);
  // Jobs fanned out into an evicting Redis can vanish and the scan never completes.
  if (needs.addsJobs) await refuseEvictingRedis(config.REDIS_URL);
  await checkDatabaseReady(config.DATABASE_URL);
  const prisma = createPrisma({ databaseUrl: config.DATABASE_URL, poolMax: 3 });
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 3 });
  // An idle client whose server goes away (restart, failover) is dropped by the pool, which
  // then emits 'error': unheard, that crashed the CLI while `--wait` was riding out the outage.
  // A query that needs the database fails on its own and says so.
  pool.on('error', () => undefined);
  const reported = new Set<string>();
  const queues = createQueueSet({
    connection: { ...redisConnectionOptions(config.REDIS_URL), maxRetriesPerRequest: 3 },
    prefix: config.QUEUE_PREFIX,
    attempts: config.JOB_ATTEMPTS,
    backoffMs: config.JOB_BACKOFF_MS,
    // A command is short: one line per distinct error, not one per reconnect.
    onError(source, error) {
      const line = `${source}: ${error.message}`;
      if (reported.has(line)) return;
      reported.add(line);
      console.error(`warning: queue ${line}`);
    },
  });
  return {
    config,
    prisma,
    secrets: createSecretBox(config.SECRETS_KEYS),
    pool,
    queues,
    async close() {
      await queues.close();
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
