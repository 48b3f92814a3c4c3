// Queue names are persisted in Redis keys: never rename one. Kept free of imports so the
// CLI can name them without loading BullMQ.
export const QUEUE_NAMES = ['search', 'dns', 'verify', 'classify'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Webhooks and digests: not part of the scan pipeline's flows (see delivery-queue.ts). */
export const DELIVERY_QUEUE = 'deliver' as const;
