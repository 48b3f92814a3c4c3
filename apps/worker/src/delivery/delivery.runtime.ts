// The `deliver` queue's worker, wired in one place: a job scheduler polls the outbox
// (dispatch), and each webhook message is its own job, retried on the Standard Webhooks
// schedule with jitter, or after the receiver's Retry-After when it throttles. CRM push runs
// are jobs of the same queue with the same retry schedule; the dispatch tick also re-queues
// a planned push whose job was never added (its planner died between the two writes).
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { createDeliveryQueue, CRM_PUSH_JOB, digestJobSchema, DIGEST_JOB, DISPATCH_JOB, DELIVERY_QUEUE, WEBHOOK_JOB, type Logger, type PrismaClient, type SecretBox } from '@prospector/core';
import { createCrmHttp } from './crm/crm-http.ts';
import { createCrmPushSender } from './crm/crm-push.send.ts';
import { requeuePlannedPushes } from './crm/crm-push.requeue.ts';
import { CrmRetryError } from './crm/crm.types.ts';
import { createSmtpMailer, runDigest, type DigestDeps } from './digest/digest.service.ts';
import { dispatchPendingEvents } from './webhook-dispatch.ts';
import { createWebhookPoster } from './webhook-http.ts';
import { createWebhookSender, WebhookRetryError } from './webhook-send.ts';

export interface DeliveryRuntimeOptions {
  connection: ConnectionOptions;
  prefix: string;
  prisma: PrismaClient;
  logger: Logger;
  publicUrl: string;
  retryScheduleMs: readonly number[];
  pollMs: number;
  disableAfterMs: number;
  timeoutMs: number;
  allowCidrs: readonly string[];
  userAgent: string;
  /** Opens stored credentials (webhook secrets, CRM tokens) sealed under SECRETS_KEYS. */
  secrets: SecretBox;
  concurrency?: number;
  lockDurationMs?: number;
  /** Digest mail; without it digest jobs fail saying what is missing. */
  digest?: { smtpUrl: string | undefined; from: string; signingSecret: string | undefined; staleClaimMs: number };
}

export interface DeliveryRuntime {
  worker: Worker;
  close(force?: boolean): Promise<void>;
}

const DISPATCH_SCHEDULER_ID = 'delivery-dispatch';
/** Retry-After is honoured up to a day; beyond that the receiver is treated as down. */
const MAX_RETRY_AFTER_MS = 24 * 3600_000;

/** Delay before the next attempt: the schedule's entry ±10 % jitter, or the receiver's Retry-After. */
export function webhookBackoff(schedule: readonly number[], attemptsMade: number, err: Error | undefined, random = Math.random): number {
  if ((err instanceof WebhookRetryError || err instanceof CrmRetryError) && err.retryAfterMs !== null) return Math.min(err.retryAfterMs, MAX_RETRY_AFTER_MS);
  const base = schedule[Math.min(attemptsMade - 1, schedule.length - 1)] ?? 0;
  return Math.round(base * (0.9 + 0.2 * random()));
}

export async function startDeliveryRuntime(options: DeliveryRuntimeOptions): Promise<DeliveryRuntime> {
  const queue = createDeliveryQueue(options.connection, options.prefix, options.retryScheduleMs);
  const poster = createWebhookPoster({ allowCidrs: options.allowCidrs, timeoutMs: options.timeoutMs, userAgent: options.userAgent });
  const sendWebhook = createWebhookSender({ prisma: options.prisma, poster, logger: options.logger, disableAfterMs: options.disableAfterMs, secrets: options.secrets });
  const crmHttp = createCrmHttp({ allowCidrs: options.allowCidrs, timeoutMs: options.timeoutMs, userAgent: options.userAgent });
  const sendCrmPush = createCrmPushSender({ prisma: options.prisma, http: crmHttp, logger: options.logger, secrets: options.secrets });
  const digestDeps: DigestDeps | undefined =
    options.digest?.smtpUrl && options.digest.signingSecret
      ? { prisma: options.prisma, publicUrl: options.publicUrl, signingSecret: options.digest.signingSecret, from: options.digest.from, mailer: createSmtpMailer(options.digest.smtpUrl), staleClaimMs: options.digest.staleClaimMs }
      : undefined;
  const processor = async (job: Job, _token?: string, signal?: AbortSignal) => {
    if (job.name === DISPATCH_JOB) {
      return { dispatched: await dispatchPendingEvents(options.prisma, queue, options.publicUrl), crmPushes: await requeuePlannedPushes(options.prisma, queue) };
    }
    if (job.name === CRM_PUSH_JOB) return sendCrmPush(job, signal);
    if (job.name === WEBHOOK_JOB) return sendWebhook(job, signal);
    if (job.name === DIGEST_JOB) {
      if (!digestDeps) throw new UnrecoverableError('digests need SMTP_URL and DIGEST_SIGNING_SECRET');
      return runDigest(digestDeps, digestJobSchema.parse(job.data).subscriptionId, new Date(job.processedOn ?? Date.now()));
    }
    throw new Error(`the ${DELIVERY_QUEUE} queue has no handler for job "${job.name}"`);
  };
  const worker = new Worker(DELIVERY_QUEUE, processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency ?? 10,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: Math.min(30_000, options.lockDurationMs ?? 30_000),
    settings: { backoffStrategy: (attemptsMade, _type, err) => webhookBackoff(options.retryScheduleMs, attemptsMade, err) },
  });
  worker.on('error', (err) => options.logger.error({ queue: DELIVERY_QUEUE, err: err.message }, 'worker error'));
  worker.on('failed', (job, err) => options.logger.warn({ queue: DELIVERY_QUEUE, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'delivery attempt failed'));
  await queue.upsertJobScheduler(DISPATCH_SCHEDULER_ID, { every: options.pollMs }, { name: DISPATCH_JOB, data: {}, opts: { attempts: 1, removeOnComplete: true, removeOnFail: 100 } });
  return {
    worker,
    async close(force = false) {
      await worker.close(force);
      await queue.close();
      await poster.close();
      await crmHttp.close();
      digestDeps?.mailer?.close();
    },
  };
}
