// Webhooks end to end: recorded events → outbox dispatch → deliver queue → a real receiver
// on 127.0.0.1 that verifies Standard Webhooks signatures with its own verifier. One test per
// retry decision: 2xx done, 5xx retried with the same id and body, 429 waits Retry-After,
// 410 disables, sustained failure disables, and a delivered message is never sent again.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeScanIfFinished,
  createLogger,
  createPrisma,
  createSecretBox,
  generateWebhookSecret,
  newSecretKey,
  recordDeliveryEvent,
  redisConnectionOptions,
  DELIVERY_QUEUE,
  WEBHOOK_JOB,
  type PrismaClient,
} from '@prospector/core';
import { addWebhookEndpoint, listWebhookDeliveries, replayWebhookMessages, setWebhookEndpointStatus, WebhookInputError } from '@prospector/scheduler';
import { startDeliveryRuntime, webhookBackoff, type DeliveryRuntime } from '@prospector/worker';
import { WebhookRetryError } from '@prospector/worker';
import { waitFor } from './helpers/private-services.ts';
import { deletePrefix } from './helpers/redis-keys.ts';
import { createTestDatabase, type TestDatabase } from './helpers/test-db.ts';
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhook-receiver.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = `{test-webhooks-${process.pid}}`;
const PUBLIC_URL = 'https://prospector.example.test';
const POLICY = { allowCidrs: ['127.0.0.0/8'] };
// Signing secrets are sealed at rest, as in a deployment with SECRETS_KEYS set.
const SECRETS = createSecretBox([newSecretKey()]);
const RETRIES = [100, 100, 100, 100, 100, 100, 100];

let db: TestDatabase;
let prisma: PrismaClient;
let redis: Redis;
let receiver: WebhookReceiver;
let runtime: DeliveryRuntime;
let queue: Queue;
const secrets = new Map<string, string[]>();

beforeAll(async () => {
  db = await createTestDatabase('webhooks');
  prisma = createPrisma({ databaseUrl: db.url });
  redis = new Redis(REDIS_URL);
  receiver = await startWebhookReceiver((path) => secrets.get(path) ?? []);
  const connection = redisConnectionOptions(REDIS_URL);
  queue = new Queue(DELIVERY_QUEUE, { connection, prefix: PREFIX });
  runtime = await startDeliveryRuntime({
    connection,
    prefix: PREFIX,
    prisma,
    logger: createLogger('silent', 'test'),
    publicUrl: PUBLIC_URL,
    retryScheduleMs: RETRIES,
    pollMs: 100,
    disableAfterMs: 400,
    timeoutMs: 2000,
    allowCidrs: POLICY.allowCidrs,
    userAgent: 'ProspectorTest/1',
    secrets: SECRETS,
  });
});
afterAll(async () => {
  await runtime?.close(true);
  await queue?.close();
  await receiver?.close();
  await prisma?.$disconnect();
  if (redis) await deletePrefix(redis, PREFIX);
  redis?.disconnect();
  await db?.drop();
});

async function endpointOn(path: string, events = ['lead.assigned']): Promise<number> {
  const { endpoint, secret } = await addWebhookEndpoint(prisma, { url: receiver.url(path), events }, POLICY, SECRETS);
  const [stored] = (await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).secrets;
  expect(stored).toMatch(/^sealed:v1:/);
  expect(stored).not.toContain(secret.slice('whsec_'.length));
  secrets.set(path, [secret]);
  return endpoint.id;
}

async function emit(subjectId: number, type: 'lead.assigned' | 'prospect.changed' = 'lead.assigned'): Promise<string> {
  return prisma.$transaction((tx) => recordDeliveryEvent(tx, { type, subjectId, data: { prospectId: subjectId }, link: `/api/prospects/${subjectId}` }));
}

const forPath = (path: string) => receiver.received.filter((r) => r.path === path);

