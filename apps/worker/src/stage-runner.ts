// Turns an agent's typed error into BullMQ's retry decision, and records a stage's final
// failure in Postgres before the queue gives up on it, so nothing fails silently.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { PermanentError, RateLimitedError, TransientError } from '@prospector/agents';
import type { PrismaClient, Logger } from '@prospector/core';
import { recordStageFailed, type StageKey } from './repositories/stage.repository.ts';

export interface StageContext {
  prisma: PrismaClient;
  logger: Logger;
  /** Pauses the whole queue (all workers) for ms: the remote side asked us to slow down. */
  rateLimit(ms: number): Promise<void>;
}

export function errorKindOf(error: unknown): string {
  if (error instanceof TransientError || error instanceof PermanentError) return error.kind;
  if (error instanceof RateLimitedError) return 'rate-limited';
  return 'internal';
}

export async function runStage<T>(ctx: StageContext, job: Job, key: StageKey, work: () => Promise<T>): Promise<T> {
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
    const kind = errorKindOf(error);
    const message = error instanceof Error ? error.message : String(error);
    const attempts = job.opts.attempts ?? 1;
    const final = error instanceof PermanentError || job.attemptsMade + 1 >= attempts;
    log.warn({ kind, err: message, final }, 'stage failed');
    if (final) await recordStageFailed(ctx.prisma, key, job.attemptsMade + 1, message, kind);
    if (error instanceof PermanentError) throw new UnrecoverableError(message);
    throw error instanceof Error ? error : new Error(message);
  }
}
