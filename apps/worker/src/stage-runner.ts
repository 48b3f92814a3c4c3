// Every job of every queue goes through here: parse the payload (a malformed one fails at
// once, recorded), run the stage, apply the queue's retry policy from the job catalog,
// save, then do what the pipeline says follows. Agents' typed errors become BullMQ's retry
// decision, and a stage's final failure is recorded in Postgres before the queue gives up
// on it, so nothing fails silently.
import { DelayedError, UnrecoverableError, Worker, type Job, type Processor } from 'bullmq';
import { PermanentError, RateLimitedError, TransientError } from '@prospector/agents';
import { isDatabaseUnavailable, JOB_CATALOG, prospectJobSchema, type JobDataByQueue, type JobResultByQueue, type Logger, type PrismaClient, type QueueName } from '@prospector/core';
import type { PipelineSteps } from './pipeline-steps.ts';
import { recordStageFailed, type StageDone, type StageKey } from './repositories/stage.repository.ts';

export interface StageContext {
  prisma: PrismaClient;
  logger: Logger;
  /** Pauses the whole queue (all workers) for ms: the remote side asked us to slow down. */
  rateLimit(ms: number): Promise<void>;
}

/** One run of a stage: the summary the retry policy and the pipeline read, and how to save its evidence. */
export interface StageWork<Q extends QueueName> {
  result: JobResultByQueue[Q];
  /** Writes the evidence and the stage's success (`done`), idempotently. */
  save(done: StageDone): Promise<void>;
}

export type StageHandler<Q extends QueueName> = (data: JobDataByQueue[Q], signal: AbortSignal | undefined) => Promise<StageWork<Q>>;

export function errorKindOf(error: unknown): string {
  if (error instanceof TransientError || error instanceof PermanentError) return error.kind;
  if (error instanceof RateLimitedError) return 'rate-limited';
  return 'internal';
}

const DATABASE_RETRY_MS = 2000;

export function stageKeyOf(queue: QueueName, data: { scanId: number; prospectId: number; domain?: string }): StageKey {
  return { scanId: data.scanId, prospectId: data.prospectId, stage: queue, subject: data.domain ?? '' };
}

export interface StageProcessorDeps extends StageContext {
  pipeline: PipelineSteps;
}

/** The BullMQ processor of one queue, around its stage handler. */
export function createStageProcessor<Q extends QueueName>(queue: Q, handler: StageHandler<Q>, deps: StageProcessorDeps): Processor {
  const { payload, retry } = JOB_CATALOG[queue];
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<JobResultByQueue[Q]> => {
    const parsed = payload.safeParse(job.data);
    if (!parsed.success) return rejectMalformedPayload(deps, queue, job, parsed.error.issues);
    const data = parsed.data;
    const key = stageKeyOf(queue, data);
    return runStage(deps, job, queue, data, async () => {
      const work = await handler(data, signal);
      const attempts = job.attemptsMade + 1;
      // An outcome the catalog calls transient is retried; the last attempt records what it got.
      const transient = retry.transientOutcome(work.result);
      if (transient && attempts < (job.opts.attempts ?? 1)) {
        throw new TransientError(`${queue} of ${key.subject || `prospect ${key.prospectId}`}: ${retry.transientWhen}`, transient);
      }
      await work.save({ key, attempts });
      await deps.pipeline.afterDone(queue, data, work.result);
      return work.result;
    });
  };
}

type Issues = { path: PropertyKey[]; message: string }[];

// Retrying cannot fix a payload: fail now, recorded against the prospect when its ids can
// be read (so classify and the scan still count it), logged either way.
async function rejectMalformedPayload(deps: StageProcessorDeps, queue: QueueName, job: Job, issues: Issues): Promise<never> {
  const detail = issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
  const message = `malformed ${queue} payload: ${detail}`;
  deps.logger.error({ queue, jobId: job.id, err: message }, 'malformed payload; not retried');
  const ids = prospectJobSchema.safeParse(job.data);
  if (ids.success) {
    const domain = (job.data as { domain?: unknown }).domain;
    const key = stageKeyOf(queue, { ...ids.data, domain: typeof domain === 'string' ? domain : undefined });
    await recordStageFailed(deps.prisma, key, job.attemptsMade + 1, message, 'malformed-payload');
    // Only the ids could be read, so no follow-up job (a verify's mail-domain dns) is known: none is added.
    await deps.pipeline.afterFinalFailure(queue, ids.data as JobDataByQueue[typeof queue], false);
  }
  throw new UnrecoverableError(message);
}

export async function runStage<Q extends QueueName, T>(ctx: StageProcessorDeps, job: Job, queue: Q, data: JobDataByQueue[Q], work: () => Promise<T>): Promise<T> {
  const key = stageKeyOf(queue, data);
  const log = ctx.logger.child({ queue: job.queueName, jobId: job.id, attempt: job.attemptsMade + 1 });
  const started = Date.now();
  try {
    const result = await work();
    log.debug({ ms: Date.now() - started }, 'stage done');
    return result;
  } catch (error) {
    if (error instanceof RateLimitedError) {
      log.warn({ retryAfterMs: error.retryAfterMs }, 'rate limited; waiting without spending an attempt');
      await ctx.rateLimit(error.retryAfterMs);
      throw Worker.RateLimitError();
    }
    if (isDatabaseUnavailable(error) && job.token) {
      // A failover can outlast the retry budget, and the failure could not even be
      // recorded: wait for the database without spending an attempt.
      log.warn({ retryInMs: DATABASE_RETRY_MS }, 'database unavailable; waiting without spending an attempt');
      await job.moveToDelayed(Date.now() + DATABASE_RETRY_MS, job.token);
      throw new DelayedError();
    }
    const kind = errorKindOf(error);
    const message = error instanceof Error ? error.message : String(error);
    const attempts = job.opts.attempts ?? 1;
    const final = error instanceof PermanentError || job.attemptsMade + 1 >= attempts;
    log.warn({ kind, err: message, final }, 'stage failed');
    if (final) {
      await recordStageFailed(ctx.prisma, key, job.attemptsMade + 1, message, kind);
      await ctx.pipeline.afterFinalFailure(queue, data, true);
    }
    if (error instanceof PermanentError) throw new UnrecoverableError(message);
    throw error instanceof Error ? error : new Error(message);
  }
}
