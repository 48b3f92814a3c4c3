// Lead moves and derived changes reach webhooks: `lead.assigned`, `lead.qualified`,
// `lead.passed-back` recorded in the transactions that route, qualify and pass back a lead,
// `prospect.changed` in the one that completes a scan. A receiver subscribed to the four
// types sees each event once, however often routing, completion and the sweep run again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { completeScanIfFinished, createLogger, createPrisma, createSecretBox, newSecretKey, redisConnectionOptions, type PrismaClient } from '@prospector/core';
import { actOnLead, actorForEmail, addWebhookEndpoint, routeScan, sweepStaleLeads } from '@prospector/scheduler';
import { startDeliveryRuntime, type DeliveryRuntime } from '@prospector/worker';
import { loadTeams, seedDoneScan } from './helpers/lead-fixtures.ts';
import { waitFor } from './helpers/private-services.ts';
import { deletePrefix } from './helpers/redis-keys.ts';
import { createTestDatabase, type TestDatabase } from './helpers/test-db.ts';
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhook-receiver.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = `{test-lead-events-${process.pid}}`;
const PUBLIC_URL = 'https://prospector.example.test';
const ALLOW = ['127.0.0.0/8'];
const SECRETS = createSecretBox([newSecretKey()]);

let db: TestDatabase;
let prisma: PrismaClient;
let redis: Redis;
let receiver: WebhookReceiver;
let runtime: DeliveryRuntime;
let secret = '';

beforeAll(async () => {
  db = await createTestDatabase('lead_events');
  prisma = createPrisma({ databaseUrl: db.url });
  redis = new Redis(REDIS_URL);
  receiver = await startWebhookReceiver(() => [secret]);
  runtime = await startDeliveryRuntime({
    connection: redisConnectionOptions(REDIS_URL),
    prefix: PREFIX,
    prisma,
    logger: createLogger('silent', 'test'),
    publicUrl: PUBLIC_URL,
    retryScheduleMs: [100, 100, 100],
    pollMs: 100,
    disableAfterMs: 60_000,
    timeoutMs: 2000,
    allowCidrs: ALLOW,
    userAgent: 'ProspectorTest/1',
    secrets: SECRETS,
  });
});
afterAll(async () => {
  await runtime?.close(true);
  await receiver?.close();
  await prisma?.$disconnect();
  if (redis) await deletePrefix(redis, PREFIX);
  redis?.disconnect();
  await db?.drop();
});

interface Body {
  type: string;
  data: Record<string, unknown>;
}
const bodies = () => receiver.received.filter((r) => r.status === 204).map((r) => ({ id: r.id, ...(JSON.parse(r.body) as Body) }));

describe('lead and change events to webhooks', () => {
  it('delivers each assignment, qualification, pass-back and change once', async () => {
    const added = await addWebhookEndpoint(prisma, { url: receiver.url('/crm'), events: ['lead.assigned', 'lead.qualified', 'lead.passed-back', 'prospect.changed'] }, { allowCidrs: ALLOW }, SECRETS);
    secret = added.secret;
    await loadTeams(prisma);
    const { scanId, ids } = await seedDoneScan(prisma, 'events', [{ externalId: 'E1', name: 'Lakeview Dental', region: 'OH', postalCode: '44113', tier: 'B', score: 60 }]);
    const prospectId = ids.get('E1') ?? 0;

    // Routing (twice: a replayed route-scan job) assigns the lead to Dana once.
    await routeScan(prisma, scanId);
    await routeScan(prisma, scanId);
    const leadId = (await prisma.lead.findUniqueOrThrow({ where: { prospectId } })).id;
    const dana = await actorForEmail(prisma, 'dana@example.com');
    await actOnLead(prisma, { leadId, action: 'work', actor: dana, passBackCap: 2 });
    await actOnLead(prisma, { leadId, action: 'qualify', actor: dana, passBackCap: 2 });
    // Stale on the sales side: the sweep (run twice) passes it back to Dana.
    const later = new Date(Date.now() + 120_000);
    expect(await sweepStaleLeads(prisma, { staleAfterMs: 60_000, passBackCap: 2, now: later })).toMatchObject({ passedBack: 1 });
    expect(await sweepStaleLeads(prisma, { staleAfterMs: 60_000, passBackCap: 2, now: later })).toMatchObject({ passedBack: 0 });

    // A rescan that sees the mailbox move from Google to Microsoft, completed twice.
    await prisma.finding.updateMany({ where: { scanId, prospectId }, data: { emailProvider: 'google-workspace', confidence: { emailProvider: 0.9 } } });
    const campaign = await prisma.campaign.findUniqueOrThrow({ where: { name: 'events' } });
    const rescan = await prisma.scan.create({ data: { campaignId: campaign.id, number: 2, total: 1 } });
    await prisma.stageRun.create({ data: { scanId: rescan.id, prospectId, stage: 'classify', status: 'done' } });
    await prisma.finding.create({
      data: { scanId: rescan.id, prospectId, presence: 'website', emailProvider: 'microsoft-365', score: 60, tier: 'B', reasons: [], confidence: { emailProvider: 0.9 }, evidence: {} },
    });
    expect(await completeScanIfFinished(prisma, rescan.id)).toBe(true);
    expect(await completeScanIfFinished(prisma, rescan.id)).toBe(false);

    const expected = ['lead.assigned', 'lead.qualified', 'lead.assigned', 'lead.passed-back', 'lead.assigned', 'prospect.changed'];
    await waitFor('six deliveries', async () => bodies().length >= expected.length && (await prisma.deliveryEvent.count({ where: { dispatchedAt: null } })) === 0, 15_000, 50);
    // Give a duplicate, were there one, the time to arrive: every message is already delivered.
    await waitFor('nothing pending', async () => (await prisma.webhookMessage.count({ where: { status: { not: 'delivered' } } })) === 0, 5000, 50);

    const got = bodies();
    expect(await prisma.webhookMessage.count()).toBe(expected.length);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect([...receiver.acknowledged().values()].every((n) => n === 1)).toBe(true);
    expect(got.map((b) => b.type).sort()).toEqual([...expected].sort());
    const assigned = got.filter((b) => b.type === 'lead.assigned').map((b) => [b.data.team, b.data.rep]);
    expect(assigned.sort()).toEqual([['cle-sales', 'Lee Park'], ['cle-tp', 'Dana Reyes'], ['cle-tp', 'Dana Reyes']]);
    const passedBack = got.find((b) => b.type === 'lead.passed-back')!;
    expect(passedBack.data).toMatchObject({ leadId, externalId: 'E1', status: 'passed-back', team: 'cle-tp', rep: 'Dana Reyes', url: `${PUBLIC_URL}/my/leads/${leadId}` });
    const changed = got.find((b) => b.type === 'prospect.changed')!;
    expect(changed.data).toMatchObject({ prospectId, externalId: 'E1', field: 'emailProvider', kind: 'changed', from: 'google-workspace', to: 'microsoft-365', fromScan: 1, toScan: 2 });
    const change = await prisma.changeEvent.findFirstOrThrow({ where: { prospectId, field: 'emailProvider' } });
    expect(changed.data.changeId).toBe(change.id);
    // Small bodies, as the spec asks (well under 20 kB).
    expect(Math.max(...receiver.received.map((r) => r.body.length))).toBeLessThan(2000);
  });
});
