// A delivery worker SIGKILLed mid-push: the simulated HubSpot applies the first batch of
// upserts and never answers it (a crash between the CRM's commit and our log write). A second
// worker takes the stalled push over while the CRM answers 429 (an injected
// TEN_SECONDLY_ROLLING and its real rolling window) and 207 (transient per-record errors).
// Every record must reach the CRM, and no company may be created twice: the upsert key is
// the prospect's stable id, so the resent batch updates what the first one created.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliveryQueue, redisConnectionOptions, type PrismaClient } from '@prospector/core';
import { connectCrm, planCrmPush } from '@prospector/scheduler';
import { startCrmSimulator, type CrmSimulator } from '@prospector/simnet';
import { createCrmHttp } from '@prospector/worker';
import { seedDoneScan } from '../helpers/lead-fixtures.ts';
import { waitFor } from '../helpers/private-services.ts';
import { spawnProspector, type ChildRun } from './campaign.fixture.ts';
import { createDeliveryTestbed, REDIS_URL, type DeliveryTestbed } from './delivery.fixture.ts';

const RECORDS = 250;

let bed: DeliveryTestbed;
let prisma: PrismaClient;
let sim: CrmSimulator;
const children: ChildRun[] = [];

beforeAll(async () => {
  bed = await createDeliveryTestbed('crm-kill');
  prisma = bed.prisma;
  // A rolling window of 4 requests per second: the resumed push runs into it for real.
  sim = await startCrmSimulator({ hubspot: { maxPerInterval: 4, intervalMs: 1000 } });
});
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop('SIGKILL')));
  await sim?.close();
  await bed?.close();
});

const workerEnv = () =>
  bed.workerEnv({
    DELIVERY_POLL_MS: '200',
  });

/** A delivery worker taking the push over, waited on until the push is no longer queued. */
async function takeOver(pushId: string): Promise<void> {
  const second = await spawnProspector(['worker', '--queues', 'deliver', '--health-port', '0'], workerEnv());
  children.push(second);
  await waitFor('the push finished', async () => (await prisma.crmPush.findUniqueOrThrow({ where: { id: pushId } })).status !== 'queued', 90_000, 100);
}

/** "n record(s) kx" per k: how many upserts of each record the CRM saw. */
function upsertsPerRecord(seenPerRecord: Iterable<number>): string {
  const seen = new Map<number, number>();
  for (const n of seenPerRecord) seen.set(n, (seen.get(n) ?? 0) + 1);
  return [...seen].sort(([a], [b]) => a - b).map(([times, records]) => `${records} record(s) ${times}x`).join(', ');
}

