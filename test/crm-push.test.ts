// CRM push end to end against the loopback CRM simulator (packages/simnet): plan → push
// log → deliver queue → HubSpot-like batch upsert and Salesforce-like collections upsert
// through the SSRF-safe client. Creates first, then an update that sends only the changed
// fields, a dry run that changes nothing, picklist rejections, an expired Salesforce token,
// and the refusals (bad mapping, unknown CRM, unknown campaign) that push nothing.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliveryQueue, createLogger, createPrisma, createSecretBox, newSecretKey, redisConnectionOptions, type PrismaClient } from '@prospector/core';
import { autoPushQualifiedLeads, connectCrm, createCrmSchemaCache, planCrmPush, type CrmPushPlan } from '@prospector/scheduler';
import { startCrmSimulator, type CrmSimulator } from '@prospector/simnet';
import { createCrmHttp, startDeliveryRuntime, type CrmHttp, type DeliveryRuntime } from '@prospector/worker';
import { seedDoneScan } from './helpers/lead-fixtures.ts';
import { waitFor } from './helpers/private-services.ts';
import { deletePrefix } from './helpers/redis-keys.ts';
import { createTestDatabase, type TestDatabase } from './helpers/test-db.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = `{test-crm-${process.pid}}`;
const POLICY = { allowCidrs: ['127.0.0.0/8'] };
const CAMPAIGN = 'crm-ohio';
// Credentials are sealed at rest throughout, as in a deployment with SECRETS_KEYS set.
const SECRETS = createSecretBox([newSecretKey()]);

let db: TestDatabase;
let prisma: PrismaClient;
let sim: CrmSimulator;
let http: CrmHttp;
let queue: Queue;
let runtime: DeliveryRuntime;
let ids: Map<string, number>;
let scanId = 0;

beforeAll(async () => {
  db = await createTestDatabase('crm_push');
  prisma = createPrisma({ databaseUrl: db.url });
  sim = await startCrmSimulator({ hubspot: { intervalMs: 300 } });
  http = createCrmHttp({ ...POLICY, timeoutMs: 5000, userAgent: 'ProspectorTest/1' });
  queue = createDeliveryQueue(redisConnectionOptions(REDIS_URL), PREFIX, [100, 100, 100, 100]);
  runtime = await startDeliveryRuntime({
    connection: redisConnectionOptions(REDIS_URL), prefix: PREFIX, prisma, logger: createLogger('silent', 'test'), publicUrl: 'https://p.test',
    retryScheduleMs: [100, 100, 100, 100], pollMs: 200, disableAfterMs: 60_000, timeoutMs: 5000, allowCidrs: POLICY.allowCidrs, userAgent: 'ProspectorTest/1', secrets: SECRETS,
  });
  const prospects = ['A', 'B', 'C', 'A', 'B'].map((tier, i) => ({
    externalId: `R-${i + 1}`, name: `Business ${i + 1}`, region: 'OH', postalCode: `4410${i}`, tier: tier as 'A' | 'B' | 'C', score: 90 - i * 10,
    phone: '+16145550100', websiteDomain: `b${i + 1}.example`, isp: 'comcast-business',
  }));
  ({ ids, scanId } = await seedDoneScan(prisma, CAMPAIGN, prospects));
});
afterAll(async () => {
  await runtime?.close();
  await queue?.close();
  await http?.close();
  await sim?.close();
  await prisma?.$disconnect();
  const redis = new Redis(REDIS_URL);
  await deletePrefix(redis, PREFIX);
  redis.disconnect();
  await db?.drop();
});

const deps = () => ({ prisma, http, secrets: SECRETS, queue });
async function pushAndWait(crm: string, onlyChanged = false): Promise<CrmPushPlan> {
  const plan = await planCrmPush(deps(), { crm, campaign: CAMPAIGN, onlyChanged });
  if (plan.pushId) {
    const id = plan.pushId;
    await waitFor(`push ${id} finished`, async () => (await prisma.crmPush.findUniqueOrThrow({ where: { id } })).status !== 'queued', 20_000, 50);
    expect((await prisma.crmPush.findUniqueOrThrow({ where: { id } })).status).toBe('done');
  }
  return plan;
}

