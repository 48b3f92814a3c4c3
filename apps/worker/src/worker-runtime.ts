// Starts one BullMQ Worker per selected queue and stops them gracefully: on SIGTERM the
// workers stop fetching, in-flight jobs get SHUTDOWN_GRACE_MS to finish, and whatever is
// still running after that is left to BullMQ's stalled-job check, which returns it to
// the queue for another worker. Nothing is lost either way.
import { Worker, type ConnectionOptions, type Job, type Processor } from 'bullmq';
import { JOB_CATALOG, type Logger, type PrismaClient, type QueueName } from '@prospector/core';
import type { PipelineSteps } from './pipeline-steps.ts';
import { recordStageFailed } from './repositories/stage.repository.ts';
import { stageKeyOf } from './stage-runner.ts';

export interface WorkerRuntimeOptions {
  connection: ConnectionOptions;
  prefix: string;
  queues: QueueName[];
  concurrency: Partial<Record<QueueName, number>>;
  processors: Record<QueueName, Processor>;
  /** Global limiter for the search queue (all workers together). */
  searchLimiter: { max: number; duration: number };
  prisma: PrismaClient;
  logger: Logger;
  /** What follows a job that ended without our processor seeing it (stalled too often). */
  pipeline: PipelineSteps;
  lockDurationMs?: number;
}

export interface WorkerRuntime {
  workers: Map<QueueName, Worker>;
  isHealthy(): boolean;
  close(graceMs: number): Promise<void>;
}

const DEFAULT_CONCURRENCY: Record<QueueName, number> = { search: 5, dns: 100, verify: 50, classify: 20 };

export function startWorkerRuntime(options: WorkerRuntimeOptions): WorkerRuntime {
  const workers = new Map<QueueName, Worker>();
  for (const name of options.queues) {
    const worker = new Worker(name, options.processors[name], {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency[name] ?? DEFAULT_CONCURRENCY[name],
      limiter: name === 'search' ? options.searchLimiter : undefined,
      lockDuration: options.lockDurationMs ?? 30_000,
      // A killed worker's jobs come back after two stalled checks: keep that in step with a short lock.
      stalledInterval: Math.min(30_000, options.lockDurationMs ?? 30_000),
      metrics: { maxDataPoints: 60 * 24 * 7 },
    });
    worker.on('error', (err) => options.logger.error({ queue: name, err: err.message }, 'worker error'));
    // Its worker died or missed its lock renewals: the job runs again, work done twice.
    worker.on('stalled', (jobId) => options.logger.warn({ queue: name, jobId }, 'job stalled; it runs again'));
    worker.on('failed', (job, err) => void recordTerminalFailure(options, name, job, err));
    workers.set(name, worker);
  }
  return {
    workers,
    isHealthy: () => [...workers.values()].every((w) => w.isRunning()),
    async close(graceMs: number) {
      const all = [...workers.values()];
      const graceful = Promise.all(all.map((w) => w.close()));
      const timedOut = await Promise.race([graceful.then(() => false), delay(graceMs).then(() => true)]);
      if (timedOut) {
        options.logger.warn({ graceMs }, 'shutdown grace elapsed; in-flight jobs return to the queue via the stalled check');
        await Promise.all(all.map((w) => w.close(true)));
      }
    },
  };
}

// Jobs can also end without our processor seeing the last error (a job that stalled
// too often). Record those too; the upsert makes a double record harmless.
async function recordTerminalFailure(options: WorkerRuntimeOptions, queue: QueueName, job: Job | undefined, err: Error): Promise<void> {
  // A job that will be retried is back in wait or delayed; only one in the failed set is final
  // (a job that stalled too often gets there without spending its attempts).
  if (!job) return;
  try {
    if (!(await job.isFailed())) return;
  } catch (e) {
    options.logger.error({ queue, jobId: job.id, err: (e as Error).message }, 'could not read a failed job\'s state; its failure may be unrecorded');
    return;
  }
  const parsed = JOB_CATALOG[queue].payload.safeParse(job.data);
  if (!parsed.success) return; // the stage runner recorded the malformed payload
  const data = parsed.data;
  const key = stageKeyOf(queue, data);
  try {
    const existing = await options.prisma.stageRun.findUnique({ where: { scanId_prospectId_stage_subject: { ...key, subject: key.subject ?? '' } } });
    if (existing?.status === 'failed') return;
    await recordStageFailed(options.prisma, key, job.attemptsMade, err.message, 'terminal');
    await options.pipeline.afterFinalFailure(queue, data, false);
  } catch (e) {
    options.logger.error({ queue, jobId: job.id, err: (e as Error).message }, 'could not record a failed job');
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
