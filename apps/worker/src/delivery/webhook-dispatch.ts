// Fans recorded events out into one webhook message per subscribed endpoint, then queues a
// send job per message. Every step is keyed, so a dispatcher killed half-way, or two running
// at once, leave the same messages and jobs: message ids derive from (event, endpoint), job
// ids are message ids, and an event is marked dispatched only after its jobs are queued.
import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import { WEBHOOK_JOB, type PrismaClient } from '@prospector/core';

const BATCH = 100;

export function webhookMessageId(eventId: string, endpointId: number): string {
  return `msg_${createHash('sha256').update(`${eventId}\0${endpointId}`).digest('hex').slice(0, 32)}`;
}

interface StoredEvent {
  type: string;
  occurredAt: Date;
  data: unknown;
}

/** The thin Standard Webhooks body: `{type, timestamp, data}`, `link` made absolute as `data.url`. */
export function webhookBody(event: StoredEvent, publicUrl: string): string {
  const { link, ...data } = (event.data ?? {}) as Record<string, unknown>;
  const url = typeof link === 'string' ? new URL(link, publicUrl).toString() : undefined;
  return JSON.stringify({ type: event.type, timestamp: event.occurredAt.toISOString(), data: url ? { ...data, url } : data });
}

/** Dispatches up to one batch of undispatched events; returns how many it handled. */
export async function dispatchPendingEvents(prisma: PrismaClient, queue: Queue, publicUrl: string): Promise<number> {
  const events = await prisma.deliveryEvent.findMany({ where: { dispatchedAt: null }, orderBy: { occurredAt: 'asc' }, take: BATCH });
  for (const event of events) {
    const endpoints = await prisma.webhookEndpoint.findMany({ where: { status: 'enabled', events: { has: event.type } }, select: { id: true } });
    const body = webhookBody(event, publicUrl);
    await prisma.webhookMessage.createMany({
      data: endpoints.map((e) => ({ id: webhookMessageId(event.id, e.id), eventId: event.id, endpointId: e.id, body })),
      skipDuplicates: true,
    });
    const pending = await prisma.webhookMessage.findMany({ where: { eventId: event.id, status: 'pending' }, select: { id: true } });
    await queue.addBulk(pending.map((m) => ({ name: WEBHOOK_JOB, data: { messageId: m.id }, opts: { jobId: m.id } })));
    await prisma.deliveryEvent.update({ where: { id: event.id }, data: { dispatchedAt: new Date() } });
  }
  return events.length;
}
