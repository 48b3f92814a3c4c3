// The webhook receiver through an outage, with a real delivery worker process: first down
// (its port closed, every connect refused), then up but answering 500, then 429 with
// Retry-After, then 2xx. Phases change on what has been observed (every message has met the
// current phase), never on a clock. The receiver must acknowledge every webhook-id exactly
// once, always with one body and a signature the reference `standardwebhooks` library
// accepts; the sender's log must hold the failed attempts, then one success per message; and
// no attempt after a 429 may come sooner than its Retry-After said.
import { Redis } from 'ioredis';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma, createSecretBox, DELIVERY_EVENT_TYPES, recordDeliveryEvent, type PrismaClient } from '@prospector/core';
import { addWebhookEndpoint } from '@prospector/scheduler';
import { freePort, waitFor } from '../helpers/private-services.ts';
import { deletePrefix } from '../helpers/redis-keys.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../helpers/webhook-receiver.ts';
import { spawnProspector, type ChildRun } from './campaign.fixture.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = `{test-webhook-outage-${process.pid}}`;
const PER_TYPE = 2;
const MESSAGES = DELIVERY_EVENT_TYPES.length * PER_TYPE;
/** Far above the retry schedule's 150 ms, so an ignored Retry-After shows as an early attempt. */
const RETRY_AFTER_SECONDS = 2;
/** Retries enough for every phase; a message that ran out would end 'failed' and fail the test. */
const RETRY_SCHEDULE = Array(30).fill('150ms').join(',');

type Phase = 'down' | '500' | '429' | '2xx';

// No SECRETS_KEYS here, as in a deployment that has not set one: the secret is stored as given.
const NO_SECRETS_KEY = createSecretBox([]);
let db: TestDatabase;
let prisma: PrismaClient;
let receiver: WebhookReceiver | undefined;
let worker: ChildRun | undefined;

beforeAll(async () => {
  db = await createTestDatabase('webhook_outage');
  prisma = createPrisma({ databaseUrl: db.url });
});
afterAll(async () => {
  await worker?.stop('SIGKILL');
  await receiver?.close();
  await prisma?.$disconnect();
  const redis = new Redis(REDIS_URL);
  await deletePrefix(redis, PREFIX);
  redis.disconnect();
  await db?.drop();
});

function byId(requests: readonly ReceivedWebhook[]): Map<string, ReceivedWebhook[]> {
  const out = new Map<string, ReceivedWebhook[]>();
  for (const r of requests) out.set(r.id, [...(out.get(r.id) ?? []), r]);
  return out;
}

/** True once every message has been answered `status` at least `times` times. */
function everyMessageAnswered(status: number, times: number): () => Promise<boolean> {
  return async () => {
    const seen = byId(receiver?.received ?? []);
    return seen.size === MESSAGES && [...seen.values()].every((rs) => rs.filter((r) => r.status === status).length >= times);
  };
}