/** The stored row holds one sealed value and none of the credentials in the clear. */
async function expectSealedAtRest(crm: string, clear: string[]): Promise<void> {
  const [row] = await prisma.$queryRaw<{ auth: string }[]>`SELECT auth::text AS auth FROM "CrmConnection" WHERE crm = ${crm}`;
  expect(row!.auth).toMatch(/^\{"sealed": "sealed:v1:[0-9a-f]{12}:[A-Za-z0-9_-]+"\}$/);
  for (const text of clear) expect(row!.auth).not.toContain(text);
}

describe('HubSpot companies', () => {
  it('dry run reports 5 creates and the id property to create, and changes nothing', async () => {
    await connectCrm(prisma, { crm: 'hubspot', url: sim.url, token: 'pat-sim-hubspot' }, POLICY, SECRETS);
    await expectSealedAtRest('hubspot', ['pat-sim-hubspot']);
    const plan = await planCrmPush(deps(), { crm: 'hubspot', campaign: CAMPAIGN, dryRun: true });
    expect(plan.creates).toHaveLength(5);
    expect(plan.updates).toHaveLength(0);
    expect(plan.createsFields[0]).toBe('prospector_id');
    expect(plan.pushId).toBeNull();
    expect(sim.hubspot.companies.size).toBe(0);
    expect(sim.hubspot.properties.has('prospector_id')).toBe(false);
    expect(await prisma.crmPush.count()).toBe(0);
  });

  it('creates every company once, through a 429 and a 207, with prospector_id created unique', async () => {
    sim.hubspot.throttleNext = 1;
    sim.hubspot.failOnce.add(`prs_${ids.get('R-2')}`);
    const plan = await pushAndWait('hubspot');
    expect(plan.creates).toHaveLength(5);
    expect(sim.hubspot.throttled).toBeGreaterThanOrEqual(1);
    expect(sim.hubspot.properties.get('prospector_id')?.hasUniqueValue).toBe(true);
    expect(sim.hubspot.companies.size).toBe(5);
    expect(sim.hubspot.duplicates()).toEqual([]);
    const company = [...sim.hubspot.companies.values()].find((c) => c.properties.prospector_id === `prs_${ids.get('R-1')}`)!;
    expect(company.properties).toMatchObject({ name: 'Business 1', domain: 'b1.example', phone: '(614) 555-0100', prospector_tier: 'A', prospector_list_id: 'R-1', prospector_isp: 'comcast-business' });
    const log = await prisma.crmPushItem.findMany({ where: { pushId: plan.pushId! } });
    expect(log.every((i) => i.status === 'sent' && i.crmId && i.created === true)).toBe(true);
    expect(log.find((i) => i.recordKey === `prs_${ids.get('R-2')}`)?.attempts).toBe(2);
    expect(await prisma.crmRecordState.count({ where: { crm: 'hubspot' } })).toBe(5);
  });

  it('a re-push with --only-changed sends only the changed fields of the changed record, then nothing', async () => {
    await prisma.finding.update({ where: { scanId_prospectId: { scanId, prospectId: ids.get('R-3')! } }, data: { tier: 'A', score: 95 } });
    const before = sim.hubspot.batchSizes.length;
    const plan = await pushAndWait('hubspot', true);
    expect(plan.creates).toHaveLength(0);
    expect(plan.updates.map((u) => u.key)).toEqual([`prs_${ids.get('R-3')}`]);
    expect(plan.updates[0]!.fields.sort()).toEqual(['description', 'prospector_score', 'prospector_tier']);
    expect(plan.unchanged).toBe(4);
    expect(sim.hubspot.batchSizes.slice(before)).toEqual([1]);
    expect(sim.hubspot.companies.size).toBe(5);
    expect([...sim.hubspot.companies.values()].find((c) => c.properties.prospector_id === `prs_${ids.get('R-3')}`)?.properties.prospector_tier).toBe('A');
    const again = await planCrmPush(deps(), { crm: 'hubspot', campaign: CAMPAIGN, onlyChanged: true });
    expect(again.pushId).toBeNull();
    expect(again.unchanged).toBe(5);
  });

  it('dry run names the values an enumeration property would reject', async () => {
    sim.hubspot.addProperty({ name: 'prospector_tier', type: 'enumeration', options: ['A'] });
    const plan = await planCrmPush(deps(), { crm: 'hubspot', campaign: CAMPAIGN, dryRun: true });
    expect(plan.rejected.map((r) => [r.field, r.value])).toEqual([['prospector_tier', 'B'], ['prospector_tier', 'B']]);
    expect(plan.rejected[0]!.allowed).toEqual(['A']);
    sim.hubspot.addProperty({ name: 'prospector_tier', type: 'string' });
  });
});

