// Composition root of the worker: builds config, clients and agents, starts the queue
// workers, and closes everything in reverse order on SIGTERM/SIGINT.
import {
  assertRedisKeepsJobs,
  checkDatabaseReady,
  createLogger,
  createSecretBox,
  createHotSql,
  createPrisma,
  createQueueSet,
  createWorkerRedis,
  enqueueRouteScan,
  LEADS_QUEUE,
  DELIVERY_QUEUE,
  loadConfig,
  parseConcurrency,
  parseRetrySchedule,
  QUEUE_NAMES,
  RESCAN_QUEUE,
  scanWindowOf,
  WORKER_QUEUE_NAMES,
  redisConnectionOptions,
  redisEvictionHealth,
  type Logger,
  type PrismaClient,
  type QueueName,
  type WorkerQueueName,
} from '@prospector/core';
import { Queue } from 'bullmq';
import { createAgentSet } from './agents.factory.ts';
import { createWorkerMetrics } from './health.server.ts';
import { healthPortOf, startHealthServerOrFallback } from './health-port.ts';
import { createPipelineSteps } from './pipeline-steps.ts';
import { startRescanWorker } from './history/rescan.worker.ts';
import { startDeliveryRuntime, type DeliveryRuntime } from './delivery/delivery.runtime.ts';
import { createProcessors } from './processors/index.ts';
import { createScanAdmission } from './scan-admission.ts';
import { createScanCompletion } from './scan-completion.ts';
import { startWorkerRuntime, type WorkerRuntime } from './worker-runtime.ts';

export interface RunWorkerOptions {
  queues?: WorkerQueueName[];
  concurrency?: string;
  healthPort?: number;
}

