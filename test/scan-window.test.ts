// Windowed admission on the real Redis and Postgres: a scan puts a window of its prospects'
// flows into Redis, not its whole campaign; classify outcomes top the window up; a top-up run
// twice, or by two processes at once, or after a crash before its cursor moved, adds nothing
// twice; a sweep tops up a window nobody signalled; a second start joining the scan re-adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassifyInput, ClassifyResult, ProspectInput, VerifyResult } from '@prospector/agents';
import { admitProspects, createLogger, jobIdFor, prospectFlow, startScan, type QueueSet } from '@prospector/core';
import { createScanAdmission, type AgentSet } from '@prospector/worker';
import { createHarness, type Harness } from './helpers/pipeline-harness.ts';

let h: Harness;
const WINDOW = { size: 10, chunk: 5 };

/** Classify jobs not finished in Redis: the prospects a scan holds there. */
async function liveClassifyJobs(queues: QueueSet): Promise<number> {
  const c = await queues.queues.classify.getJobCounts('waiting-children', 'waiting', 'active', 'delayed', 'prioritized');
  return Object.values(c).reduce((a, b) => a + b, 0);
}

async function seedCampaign(name: string, size: number): Promise<number> {
  const campaign = await h.prisma.campaign.create({ data: { name } });
  await h.prisma.prospect.createMany({
    data: Array.from({ length: size }, (_, i) => ({ campaignId: campaign.id, externalId: String(i), name: `${name} ${i}`, nameKey: `${name} ${i}`, postalCode: '43004' })),
  });
  return campaign.id;
}

/** What classify would record: the prospects' outcomes, as if their jobs ran. */
async function recordClassified(scanId: number, prospectIds: number[]): Promise<void> {
  await h.prisma.stageRun.createMany({ data: prospectIds.map((prospectId) => ({ scanId, prospectId, stage: 'classify', status: 'done' })) });
}

const order: string[] = [];
const peaks = { redis: 0 };
const agents: AgentSet = {
  async search(p: ProspectInput) {
    order.push('search');
    // Sampled while the scan runs: every search is a prospect in flight.
    peaks.redis = Math.max(peaks.redis, await liveClassifyJobs(h.queues));
    return { candidates: [{ domain: `p${p.id}.com`, sources: ['name-derived' as const], score: 0.5, evidence: [] }], socialPages: [], ispMailDomains: [], queries: [], searchError: null };
  },
  async dns(domain: string) {
    return { domain, lookups: [], apex: { a: [], aaaa: [] }, www: null, mx: [], ns: [], soa: null, txt: [], spf: null, dmarc: null, verificationTokens: [], srv: [], hosts: [], addresses: [], failures: [] };
  },
  async verify(_p: ProspectInput, domain: string): Promise<VerifyResult> {
    return { domain, fetch: { requestedUrl: `https://${domain}/`, finalUrl: null, status: null, chain: [], headers: {}, tls: null, remoteAddress: null, errorKind: 'refused', error: 'refused', truncated: false }, page: null, landingDomain: null, parked: { parked: false, reasons: [] }, authenticity: null, technologies: [], verdict: 'unreachable' };
  },
  classify(input: ClassifyInput): ClassifyResult {
    order.push('classify');
    return { presence: 'none', domain: null, emailProvider: null, emailGateway: null, webHost: null, dnsProvider: null, isp: null, ecommercePlatform: null, cms: null, voipProvider: null, confidence: {}, evidence: {}, evidenceItems: {}, unknownReasons: {}, unknownCodes: {}, cataloged: {}, score: input.dns.length, tier: 'C', reasons: [], spend: { monthlyUsd: 0, factors: [] } };
  },
  async close() {},
};

beforeAll(async () => {
  h = await createHarness('scan-window', { attempts: 2, backoffMs: 20 });
});
afterAll(async () => h?.close());

