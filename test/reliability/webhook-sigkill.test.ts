// A delivery worker SIGKILLed while its webhook requests are in flight (the receiver holds
// each first request without answering). A second worker takes the stalled jobs over; the
// receiver must acknowledge every webhook-id exactly once, always with the same body, and
// the sender's log must hold one delivered attempt per message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDeliveryEvent, type PrismaClient } from '@prospector/core';
import { addWebhookEndpoint } from '@prospector/scheduler';
import { waitFor } from '../helpers/private-services.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';
import { spawnProspector, type ChildRun } from './campaign.fixture.ts';
import { createDeliveryTestbed, type DeliveryTestbed } from './delivery.fixture.ts';

const MESSAGES = 6;

let bed: DeliveryTestbed;
let prisma: PrismaClient;
let receiver: WebhookReceiver;
let secret = '';
const children: ChildRun[] = [];

beforeAll(async () => {
  bed = await createDeliveryTestbed('webhook-kill');
  prisma = bed.prisma;
  receiver = await startWebhookReceiver(() => [secret]);
});
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop('SIGKILL')));
  await receiver?.close();
  await bed?.close();
});

const workerEnv = () => bed.workerEnv();

describe('a delivery worker killed with SIGKILL mid-webhook', () => {
  it('delivers every message, each webhook-id acknowledged once with one body', async () => {
    ({ secret } = await addWebhookEndpoint(prisma, { url: receiver.url('/hook'), events: ['lead.assigned'] }, { allowCidrs: ['127.0.0.0/8'] }, bed.secrets));
    // Every first request for an id is held open: the kill lands while all are in flight.
    receiver.respondOn('/hook', (request) => (receiver.received.filter((r) => r.id === request.id).length === 1 ? 'hang' : { status: 200 }));
    for (let i = 1; i <= MESSAGES; i++) {
      await prisma.$transaction((tx) => recordDeliveryEvent(tx, { type: 'lead.assigned', subjectId: i, data: { prospectId: i, team: 'east' } }));
    }

    const first = await spawnProspector(['worker', '--queues', 'deliver', '--health-port', '0'], workerEnv());
    children.push(first);
    await waitFor('every message in flight', async () => new Set(receiver.received.map((r) => r.id)).size === MESSAGES, 30_000, 20);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(receiver.acknowledged().size).toBe(0);

    const second = await spawnProspector(['worker', '--queues', 'deliver', '--health-port', '0'], workerEnv());
    children.push(second);
    await waitFor('every message delivered', async () => (await prisma.webhookMessage.count({ where: { status: 'delivered' } })) === MESSAGES, 30_000, 50);

    const acknowledged = receiver.acknowledged();
    const requests = new Map<string, number>();
    const bodies = new Map<string, Set<string>>();
    for (const r of receiver.received) {
      requests.set(r.id, (requests.get(r.id) ?? 0) + 1);
      bodies.set(r.id, (bodies.get(r.id) ?? new Set()).add(r.body));
    }
    console.log('webhook SIGKILL case, per webhook-id: requests seen / acknowledged / distinct bodies');
    for (const [id, n] of requests) console.log(`  ${id}  ${n} / ${acknowledged.get(id) ?? 0} / ${bodies.get(id)!.size}`);

    expect([...acknowledged.values()]).toEqual(Array(MESSAGES).fill(1));
    expect([...bodies.values()].every((b) => b.size === 1)).toBe(true);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    const delivered = await prisma.webhookAttempt.groupBy({ by: ['messageId'], where: { outcome: 'delivered' }, _count: true });
    expect(delivered.map((d) => d._count)).toEqual(Array(MESSAGES).fill(1));
  }, 90_000);
});
