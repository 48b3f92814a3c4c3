// Turns an agent's typed error into BullMQ's retry decision, and records a stage's final
// failure in Postgres before the queue gives up on it, so nothing fails silently.
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
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

const DATABASE_RETRY_MS = 2000;
const UNREACHABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

/** Postgres down or restarting, as Prisma's pg adapter reports it (by error kind and SQLSTATE, not message). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { kind?: string; code?: string } } } } | null)?.meta;
  const cause = meta?.driverAdapterError?.cause;
  if (!cause?.kind) return false;
  if (UNREACHABLE_KINDS.has(cause.kind)) return true;
  // 57P01-03: shutting down / starting up; class 08: connection exceptions.
  return cause.kind === 'postgres' && /^(57P0[123]|08)/.test(cause.code ?? '');
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
    if (final) await recordStageFailed(ctx.prisma, key, job.attemptsMade + 1, message, kind);
    if (error instanceof PermanentError) throw new UnrecoverableError(message);
    throw error instanceof Error ? error : new Error(message);
  }
}