describe('Salesforce leads', () => {
  it('refreshes an expired token, upserts by Prospector_Id__c with Sforce-Auto-Assign: FALSE, maps the lead status', async () => {
    await connectCrm(prisma, { crm: 'salesforce', url: sim.url, clientId: 'sim-client', clientSecret: 'sim-secret', refreshToken: 'sim-refresh' }, POLICY, SECRETS);
    const c = await prisma.campaign.findUniqueOrThrow({ where: { name: CAMPAIGN } });
    await prisma.lead.create({ data: { prospectId: ids.get('R-1')!, campaignId: c.id, scanId, status: 'qualified', routeReason: 'test' } });
    const dry = await planCrmPush(deps(), { crm: 'salesforce', campaign: CAMPAIGN, dryRun: true });
    expect(dry.creates).toHaveLength(5);
    expect(sim.salesforce.records.size).toBe(0);
    sim.salesforce.expireTokens();
    const refreshes = sim.salesforce.tokenRefreshes;
    sim.salesforce.failOnce.add(`prs_${ids.get('R-4')}`);
    await pushAndWait('salesforce');
    expect(sim.salesforce.tokenRefreshes).toBeGreaterThan(refreshes);
    // The refreshed access token is written back sealed, with the rest of the credentials.
    await expectSealedAtRest('salesforce', ['sim-client', 'sim-secret', 'sim-refresh', '00Dsim!']);
    expect(sim.salesforce.expiredAnswers).toBeGreaterThanOrEqual(1);
    expect(sim.salesforce.records.size).toBe(5);
    expect(sim.salesforce.duplicates()).toEqual([]);
    expect(sim.salesforce.autoAssign.every((h) => h === 'FALSE')).toBe(true);
    const r1 = sim.salesforce.records.get(`prs_${ids.get('R-1')}`)!.fields;
    expect(r1).toMatchObject({ LastName: 'Business 1', Company: 'Business 1', LeadSource: 'Prospector', Rating: 'Hot', Status: 'Working - Contacted', PostalCode: '44100' });
    expect(sim.salesforce.records.get(`prs_${ids.get('R-2')}`)!.fields.Status).toBeUndefined();
  });

  it('an update sends only the changed fields; the dry run flags a Rating the org lacks', async () => {
    await prisma.finding.update({ where: { scanId_prospectId: { scanId, prospectId: ids.get('R-5')! } }, data: { tier: 'C', score: 40 } });
    const before = sim.salesforce.batchSizes.length;
    const plan = await pushAndWait('salesforce', true);
    expect(plan.updates.map((u) => [u.key, u.fields.sort()])).toEqual([[`prs_${ids.get('R-5')}`, ['Description', 'Rating']]]);
    expect(sim.salesforce.batchSizes.slice(before)).toEqual([1]);
    expect(sim.salesforce.records.get(`prs_${ids.get('R-5')}`)!.fields.Rating).toBe('Cold');
    sim.salesforce.fields.set('Rating', { name: 'Rating', type: 'picklist', picklist: ['Hot', 'Warm'] });
    const dry = await planCrmPush(deps(), { crm: 'salesforce', campaign: CAMPAIGN, dryRun: true });
    expect(dry.rejected.map((r) => [r.key, r.field, r.value])).toEqual([[`prs_${ids.get('R-5')}`, 'Rating', 'Cold']]);
  });
});