describe('the webhook receiver down, then answering 500, then 429, then 2xx', () => {
  it('delivers every message once, signed, with Retry-After honoured and every attempt logged', async () => {
    // A port nobody listens on: the receiver is "down" until it is started on it.
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/hook`;
    const { secret } = await addWebhookEndpoint(prisma, { url, events: [...DELIVERY_EVENT_TYPES] }, { allowCidrs: ['127.0.0.0/8'] }, NO_SECRETS_KEY);
    for (const type of DELIVERY_EVENT_TYPES) {
      for (let i = 1; i <= PER_TYPE; i++) {
        await prisma.$transaction((tx) => recordDeliveryEvent(tx, { type, subjectId: i, data: { subject: i, kind: type }, link: `/api/things/${i}` }));
      }
    }

    worker = await spawnProspector(['worker', '--queues', 'deliver', '--health-port', '0'], {
      DATABASE_URL: db.url,
      REDIS_URL,
      QUEUE_PREFIX: PREFIX,
      WEBHOOK_ALLOW_CIDRS: '127.0.0.0/8',
      WEBHOOK_RETRY_SCHEDULE: RETRY_SCHEDULE,
      WEBHOOK_TIMEOUT_MS: '5000',
      DELIVERY_POLL_MS: '100',
      LOG_LEVEL: 'warn',
    });

    // Down: wait until every message has had two connects refused (logged by the sender).
    await waitFor(
      'two refused attempts per message',
      async () => {
        const refused = await prisma.webhookAttempt.groupBy({ by: ['messageId'], where: { outcome: 'error' }, _count: true });
        return refused.length === MESSAGES && refused.every((r) => r._count >= 2);
      },
      30_000,
      25,
    );

    let phase: Phase = '500';
    receiver = await startWebhookReceiver(() => [secret], { port });
    receiver.respondOn('/hook', () => {
      if (phase === '500') return { status: 500 };
      if (phase === '429') return { status: 429, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } };
      return { status: 204 };
    });
    await waitFor('two 500s per message', everyMessageAnswered(500, 2), 20_000, 10);
    phase = '429';
    await waitFor('a 429 per message', everyMessageAnswered(429, 1), 20_000, 10);
    phase = '2xx';
    await waitFor('every message delivered', async () => (await prisma.webhookMessage.count({ where: { status: 'delivered' } })) === MESSAGES, 20_000, 50);

    const seen = byId(receiver.received);
    const acknowledged = receiver.acknowledged();
    const attempts = await prisma.webhookAttempt.findMany({ orderBy: [{ messageId: 'asc' }, { attempt: 'asc' }] });
    const log = new Map<string, typeof attempts>();
    for (const a of attempts) log.set(a.messageId, [...(log.get(a.messageId) ?? []), a]);

    console.info('webhook outage case, per webhook-id: refused connects / requests the receiver saw (500s, 429s) / acknowledged / distinct bodies');
    for (const [id, rs] of seen) {
      const refused = (log.get(id) ?? []).filter((a) => a.outcome === 'error').length;
      const count = (status: number) => rs.filter((r) => r.status === status).length;
      console.info(`  ${id}  ${refused} / ${rs.length} (${count(500)}, ${count(429)}) / ${acknowledged.get(id) ?? 0} / ${new Set(rs.map((r) => r.body)).size}`);
    }

    // Every message acknowledged exactly once, each webhook-id always with one body.
    expect(seen.size).toBe(MESSAGES);
    expect([...acknowledged.values()]).toEqual(Array(MESSAGES).fill(1));
    for (const rs of seen.values()) expect(new Set(rs.map((r) => r.body)).size).toBe(1);
    expect(new Set([...seen.values()].map((rs) => JSON.parse(rs[0]!.body).type)).size).toBe(DELIVERY_EVENT_TYPES.length);

    // Every request verifies with the reference library (and a tampered body would not).
    const verifier = new Webhook(secret);
    for (const r of receiver.received) {
      const headers = { 'webhook-id': r.id, 'webhook-timestamp': String(r.timestamp), 'webhook-signature': r.signature };
      expect(() => verifier.verify(r.body, headers), `signature of ${r.id}`).not.toThrow();
    }
    const one = receiver.received[0]!;
    expect(() => verifier.verify(one.body.replace('"data"', '"date"'), { 'webhook-id': one.id, 'webhook-timestamp': String(one.timestamp), 'webhook-signature': one.signature })).toThrow();

    // Retry-After honoured: the next request for an id came no sooner than its 429 said.
    const gapsAfter429: number[] = [];
    for (const rs of seen.values()) {
      rs.forEach((r, i) => {
        if (r.status !== 429 || !rs[i + 1]) return;
        gapsAfter429.push(rs[i + 1]!.at - r.at);
        expect(rs[i + 1]!.at - r.at, `retry of ${r.id} after its 429`).toBeGreaterThanOrEqual(RETRY_AFTER_SECONDS * 1000);
      });
    }
    console.info(`  next request after a 429 (Retry-After: ${RETRY_AFTER_SECONDS}): ${gapsAfter429.length} of them, the soonest ${Math.min(...gapsAfter429)} ms later`);
    expect(gapsAfter429.length).toBeGreaterThanOrEqual(MESSAGES);

    // The sender's log: refused, then 500s, then 429s, then one success, and nothing else.
    const messages = await prisma.webhookMessage.findMany();
    expect(messages.map((m) => m.status)).toEqual(Array(MESSAGES).fill('delivered'));
    for (const [id, rs] of seen) {
      const entries = log.get(id)!;
      expect(entries.map((a) => a.attempt), `attempt numbers of ${id}`).toEqual(entries.map((_, i) => i + 1));
      const runs = entries.map((a) => a.outcome).filter((o, i, all) => o !== all[i - 1]);
      expect(runs, `outcomes of ${id}`).toEqual(['error', 'failed', 'throttled', 'delivered']);
      expect(entries.filter((a) => a.outcome === 'delivered')).toHaveLength(1);
      // What the receiver answered is exactly what the sender logged, attempt by attempt.
      expect(entries.filter((a) => a.statusCode !== null).map((a) => a.statusCode), `status codes of ${id}`).toEqual(rs.map((r) => r.status));
      // Each answered attempt is logged as started before the receiver had read its request.
      entries.filter((a) => a.statusCode !== null).forEach((a, i) => expect(a.startedAt.getTime(), `start of attempt ${a.attempt} of ${id}`).toBeLessThanOrEqual(rs[i]!.at));
    }
  }, 60_000);
});