describe('a delivery worker killed with SIGKILL mid-push, the CRM answering 429 and 207', () => {
  it('HubSpot: delivers every record and creates no CRM record twice', async () => {
    const prospects = Array.from({ length: RECORDS }, (_, i) => ({ externalId: `R-${i}`, name: `Business ${i}`, region: 'OH', postalCode: `44${String(i).padStart(3, '0')}`, tier: 'A' as const, score: 80 }));
    const { ids } = await seedDoneScan(prisma, 'crm-kill', prospects);
    await connectCrm(prisma, { crm: 'hubspot', url: sim.url, token: 'pat-sim-hubspot' }, { allowCidrs: ['127.0.0.0/8'] }, bed.secrets);
    sim.hubspot.hangNext = 1;
    sim.hubspot.throttleNext = 2;
    for (const n of [5, 150, 240]) sim.hubspot.failOnce.add(`prs_${ids.get(`R-${n}`)}`);

    const http = createCrmHttp({ allowCidrs: ['127.0.0.0/8'], timeoutMs: 10_000, userAgent: 'ProspectorTest/1' });
    const queue = createDeliveryQueue(redisConnectionOptions(REDIS_URL), bed.prefix);
    const plan = await planCrmPush({ prisma, http, secrets: bed.secrets, queue }, { crm: 'hubspot', campaign: 'crm-kill' });
    await Promise.all([http.close(), queue.close()]);
    expect(plan.creates).toHaveLength(RECORDS);

    const first = await spawnProspector(['worker', '--queues', 'deliver', '--health-port', '0'], workerEnv());
    children.push(first);
    // The held batch was applied by the CRM (it created 100 companies) but its answer never comes.
    await waitFor('the first batch applied and held', async () => sim.hubspot.hangNext === 0, 30_000, 20);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(await prisma.crmPushItem.count({ where: { pushId: plan.pushId!, status: 'sent' } })).toBe(0);
    const createdBeforeKill = sim.hubspot.companies.size;

    await takeOver(plan.pushId!);

    const created = [...sim.hubspot.created.values()];
    console.info('CRM push SIGKILL case (HubSpot simulator):');
    console.info(`  records pushed: ${RECORDS}; companies created before the kill: ${createdBeforeKill}; 429 answers: ${sim.hubspot.throttled}; batch sizes: ${sim.hubspot.batchSizes.join(',')}`);
    console.info(`  upserts the CRM saw per record: ${upsertsPerRecord(sim.hubspot.seen.values())}`);
    console.info(`  companies created per record: max ${Math.max(...created)}, duplicates ${sim.hubspot.duplicates().length}; companies in the CRM: ${sim.hubspot.companies.size}`);

    expect((await prisma.crmPush.findUniqueOrThrow({ where: { id: plan.pushId! } })).status).toBe('done');
    // The held batch of 100, less R-5, which its 207 refused for now.
    expect(createdBeforeKill).toBe(99);
    expect(sim.hubspot.throttled).toBeGreaterThanOrEqual(2);
    expect(sim.hubspot.duplicates()).toEqual([]);
    expect(sim.hubspot.companies.size).toBe(RECORDS);
    expect(created).toEqual(Array(RECORDS).fill(1));
    expect(sim.hubspot.batchSizes.every((n) => n <= 100)).toBe(true);
    expect(await prisma.crmPushItem.count({ where: { pushId: plan.pushId!, status: 'sent' } })).toBe(RECORDS);
    expect(await prisma.crmRecordState.count({ where: { crm: 'hubspot' } })).toBe(RECORDS);
    // The resent first batch was answered "not new": its items say updated, not created.
    expect(await prisma.crmPushItem.count({ where: { pushId: plan.pushId!, created: false } })).toBeGreaterThanOrEqual(createdBeforeKill);
  }, 180_000);

  it('Salesforce: delivers every record and creates none twice, through an expired token and per-record lock errors', async () => {
    const prospects = Array.from({ length: RECORDS }, (_, i) => ({ externalId: `S-${i}`, name: `Shop ${i}`, region: 'OH', postalCode: `45${String(i).padStart(3, '0')}`, tier: 'B' as const, score: 70 }));
    const { ids } = await seedDoneScan(prisma, 'crm-kill-sf', prospects);
    await connectCrm(prisma, { crm: 'salesforce', url: sim.url, clientId: 'sim-client', clientSecret: 'sim-secret', refreshToken: 'sim-refresh' }, { allowCidrs: ['127.0.0.0/8'] }, bed.secrets);
    sim.salesforce.hangNext = 1;
    for (const n of [3, 210]) sim.salesforce.failOnce.add(`prs_${ids.get(`S-${n}`)}`);
    const http = createCrmHttp({ allowCidrs: ['127.0.0.0/8'], timeoutMs: 10_000, userAgent: 'ProspectorTest/1' });
    const queue = createDeliveryQueue(redisConnectionOptions(REDIS_URL), bed.prefix);
    const plan = await planCrmPush({ prisma, http, secrets: bed.secrets, queue }, { crm: 'salesforce', campaign: 'crm-kill-sf' });
    await Promise.all([http.close(), queue.close()]);

    const first = await spawnProspector(['worker', '--queues', 'deliver', '--health-port', '0'], workerEnv());
    children.push(first);
    await waitFor('the first collection applied and held', async () => sim.salesforce.hangNext === 0, 30_000, 20);
    first.child.kill('SIGKILL');
    await first.exited;
    const createdBeforeKill = sim.salesforce.records.size;
    // The session the killed worker stored expires: the next worker must refresh it.
    sim.salesforce.expireTokens();
    const refreshes = sim.salesforce.tokenRefreshes;

    await takeOver(plan.pushId!);

    const created = [...sim.salesforce.created.values()];
    console.info('CRM push SIGKILL case (Salesforce simulator):');
    console.info(`  records pushed: ${RECORDS}; records created before the kill: ${createdBeforeKill}; 401 INVALID_SESSION_ID answers: ${sim.salesforce.expiredAnswers}; token refreshes after the kill: ${sim.salesforce.tokenRefreshes - refreshes}; collection sizes: ${sim.salesforce.batchSizes.join(',')}`);
    console.info(`  upserts the CRM saw per record: ${upsertsPerRecord(sim.salesforce.seen.values())}`);
    console.info(`  records created per key: max ${Math.max(...created)}, duplicates ${sim.salesforce.duplicates().length}; records in the CRM: ${sim.salesforce.records.size}; Sforce-Auto-Assign seen: ${[...new Set(sim.salesforce.autoAssign)].join(',')}`);

    expect((await prisma.crmPush.findUniqueOrThrow({ where: { id: plan.pushId! } })).status).toBe('done');
    expect(createdBeforeKill).toBe(199);
    expect(sim.salesforce.tokenRefreshes).toBeGreaterThan(refreshes);
    expect(sim.salesforce.duplicates()).toEqual([]);
    expect(sim.salesforce.records.size).toBe(RECORDS);
    expect(created).toEqual(Array(RECORDS).fill(1));
    expect(sim.salesforce.batchSizes.every((n) => n <= 200)).toBe(true);
    expect(sim.salesforce.autoAssign.every((h) => h === 'FALSE')).toBe(true);
    expect(await prisma.crmPushItem.count({ where: { pushId: plan.pushId!, status: 'sent' } })).toBe(RECORDS);
  }, 180_000);
});
