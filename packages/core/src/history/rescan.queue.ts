// Rescans: one BullMQ job scheduler per campaign on a queue of its own, whose job starts
// a scan or joins the running one. Kept apart from the pipeline queues so a rescan never
// waits behind (or is counted with) a campaign's per-prospect jobs.
import { Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';
import { z } from 'zod';

import { RESCAN_QUEUE } from '../queues/names.ts';

export { RESCAN_QUEUE };
export const RESCAN_JOB = 'rescan';

export const rescanJobSchema = z.object({ campaignId: z.number().int().positive() });
export type RescanJobData = z.infer<typeof rescanJobSchema>;

/** One scheduler per campaign: upserting it again replaces its timing, never adds a second. */
export function rescanSchedulerId(campaignId: number): string {
  return `rescan:${campaignId}`;
}

export function campaignIdOfScheduler(id: string): number | null {
  const match = /^rescan:(\d+)$/.exec(id);
  return match ? Number(match[1]) : null;
}

export const RESCAN_JOB_OPTIONS: DefaultJobOptions = {
  // Starting a scan is idempotent (it joins the running one), so retrying is safe.
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { count: 100 },
  removeOnFail: { count: 500 },
};

export function createRescanQueue(connection: ConnectionOptions, prefix: string): Queue<RescanJobData> {
  const queue = new Queue<RescanJobData>(RESCAN_QUEUE, { connection, prefix, defaultJobOptions: RESCAN_JOB_OPTIONS });
  queue.on('error', () => undefined);
  return queue;
}