describe('webhook delivery', () => {
  it('delivers scan.completed, recorded with the scan in one transaction, signed and thin', async () => {
    await endpointOn('/scans', ['scan.completed']);
    const campaign = await prisma.campaign.create({ data: { name: 'ohio east', playbook: { tiers: [] } } });
    const scan = await prisma.scan.create({ data: { campaignId: campaign.id, number: 1, total: 0 } });
    expect(await completeScanIfFinished(prisma, scan.id)).toBe(true);
    expect(await completeScanIfFinished(prisma, scan.id)).toBe(false);
    expect(await prisma.deliveryEvent.count({ where: { type: 'scan.completed' } })).toBe(1);

    await waitFor('the scan.completed webhook', async () => forPath('/scans').some((r) => r.status === 204), 10_000, 20);
    const [got] = forPath('/scans');
    expect(got!.verified).toBe(true);
    expect(got!.id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(Math.abs(got!.timestamp - Date.now() / 1000)).toBeLessThan(30);
    const body = JSON.parse(got!.body) as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(body).toEqual({
      type: 'scan.completed',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { scanId: scan.id, campaignId: campaign.id, campaign: 'ohio east', scanNumber: 1, prospects: 0, url: `${PUBLIC_URL}/campaigns/ohio%20east/report` },
    });
    await waitFor('delivered in the log', async () => (await listWebhookDeliveries(prisma, {}))[0]?.status === 'delivered', 5000, 20);
    const [log] = await listWebhookDeliveries(prisma, {});
    expect(log!.attempts.map((a) => a.statusCode)).toEqual([204]);
  });

  it('signs with every secret while one rotates: a receiver holding only the new one accepts', async () => {
    const id = await endpointOn('/rotating');
    const next = generateWebhookSecret();
    await prisma.webhookEndpoint.update({ where: { id }, data: { secrets: { push: next } } });
    secrets.set('/rotating', [next]);
    await emit(501);
    await waitFor('the rotated delivery', async () => forPath('/rotating').length > 0, 10_000, 20);
    const [got] = forPath('/rotating');
    expect(got!.verified).toBe(true);
    expect(got!.status).toBe(204);
  });

  it('sends nothing with a secret sealed under a key the worker lacks, and leaves the message failed for replay', async () => {
    const otherKey = createSecretBox([newSecretKey()]);
    const endpoint = await prisma.webhookEndpoint.create({ data: { url: receiver.url('/lost-key'), events: ['lead.assigned'], secrets: [otherKey.seal(generateWebhookSecret(), 'webhook-secret')] } });
    await emit(601);
    const failed = async () => (await prisma.webhookMessage.findFirst({ where: { endpointId: endpoint.id } }))?.status === 'failed';
    await waitFor('the message failed', failed, 10_000, 20);
    expect(forPath('/lost-key')).toEqual([]);
    expect(await prisma.webhookMessage.findFirstOrThrow({ where: { endpointId: endpoint.id } })).toMatchObject({ attempts: 0, status: 'failed' });
    await setWebhookEndpointStatus(prisma, endpoint.id, 'disabled');
  });

  it('retries a 500 with the same webhook-id and the same body, and logs each attempt', async () => {
    await endpointOn('/flaky');
    receiver.respondOn('/flaky', (_r, _seen) => (forPath('/flaky').length <= 2 ? { status: 500 } : { status: 200 }));
    await emit(502);
    await waitFor('the third attempt', async () => forPath('/flaky').some((r) => r.status === 200), 10_000, 20);
    const seen = forPath('/flaky');
    expect(seen.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(seen.map((r) => r.id)).size).toBe(1);
    expect(new Set(seen.map((r) => r.body)).size).toBe(1);
    await waitFor('the log', async () => (await prisma.webhookMessage.findUniqueOrThrow({ where: { id: seen[0]!.id } })).status === 'delivered', 5000, 20);
    const attempts = await prisma.webhookAttempt.findMany({ where: { messageId: seen[0]!.id }, orderBy: { attempt: 'asc' } });
    expect(attempts.map((a) => [a.attempt, a.statusCode, a.outcome])).toEqual([[1, 500, 'failed'], [2, 500, 'failed'], [3, 200, 'delivered']]);
  });

  it('waits for Retry-After on a 429 rather than the schedule', async () => {
    await endpointOn('/throttled');
    receiver.respondOn('/throttled', () => (forPath('/throttled').length === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }));
    await emit(503);
    await waitFor('the attempt after Retry-After', async () => forPath('/throttled').some((r) => r.status === 200), 10_000, 20);
    const [first, second] = forPath('/throttled');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('disables an endpoint that answers 410 Gone and sends it nothing more', async () => {
    const id = await endpointOn('/gone');
    receiver.respondOn('/gone', () => ({ status: 410 }));
    await emit(504);
    await waitFor('disabled', async () => (await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } })).status === 'disabled', 10_000, 20);
    const endpoint = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(endpoint.disabledReason).toMatch(/410/);
    await emit(505);
    await waitFor('the second event dispatched', async () => (await prisma.deliveryEvent.count({ where: { dispatchedAt: null } })) === 0, 5000, 20);
    expect(forPath('/gone')).toHaveLength(1);
  });

  it('disables an endpoint after sustained failure (400 ms in this test, 5 days by default)', async () => {
    const id = await endpointOn('/down');
    receiver.respondOn('/down', () => ({ status: 503 }));
    await emit(506);
    await waitFor('disabled', async () => (await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } })).status === 'disabled', 10_000, 20);
    expect((await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } })).disabledReason).toMatch(/every attempt failed/);
    await waitFor('the message abandoned', async () => (await prisma.webhookMessage.findFirstOrThrow({ where: { endpointId: id } })).status === 'abandoned', 5000, 20);

    // The receiver is fixed: enabled again, the range replay sends the same id and body once more.
    const before = forPath('/down');
    await expect(replayWebhookMessages(prisma, queue, { since: new Date(Date.now() - 60_000) })).resolves.toEqual({ replayed: [] });
    await setWebhookEndpointStatus(prisma, id, 'enabled');
    receiver.respondOn('/down', () => ({ status: 200 }));
    const { replayed } = await replayWebhookMessages(prisma, queue, { since: new Date(Date.now() - 60_000), endpointId: id });
    expect(replayed).toHaveLength(1);
    await waitFor('the replay delivered', async () => (await prisma.webhookMessage.findUniqueOrThrow({ where: { id: replayed[0]! } })).status === 'delivered', 5000, 20);
    const replay = forPath('/down').at(-1)!;
    expect([replay.id, replay.body, replay.status]).toEqual([before[0]!.id, before[0]!.body, 200]);
    await expect(replayWebhookMessages(prisma, queue, { messageId: replayed[0]! })).rejects.toThrow(/is delivered/);
  });

  it('never sends an acknowledged message again: a retried job, a re-recorded event, a second dispatch', async () => {
    const endpointId = await endpointOn('/once');
    const eventId = await emit(507);
    await waitFor('delivered', async () => (await prisma.webhookMessage.findFirst({ where: { eventId, endpointId } }))?.status === 'delivered', 10_000, 20);
    const message = await prisma.webhookMessage.findFirstOrThrow({ where: { eventId, endpointId } });
    // The same job again (as after a stalled lock), the same event recorded again, and a forced re-dispatch.
    const retried = await queue.add(WEBHOOK_JOB, { messageId: message.id }, { jobId: `${message.id}-again` });
    expect(await emit(507)).toBe(eventId);
    await prisma.deliveryEvent.update({ where: { id: eventId }, data: { dispatchedAt: null } });
    await waitFor('the retried job finished', async () => (await retried.getState()) === 'completed', 5000, 20);
    await waitFor('re-dispatched', async () => (await prisma.deliveryEvent.findUniqueOrThrow({ where: { id: eventId } })).dispatchedAt !== null, 5000, 20);
    expect(forPath('/once')).toHaveLength(1);
    expect(await prisma.webhookMessage.count({ where: { eventId, endpointId } })).toBe(1);
    expect(await prisma.webhookAttempt.count({ where: { messageId: message.id } })).toBe(1);
    expect((await queue.getJob(retried.id!))?.returnvalue).toEqual({ outcome: 'skipped', reason: 'already delivered' });
  });
});

