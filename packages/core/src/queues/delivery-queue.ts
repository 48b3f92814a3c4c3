// The `deliver` queue: everything that leaves Prospector for a person or another system.
// Declared apart from the scan pipeline's queues (its jobs are not part of any flow) and
// kept in this one file so it moves into a job catalog in one piece.
import { Queue, type ConnectionOptions } from 'bullmq';
import { z } from 'zod';

import { DELIVERY_QUEUE } from './names.ts';

export { DELIVERY_QUEUE };

/** Fans recorded events out into messages; run by a job scheduler and after each recorded event. */
export const DISPATCH_JOB = 'dispatch' as const;
/** Sends one webhook message (job id = message id). */
export const WEBHOOK_JOB = 'webhook' as const;

/** Sends one subscription's digest for the current period. */
export const DIGEST_JOB = 'digest' as const;
export const digestJobSchema = z.object({ subscriptionId: z.number().int().positive() });

/** Pushes one planned CRM push run (job id = push id); its items are the push log. */
export const CRM_PUSH_JOB = 'crm-push' as const;
export const crmPushJobSchema = z.object({ pushId: z.string().regex(/^crm_[0-9a-f]{32}$/) });
export type CrmPushJobData = z.infer<typeof crmPushJobSchema>;

/** Queues a push run; the job id is the push id, so queueing it again adds nothing. */
export async function enqueueCrmPush(queue: Queue, pushId: string): Promise<void> {
  await queue.add(CRM_PUSH_JOB, { pushId } satisfies CrmPushJobData, { jobId: pushId });
}

export const webhookJobSchema = z.object({ messageId: z.string().regex(/^msg_[0-9a-f]{32}$/) });
export type WebhookJobData = z.infer<typeof webhookJobSchema>;

/**
 * Standard Webhooks' example schedule after the immediate first attempt: 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 10 h (about 27.6 h in all, Svix's figures).
 */
export const STANDARD_RETRY_SCHEDULE_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000] as const;

export function createDeliveryQueue(connection: ConnectionOptions, prefix: string, retrySchedule: readonly number[] = STANDARD_RETRY_SCHEDULE_MS): Queue {
  const queue = new Queue(DELIVERY_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: {
      // One immediate attempt plus one per scheduled retry; the delays come from the worker's backoffStrategy.
      attempts: retrySchedule.length + 1,
      backoff: { type: 'webhook' },
      removeOnComplete: { age: 24 * 3600, count: 5000 },
      removeOnFail: { age: 14 * 24 * 3600, count: 10_000 },
    },
    streams: { events: { maxLen: 2000 } },
  });
  queue.on('error', () => undefined);
  return queue;
}

/** Parses `5s,5m,30m,2h` (or milliseconds) into delays, naming the bad entry. */
export function parseRetrySchedule(spec: string): number[] {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(\d+)(ms|s|m|h)?$/.exec(part);
      if (!match) throw new Error(`invalid retry delay "${part}": expected e.g. 500ms, 5s, 5m, 2h`);
      return Number(match[1]) * units[match[2] ?? 'ms']!;
    });
}
