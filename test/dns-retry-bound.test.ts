// What one failing DNS name costs, measured on the wire: the real resolver (c-ares tries ×
// resolver retries, at the defaults DNS_TRIES=2, DNS_RETRIES=2) and the real dns agent
// under the queues with the catalog's attempts, against a loopback DNS server that counts
// the packets it receives per name. Before, any failed lookup re-ran the whole agent on
// every queue attempt: 2 × 3 × 4 = 24 packets for one failing name.
import { setMaxListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClassifyResult, type ProspectInput, type VerifyResult, createAsnLookup, createResolver, runDnsAgent } from '@prospector/agents';
import { DNS_FIXTURE_DOMAIN, DNS_FIXTURE_ZONE, startTestDnsServer, type TestDnsServer } from '@prospector/agents/testing';
import type { AgentSet } from '@prospector/worker';
import { JOB_CATALOG } from '@prospector/core';
import { startScan } from '@prospector/scheduler';
import { createHarness, type Harness } from './helpers/pipeline-harness.ts';

const TRIES = 2;
const RETRIES = 2;
const DEAD = 'dead-resolvers.test';
const FAILING = `mail.${DNS_FIXTURE_DOMAIN}`;
let h: Harness;
let server: TestDnsServer;

beforeAll(async () => {
  server = await startTestDnsServer({ zone: DNS_FIXTURE_ZONE, faults: { [FAILING]: 'timeout', [DEAD]: 'timeout', [`*.${DEAD}`]: 'timeout', [`*.*.${DEAD}`]: 'timeout' } });
  h = await createHarness('dnsbound', { attempts: 'catalog', backoffMs: 10 });
  const campaign = await h.prisma.campaign.create({ data: { name: 'dnsbound' } });
  for (const [i, domain] of [DNS_FIXTURE_DOMAIN, DEAD].entries()) {
    await h.prisma.prospect.create({ data: { campaignId: campaign.id, externalId: String(i + 1), name: domain, nameKey: domain, postalCode: `5500${i}` } });
  }
}, 30_000);
afterAll(async () => {
  await h?.close();
  await server?.close();
});

describe('the cost of one failing DNS name', () => {
  it('is DNS_TRIES × (DNS_RETRIES + 1) packets when other lookups answer, times the dns attempts when none does', async () => {
    const resolver = createResolver({ servers: [server.address], timeoutMs: 100, tries: TRIES, maxInFlight: 50, retries: RETRIES, retryBaseMs: 5, cacheMaxEntries: 2000, defaultTtlSeconds: 300 });
    const asn = createAsnLookup('embedded', { resolver });
    const agents: AgentSet = {
      search: async (p: ProspectInput) => ({ candidates: [{ domain: p.name, sources: ['list-website'], score: 1, evidence: [] }], socialPages: [], ispMailDomains: [], queries: [], searchError: null }),
      dns: (domain, signal) => {
        // One job's signal is shared by all its lookups, as agents.factory.ts does.
        if (signal) setMaxListeners(1000, signal);
        return runDnsAgent(domain, { resolver, asn }, {}, signal);
      },
      // Verified: only the prospect's own domain gets its DNS analysed.
      verify: async (_p, domain) => ({ domain, verdict: 'verified', fetch: { requestedUrl: `https://${domain}/`, finalUrl: null, status: null, chain: [], headers: {}, tls: null, remoteAddress: null, errorKind: null, error: null, truncated: false }, page: null, landingDomain: null, parked: { parked: false, reasons: [] }, authenticity: null, technologies: [] }) as VerifyResult,
      classify: () => ({ presence: 'none', domain: null, emailProvider: null, emailGateway: null, webHost: null, dnsProvider: null, isp: null, ecommercePlatform: null, cms: null, voipProvider: null, confidence: {}, evidence: {}, unknownReasons: {}, evidenceItems: {}, unknownCodes: {}, cataloged: {}, score: 0, tier: 'C', reasons: [], spend: { monthlyUsd: 0, factors: [] } }) as ClassifyResult,
      close: async () => resolver.close(),
    };
    h.startWorkers(agents);
    const scan = await startScan(h.prisma, h.queues, 'dnsbound');
    await h.waitForScan(scan.scanId, 60_000);

    const perRun = TRIES * (RETRIES + 1);
    const partial = server.count(FAILING, 'A');
    const dead = server.count(DEAD, 'A');
    console.info(`one failing name: ${partial} packets among answering names (bound ${perRun}); ${dead} when nothing answers (bound ${perRun * JOB_CATALOG.dns.retry.attempts}); before: ${TRIES * (RETRIES + 1) * 4}`);
    expect(partial).toBe(perRun);
    expect(dead).toBe(perRun * JOB_CATALOG.dns.retry.attempts);
    const runs = await h.prisma.stageRun.findMany({ where: { scanId: scan.scanId, stage: 'dns' }, orderBy: { subject: 'asc' } });
    expect(runs.map((r) => [r.subject, r.attempts])).toEqual([[DNS_FIXTURE_DOMAIN, 1], [DEAD, JOB_CATALOG.dns.retry.attempts]]);
    await agents.close();
  }, 90_000);
});