describe('endpoint input', () => {
  it('refuses private addresses outside the allow-list, unknown events and bad secrets, writing nothing', async () => {
    const before = await prisma.webhookEndpoint.count();
    const attempt = (url: string, events: string[], secret?: string, allowCidrs: string[] = []) => addWebhookEndpoint(prisma, { url, events, secret }, { allowCidrs }, SECRETS);
    await expect(attempt('http://127.0.0.1:9/x', ['scan.completed'])).rejects.toThrow(/127\.0\.0\.1.*loopback.*WEBHOOK_ALLOW_CIDRS/);
    await expect(attempt('http://169.254.169.254/x', ['scan.completed'])).rejects.toThrow(WebhookInputError);
    await expect(attempt('ftp://example.test/x', ['scan.completed'])).rejects.toThrow(/ftp: is not http/);
    await expect(attempt('https://user:pw@192.0.2.1/x', ['scan.completed'])).rejects.toThrow(/credentials/);
    await expect(attempt('http://127.0.0.1:9/x', ['scan.complete'], undefined, ['127.0.0.0/8'])).rejects.toThrow(/unknown event\(s\) scan\.complete/);
    await expect(attempt('http://127.0.0.1:9/x', ['scan.completed'], 'whsec_c2hvcnQ=', ['127.0.0.0/8'])).rejects.toThrow(/24 to 64 bytes/);
    await expect(attempt('http://127.0.0.1:9/x', ['scan.completed'], 'sk_abc', ['127.0.0.0/8'])).rejects.toThrow(/starts with "whsec_"/);
    expect(await prisma.webhookEndpoint.count()).toBe(before);
  });
});

describe('retry schedule', () => {
  it('follows the schedule with ±10 % jitter and honours Retry-After', () => {
    const schedule = [5000, 300_000];
    expect(webhookBackoff(schedule, 1, new Error('x'), () => 0)).toBe(4500);
    expect(webhookBackoff(schedule, 1, new Error('x'), () => 1)).toBe(5500);
    expect(webhookBackoff(schedule, 2, new Error('x'), () => 0.5)).toBe(300_000);
    expect(webhookBackoff(schedule, 9, new Error('x'), () => 0.5)).toBe(300_000);
    expect(webhookBackoff(schedule, 1, new WebhookRetryError('429', 42_000))).toBe(42_000);
  });
});
