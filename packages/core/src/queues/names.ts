// Queue names are persisted in Redis keys: never rename one. Kept free of imports so the
// CLI can name them without loading BullMQ.
export const QUEUE_NAMES = ['search', 'dns', 'verify', 'classify'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Webhooks and digests: not part of the scan pipeline's flows (see delivery-queue.ts). */
export const DELIVERY_QUEUE = 'deliver' as const;

/** Rescan ticks of campaigns' schedules (see history/rescan.queue.ts). */
export const RESCAN_QUEUE = 'rescan' as const;

/** What a worker can be told to consume (`--queues`, WORKER_QUEUES); none named: all of them. */
export const WORKER_QUEUE_NAMES = [...QUEUE_NAMES, DELIVERY_QUEUE, RESCAN_QUEUE] as const;
export type WorkerQueueName = (typeof WORKER_QUEUE_NAMES)[number];