describe('automatic push', () => {
  it('pushes only the qualified leads that changed, on the CRMs connected with --auto-push', async () => {
    await prisma.crmConnection.update({ where: { crm: 'hubspot' }, data: { autoPush: true } });
    await prisma.finding.update({ where: { scanId_prospectId: { scanId, prospectId: ids.get('R-1')! } }, data: { score: 99 } });
    await prisma.finding.update({ where: { scanId_prospectId: { scanId, prospectId: ids.get('R-2')! } }, data: { score: 79 } });
    // One schema cache across sweeps, as `serve` keeps it: the second sweep describes nothing.
    const sweep = { prisma, http, secrets: SECRETS, queue, logger: createLogger('silent', 'test'), schemas: createCrmSchemaCache() };
    const pushes = await autoPushQualifiedLeads(sweep);
    expect(pushes).toHaveLength(1);
    await waitFor('automatic push finished', async () => (await prisma.crmPush.findUniqueOrThrow({ where: { id: pushes[0]! } })).status === 'done', 20_000, 50);
    const items = await prisma.crmPushItem.findMany({ where: { pushId: pushes[0]! } });
    expect(items.map((i) => [i.recordKey, Object.keys(i.properties as object).sort()])).toEqual([[`prs_${ids.get('R-1')}`, ['description', 'prospector_score']]]);
    const reads = sim.hubspot.propertyListReads;
    expect(await autoPushQualifiedLeads(sweep)).toEqual([]);
    expect(sim.hubspot.propertyListReads).toBe(reads);
  });
});

describe('refusals that push nothing', () => {
  it('an unknown CRM, an unknown campaign, a bad mapping file and a field the CRM lacks', async () => {
    const pushes = await prisma.crmPush.count();
    await expect(planCrmPush(deps(), { crm: 'pipedrive', campaign: CAMPAIGN })).rejects.toThrow('unknown CRM "pipedrive": expected hubspot or salesforce');
    await expect(planCrmPush(deps(), { crm: 'hubspot', campaign: 'nope' })).rejects.toThrow('no campaign "nope"');
    const dir = await mkdtemp(join(tmpdir(), 'crm-map-'));
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ extends: 'default', fields: { industry: 'industyCode' } }));
    await expect(connectCrm(prisma, { crm: 'hubspot', url: sim.url, token: 'pat-sim-hubspot', mappingFile: bad }, POLICY, SECRETS)).rejects.toThrow(/field "industry": unknown source "industyCode"/);
    expect((await prisma.crmConnection.findUniqueOrThrow({ where: { crm: 'hubspot' } })).mapping).toBeNull();
    const missing = join(dir, 'missing.json');
    await writeFile(missing, JSON.stringify({ extends: 'default', fields: { industry: 'industryCode' } }));
    await connectCrm(prisma, { crm: 'hubspot', url: sim.url, token: 'pat-sim-hubspot', mappingFile: missing }, POLICY, SECRETS);
    await expect(planCrmPush(deps(), { crm: 'hubspot', campaign: CAMPAIGN })).rejects.toThrow('mapping field "industry": HubSpot has no company property industry; nothing was pushed');
    await expect(connectCrm(prisma, { crm: 'hubspot', url: 'http://10.0.0.5', token: 't' }, { allowCidrs: [] }, SECRETS)).rejects.toThrow(/10\.0\.0\.5.*WEBHOOK_ALLOW_CIDRS/);
    // The CRM's own address is loopback: without the allow-list the SSRF guard refuses it.
    const guarded = createCrmHttp({ allowCidrs: [], timeoutMs: 2000, userAgent: 'ProspectorTest/1' });
    await expect(planCrmPush({ prisma, http: guarded, secrets: SECRETS, queue }, { crm: 'salesforce', campaign: CAMPAIGN })).rejects.toThrow(/refused to connect to 127\.0\.0\.1/);
    await guarded.close();
    expect(await prisma.crmPush.count()).toBe(pushes);
  });
});