describe('windowed admission', () => {
  it('puts only the first window into Redis and tops it up until all 50 prospects are classified', async () => {
    await seedCampaign('fifty', 50);
    const scan = await startScan(h.prisma, h.queues, 'fifty', WINDOW);
    expect(scan).toMatchObject({ total: 50, admitted: 10 });
    expect(await liveClassifyJobs(h.queues)).toBe(10);

    const workers = h.startWorkers(agents);
    await h.waitForScan(scan.scanId);
    // The tests below drive admission by hand, with no worker taking jobs.
    await workers.close(5000);
    expect(await h.prisma.finding.count({ where: { scanId: scan.scanId } })).toBe(50);
    expect(await h.prisma.scan.findUniqueOrThrow({ where: { id: scan.scanId } })).toMatchObject({ admitted: 50, status: 'done' });
    // Never more than a window (and a chunk, for classify jobs done in Postgres but not yet in Redis) at once.
    expect(peaks.redis).toBeGreaterThan(0);
    expect(peaks.redis).toBeLessThanOrEqual(WINDOW.size + WINDOW.chunk);
    // Depth-first enough: prospects are classified long before the last searches run.
    expect(order.indexOf('classify')).toBeLessThan(order.lastIndexOf('search'));
    expect(order.filter((o) => o === 'search').length).toBe(50);
    expect(order.slice(0, order.indexOf('classify')).filter((o) => o === 'search').length).toBeLessThanOrEqual(WINDOW.size + WINDOW.chunk);
  });

  it('adds each chunk once, whether a top-up runs twice, twice at once, or again after a crash before its cursor moved', async () => {
    const campaignId = await seedCampaign('twice', 30);
    const ids = (await h.prisma.prospect.findMany({ where: { campaignId }, orderBy: { id: 'asc' }, select: { id: true } })).map((p) => p.id);
    const jobs0 = await liveClassifyJobs(h.queues);
    const scan = await startScan(h.prisma, h.queues, 'twice', WINDOW);
    expect(scan.admitted).toBe(10);
    // A full window: nothing to add, however often asked.
    expect((await admitProspects(h.prisma, h.queues.flows, scan.scanId)).added).toBe(0);

    // Five finish: two processes top up at once; the chunk goes in once and the cursor moves once.
    await recordClassified(scan.scanId, ids.slice(0, 5));
    await Promise.all([admitProspects(h.prisma, h.queues.flows, scan.scanId), admitProspects(h.prisma, h.queues.flows, scan.scanId)]);
    let row = await h.prisma.scan.findUniqueOrThrow({ where: { id: scan.scanId } });
    expect(row).toMatchObject({ admitted: 15, admittedTo: ids[14] });
    expect((await admitProspects(h.prisma, h.queues.flows, scan.scanId)).added).toBe(0);
    expect(await h.prisma.scan.findUniqueOrThrow({ where: { id: scan.scanId } })).toMatchObject({ admitted: 15 });

    // A crash between adding the next chunk's flows and moving the cursor: the next top-up adds them again, harmlessly.
    await recordClassified(scan.scanId, ids.slice(5, 10));
    await h.queues.flows.addBulk(ids.slice(15, 20).map((prospectId) => prospectFlow({ scanId: scan.scanId, prospectId })));
    expect((await admitProspects(h.prisma, h.queues.flows, scan.scanId)).added).toBe(5);
    row = await h.prisma.scan.findUniqueOrThrow({ where: { id: scan.scanId } });
    expect(row).toMatchObject({ admitted: 20, admittedTo: ids[19] });
    expect(await liveClassifyJobs(h.queues)).toBe(jobs0 + 20);

    // A second `scan start` joins the running scan: it admits nothing more (the window is full)
    // and re-adds only the flows of the prospects in flight, bringing back one Redis lost.
    await h.queues.queues.classify.remove(jobIdFor('classify', { scanId: scan.scanId, prospectId: ids[12]! }));
    expect(await liveClassifyJobs(h.queues)).toBe(jobs0 + 19);
    const again = await startScan(h.prisma, h.queues, 'twice', { size: 1000, chunk: 1000 });
    expect(again).toMatchObject({ scanId: scan.scanId, joinedExisting: true, admitted: 20 });
    expect(await liveClassifyJobs(h.queues)).toBe(jobs0 + 20);
    expect(await h.queues.queues.classify.getJob(jobIdFor('classify', { scanId: scan.scanId, prospectId: ids[20]! }))).toBeUndefined();
  });

  it('a sweep tops up a window drained without a signal (the worker that saw it died), and stops at the last prospect', async () => {
    const campaignId = await seedCampaign('sweep', 14);
    const ids = (await h.prisma.prospect.findMany({ where: { campaignId }, orderBy: { id: 'asc' }, select: { id: true } })).map((p) => p.id);
    const scan = await startScan(h.prisma, h.queues, 'sweep', WINDOW);
    await recordClassified(scan.scanId, ids.slice(0, 10));
    const admission = createScanAdmission({ prisma: h.prisma, flows: h.queues.flows, logger: createLogger('silent', 'test') });
    try {
      await admission.sweep();
      expect(await h.prisma.scan.findUniqueOrThrow({ where: { id: scan.scanId } })).toMatchObject({ admitted: 14, admittedTo: ids[13] });
      // Nothing is left to admit: the scan is no longer swept, and a top-up adds nothing.
      await recordClassified(scan.scanId, ids.slice(10));
      expect((await admitProspects(h.prisma, h.queues.flows, scan.scanId)).added).toBe(0);
    } finally {
      await admission.close();
    }
  });
});