export async function runWorker(options: RunWorkerOptions = {}): Promise<{ stop(): Promise<void> }> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, 'worker');
  const selected: readonly WorkerQueueName[] = options.queues?.length ? options.queues : config.WORKER_QUEUES.length ? config.WORKER_QUEUES : WORKER_QUEUE_NAMES;
  const queues = selected.filter((q): q is QueueName => (QUEUE_NAMES as readonly string[]).includes(q));
  const runsDelivery = selected.includes(DELIVERY_QUEUE);
  const runsRescans = selected.includes(RESCAN_QUEUE);
  const concurrency = parseConcurrency(options.concurrency ?? config.WORKER_CONCURRENCY);
  const connection = redisConnectionOptions(config.REDIS_URL);

  const redis = createWorkerRedis(config.REDIS_URL);
  redis.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis connection error'));
  const prisma = createPrisma({ databaseUrl: config.DATABASE_URL, poolMax: config.DATABASE_POOL_MAX });
  const sql = createHotSql({ databaseUrl: config.DATABASE_URL, poolMax: config.DATABASE_HOT_POOL_MAX });
  const queueSet = createQueueSet({ connection, prefix: config.QUEUE_PREFIX, attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS,
    onError: (queue, err) => logger.warn({ queue, err: err.message }, 'queue connection error') });

  let runtime: WorkerRuntime | undefined;
  // Served before the dependencies answer, so an orchestrator sees "unhealthy" rather
  // than nothing while Redis or Postgres is still coming up.
  const health = await startHealthServerOrFallback(options.healthPort ?? config.HEALTH_PORT, {
    async check() {
      const details: Record<string, string> = {};
      details.redis = redis.status;
      details.postgres = await prisma.$queryRaw`SELECT 1`.then(() => 'ok', (e: Error) => e.message);
      details.workers = runtime ? (runtime.isHealthy() ? 'running' : 'stopped') : 'waiting for dependencies';
      // A policy changed at run time: jobs can be evicted from now on.
      const eviction = await redisEvictionHealth(redis);
      if (eviction) details.redisEviction = eviction;
      return { ok: details.redis === 'ready' && details.postgres === 'ok' && details.workers === 'running' && !eviction, details };
    },
    metrics: createWorkerMetrics(queues.map((q) => queueSet.queues[q]), redis),
  }, logger);

  // Waits for Redis (the client reconnects on its own); refuses one that may evict jobs.
  try {
    if (!(await assertRedisKeepsJobs(redis))) logger.warn('could not read Redis maxmemory-policy: make sure it is noeviction, or jobs can be evicted');
  } catch (error) {
    await new Promise<void>((resolve) => health.close(() => resolve()));
    await queueSet.close().catch(() => undefined);
    await prisma.$disconnect();
    await sql.close();
    redis.disconnect();
    throw error;
  }
  // Jobs taken while Postgres is down would spend their attempts for nothing.
  await waitForDatabase(config.DATABASE_URL, logger);
  const agents = await createAgentSet(config, logger, redis);

  const ctx = {
    prisma,
    sql,
    logger,
    agents,
    rateLimit: async (ms: number) => {
      await runtime?.workers.get('search')?.rateLimit(ms);
    },
  };
  // Lead routing runs in `prospector serve`; the worker that closes a scan only asks for it.
  const leadsQueue = new Queue(LEADS_QUEUE, { connection, prefix: config.QUEUE_PREFIX });
  leadsQueue.on('error', (err: Error) => logger.error({ queue: LEADS_QUEUE, err: err.message }, 'queue error'));
  const completion = createScanCompletion(prisma, logger, 500, (scanId) => enqueueRouteScan(leadsQueue, scanId));
  // Only a worker taking pipeline jobs sees prospects finish; its sweep catches up lost signals.
  const admission = createScanAdmission({ prisma, flows: queueSet.flows, logger, sweepMs: queues.length > 0 ? config.SCAN_ADMISSION_SWEEP_MS : 0 });
  const pipeline = createPipelineSteps({ flows: queueSet.flows, prefix: config.QUEUE_PREFIX, completion, admission });
  const processors = createProcessors({ ...ctx, pipeline, maxCandidates: config.MAX_CANDIDATES });
  runtime = startWorkerRuntime({
    connection,
    prefix: config.QUEUE_PREFIX,
    queues,
    concurrency,
    processors,
    searchLimiter: { max: config.SEARCH_RATE_MAX, duration: config.SEARCH_RATE_WINDOW_MS },
    prisma,
    logger,
    pipeline,
    lockDurationMs: config.WORKER_LOCK_MS,
  });
  // Rescan ticks are each one idempotent "scan or join" call: any worker told to take them may.
  const rescans = runsRescans ? startRescanWorker({ connection, prefix: config.QUEUE_PREFIX, prisma, queues: queueSet, logger, window: scanWindowOf(config) }) : undefined;
  const delivery: DeliveryRuntime | undefined = runsDelivery
    ? await startDeliveryRuntime({
        connection,
        prefix: config.QUEUE_PREFIX,
        prisma,
        logger,
        publicUrl: config.PUBLIC_URL,
        retryScheduleMs: parseRetrySchedule(config.WEBHOOK_RETRY_SCHEDULE),
        pollMs: config.DELIVERY_POLL_MS,
        disableAfterMs: config.WEBHOOK_DISABLE_AFTER_MS,
        timeoutMs: config.WEBHOOK_TIMEOUT_MS,
        allowCidrs: config.WEBHOOK_ALLOW_CIDRS,
        userAgent: config.HTTP_USER_AGENT,
        secrets: createSecretBox(config.SECRETS_KEYS),
        lockDurationMs: config.WORKER_LOCK_MS,
        digest: { smtpUrl: config.SMTP_URL, from: config.SMTP_FROM, signingSecret: config.DIGEST_SIGNING_SECRET, staleClaimMs: config.DIGEST_STALE_CLAIM_MS },
      })
    : undefined;
  logger.info({ queues: selected, concurrency, healthPort: healthPortOf(health) }, 'worker started');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info({ graceMs: config.SHUTDOWN_GRACE_MS }, 'shutting down');
      await Promise.all([runtime?.close(config.SHUTDOWN_GRACE_MS), delivery?.close(), rescans?.close()]);
      await admission.close();
      await queueSet.close();
      await leadsQueue.close();
      await agents.close();
      // After the workers closed: their jobs' writes have all been flushed.
      await sql.close();
      await prisma.$disconnect();
      await redis.quit().catch(() => undefined);
      await new Promise<void>((resolve) => health.close(() => resolve()));
      logger.info('stopped');
    })());
  return { stop };
}

// Waits until the database exists and carries every migration (a worker started beside
// `prospector migrate`, or before Postgres, starts taking jobs once both are there); the
// log line says what is missing and how to fix it.
async function waitForDatabase(databaseUrl: string, logger: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await checkDatabaseReady(databaseUrl);
      return;
    } catch (error) {
      if (attempt === 1 || attempt % 30 === 0) logger.warn({ reason: (error as Error).message }, 'waiting for Postgres');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** Runs until SIGTERM/SIGINT, then exits once everything is closed. */
export async function runWorkerUntilSignal(options: RunWorkerOptions = {}): Promise<void> {
  const signalled = new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  const handle = await Promise.race([runWorker(options), signalled.then(() => null)]);
  // Signalled while still waiting for Redis or Postgres: no job was taken, nothing to hand back.
  if (!handle) process.exit(0);
  await signalled;
  await handle.stop();
}
