// Sends one webhook message, once as far as the sender can know: a message recorded as
// delivered (a 2xx seen) is never sent again, whatever job runs it. An attempt cut off before
// its answer is recorded (a killed worker) is sent again with the same webhook-id and body, so
// a receiver deduplicating by webhook-id, as the spec asks, sees it once.
import { UnrecoverableError, type Job } from 'bullmq';
import { signWebhook, webhookJobSchema, type Logger, type PrismaClient, type SecretBox } from '@prospector/core';
import type { WebhookPoster, WebhookPostResult } from './webhook-http.ts';

export interface WebhookSendOptions {
  prisma: PrismaClient;
  poster: WebhookPoster;
  logger: Logger;
  /** An endpoint whose attempts have all failed for this long is disabled. */
  disableAfterMs: number;
  /** Opens the endpoint's sealed signing secrets; one that does not open fails the attempt, to be retried once the key is back. */
  secrets: SecretBox;
  now?: () => Date;
}

/** A failed attempt worth retrying; `retryAfterMs` is the receiver's Retry-After, if it sent one. */
export class WebhookRetryError extends Error {
  override readonly name = 'WebhookRetryError';
  constructor(message: string, readonly retryAfterMs: number | null) {
    super(message);
  }
}

export type WebhookSendResult = { outcome: 'delivered'; statusCode: number } | { outcome: 'skipped'; reason: string };

export function createWebhookSender(options: WebhookSendOptions) {
  const now = options.now ?? (() => new Date());
  return async function sendWebhook(job: Job, signal?: AbortSignal): Promise<WebhookSendResult> {
    const { messageId } = webhookJobSchema.parse(job.data);
    const message = await options.prisma.webhookMessage.findUnique({ where: { id: messageId }, include: { endpoint: true } });
    if (!message) throw new UnrecoverableError(`webhook message ${messageId} does not exist`);
    if (message.status === 'delivered') return { outcome: 'skipped', reason: 'already delivered' };
    if (message.endpoint.status !== 'enabled') {
      await options.prisma.webhookMessage.update({ where: { id: messageId }, data: { status: 'abandoned' } });
      return { outcome: 'skipped', reason: 'endpoint disabled' };
    }
    let signingSecrets: string[];
    try {
      signingSecrets = message.endpoint.secrets.map((secret) => options.secrets.open(secret, 'webhook-secret'));
    } catch (error) {
      // Nothing was sent; the last attempt leaves the message failed, for `webhooks replay` once the key is back.
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await options.prisma.webhookMessage.update({ where: { id: messageId }, data: { status: 'failed' } });
      throw error;
    }
    const { attempts } = await options.prisma.webhookMessage.update({ where: { id: messageId }, data: { attempts: { increment: 1 } }, select: { attempts: true } });
    const startedAt = now();
    const headers = signWebhook(signingSecrets, message.id, Math.floor(startedAt.getTime() / 1000), message.body);
    const result = await options.poster.post(message.endpoint.url, { ...headers }, message.body, signal);
    const outcome = outcomeOf(result);
    await options.prisma.webhookAttempt.create({
      data: {
        messageId,
        attempt: attempts,
        // Set here: the column's default would stamp the row's insert, after the answer (or the timeout).
        startedAt,
        statusCode: result.kind === 'response' ? result.statusCode : null,
        latencyMs: result.latencyMs,
        outcome,
        error: result.kind === 'error' ? result.error : null,
        responseExcerpt: result.kind === 'response' ? result.excerpt.slice(0, 1024) : null,
      },
    });
    const statusCode = result.kind === 'response' ? result.statusCode : null;
    if (outcome === 'delivered') {
      await options.prisma.$transaction([
        options.prisma.webhookMessage.update({ where: { id: messageId }, data: { status: 'delivered', deliveredAt: now(), lastStatusCode: statusCode } }),
        options.prisma.webhookEndpoint.update({ where: { id: message.endpointId }, data: { failingSince: null } }),
      ]);
      return { outcome: 'delivered', statusCode: statusCode ?? 0 };
    }
    if (outcome === 'gone') {
      await disableEndpoint(options.prisma, message.endpointId, `receiver answered 410 Gone to ${messageId}`);
      await options.prisma.webhookMessage.update({ where: { id: messageId }, data: { status: 'abandoned', lastStatusCode: statusCode } });
      throw new UnrecoverableError('endpoint answered 410 Gone: disabled');
    }
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await options.prisma.webhookMessage.update({ where: { id: messageId }, data: { lastStatusCode: statusCode, ...(lastAttempt ? { status: 'failed' } : {}) } });
    await noteEndpointFailure(options, message.endpointId, message.endpoint.failingSince, now());
    const why = result.kind === 'response' ? `receiver answered ${result.statusCode}` : result.error;
    throw new WebhookRetryError(why, result.kind === 'response' && outcome === 'throttled' ? result.retryAfterMs : null);
  };
}

function outcomeOf(result: WebhookPostResult): 'delivered' | 'failed' | 'throttled' | 'gone' | 'error' {
  if (result.kind === 'error') return 'error';
  if (result.statusCode >= 200 && result.statusCode < 300) return 'delivered';
  if (result.statusCode === 410) return 'gone';
  if ([429, 502, 503, 504].includes(result.statusCode)) return 'throttled';
  return 'failed';
}

async function noteEndpointFailure(options: WebhookSendOptions, endpointId: number, failingSince: Date | null, at: Date): Promise<void> {
  if (!failingSince) {
    // Only the first failure of a run sets the clock; a concurrent success may have cleared it since.
    await options.prisma.webhookEndpoint.updateMany({ where: { id: endpointId, failingSince: null }, data: { failingSince: at } });
    return;
  }
  if (at.getTime() - failingSince.getTime() >= options.disableAfterMs) {
    const hours = Math.round((at.getTime() - failingSince.getTime()) / 3_600_000);
    await disableEndpoint(options.prisma, endpointId, `every attempt failed for ${hours} h (since ${failingSince.toISOString()})`);
    options.logger.warn({ endpointId, failingSince: failingSince.toISOString() }, 'webhook endpoint disabled after sustained failure');
  }
}

async function disableEndpoint(prisma: PrismaClient, endpointId: number, reason: string): Promise<void> {
  await prisma.webhookEndpoint.updateMany({ where: { id: endpointId, status: 'enabled' }, data: { status: 'disabled', disabledReason: reason } });
}
