// The leads queue: routing when a scan completes, and the periodic sweep (a BullMQ job
// scheduler) that catches up on unrouted scans and passes stale leads back. Processed by
// `prospector serve` (apps/scheduler/src/leads/lead-jobs.ts); the pipeline workers only
// enqueue into it. Queue and job names are persisted in Redis keys: never rename one.
import type { Queue } from 'bullmq';
import { z } from 'zod';

export const LEADS_QUEUE = 'leads';
export const ROUTE_SCAN_JOB = 'route-scan';
export const LEAD_SWEEP_JOB = 'lead-sweep';

export const routeScanJobSchema = z.object({ scanId: z.number().int().positive() });
export type RouteScanJobData = z.infer<typeof routeScanJobSchema>;

/** One routing job per scan: a second completion signal while it is queued adds nothing. */
export async function enqueueRouteScan(queue: Queue, scanId: number): Promise<void> {
  await queue.add(ROUTE_SCAN_JOB, { scanId } satisfies RouteScanJobData, {
    jobId: `${ROUTE_SCAN_JOB}-${scanId}`,
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 24 * 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  });
}
