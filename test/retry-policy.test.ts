// One test per retry decision of the job catalog and the stage runner, each counting how
// many times the stage really ran (agent calls per job) and what was recorded. The queues
// run with the catalog's own attempts (backoff shortened), in-memory agents whose
// behaviour each prospect's name selects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError, RateLimitedError, TransientError, type ClassifyInput, type ClassifyResult, type DnsLookup, type DnsResult, type ProspectInput, type VerifyResult } from '@prospector/agents';
import { JOB_CATALOG, jobOptionsFor } from '@prospector/core';
import type { AgentSet } from '@prospector/worker';
import { startScan } from '@prospector/scheduler';
import { createHarness, type Harness } from './helpers/pipeline-harness.ts';
import { waitFor } from './helpers/private-services.ts';

let h: Harness;
let scanId: number;
const runs = new Map<string, number>();
const count = (key: string) => runs.set(key, (runs.get(key) ?? 0) + 1);
let rateLimitedOnce = false;

function lookup(name: string, outcome: DnsLookup['outcome']): DnsLookup {
  return { name, type: 'A', outcome, records: outcome === 'ok' ? [{ name, type: 'A', value: '192.0.2.1', ttl: 60 }] : [] };
}

function dnsResult(domain: string, lookups: DnsLookup[]): DnsResult {
  const failures = lookups.filter((l) => l.outcome !== 'ok').map((l) => ({ name: l.name, type: l.type, outcome: l.outcome }));
  return { domain, lookups, apex: { a: [], aaaa: [] }, www: null, mx: [], ns: [], soa: null, txt: [], spf: null, dmarc: null, verificationTokens: [], srv: [], hosts: [], addresses: [], failures };
}

function verifyResult(domain: string, verdict: VerifyResult['verdict'], errorKind: string | null, landingDomain: string | null = null): VerifyResult {
  return {
    domain,
    fetch: { requestedUrl: `https://${domain}/`, finalUrl: landingDomain ? `https://${landingDomain}/` : `https://${domain}/`, status: errorKind ? null : 200, chain: [], headers: {}, tls: null, remoteAddress: null, errorKind, error: errorKind, truncated: false },
    page: null, landingDomain, parked: { parked: false, reasons: [] }, authenticity: null, technologies: [], verdict,
  } as VerifyResult;
}

// Each prospect's name is its scenario; its candidates are the domains below.
const CANDIDATES: Record<string, string[]> = {
  'Partial Lookups': ['partial.com'],
  'All Lookups Fail': ['allfail.com'],
  'Throws Transient': ['transient.com'],
  'Throws Permanent': ['permanent.com'],
  'Site Times Out': ['timeout.com'],
  'Site Blocked': ['blocked.com'],
  'Redirects Away': ['redirect.com'],
  'Redirects To Candidate': ['hop.com', 'hopdest.com'],
  'Rate Limited': ['ratelimited.com'],
  'Mail Domain Unreachable': ['mailonly.com'],
  'Someone Else Site': ['wrongsite.com'],
  'Confident First': ['sure.com', 'other.com'],
};
// The list's e-mail column names it: its DNS is read whatever its site shows.
const LIST_EMAIL = new Set(['mailonly.com']);

const agents: AgentSet = {
  async search(p: ProspectInput) {
    count(`search:${p.name}`);
    if (p.name === 'Rate Limited' && !rateLimitedOnce) {
      rateLimitedOnce = true;
      throw new RateLimitedError('429 from the search provider', 200);
    }
    const candidates = (CANDIDATES[p.name] ?? []).map((domain) => ({ domain, sources: [LIST_EMAIL.has(domain) ? ('list-email' as const) : ('name-derived' as const)], score: 0.5, evidence: [] }));
    return { candidates, socialPages: [], ispMailDomains: [], queries: [], searchError: null };
  },
  async dns(domain: string) {
    count(`dns:${domain}`);
    if (domain === 'transient.com') throw new TransientError('SERVFAIL from every server', 'servfail');
    if (domain === 'permanent.com') throw new PermanentError('not a domain name', 'invalid-name');
    if (domain === 'partial.com') return dnsResult(domain, [lookup(domain, 'ok'), lookup(`mail.${domain}`, 'timeout')]);
    if (domain === 'allfail.com') return dnsResult(domain, [lookup(domain, 'timeout'), lookup(`www.${domain}`, 'timeout')]);
    return dnsResult(domain, [lookup(domain, 'ok')]);
  },
  async verify(_p: ProspectInput, domain: string) {
    count(`verify:${domain}`);
    if (domain === 'timeout.com') return verifyResult(domain, 'unreachable', 'timeout');
    if (domain === 'blocked.com' || domain === 'mailonly.com') return verifyResult(domain, 'unreachable', 'blocked-address');
    if (domain === 'redirect.com') return verifyResult(domain, 'verified', null, 'landed.com');
    if (domain === 'hop.com') return verifyResult(domain, 'verified', null, 'hopdest.com');
    if (domain === 'sure.com') return { ...verifyResult(domain, 'verified', null), authenticity: { score: 1, nameSimilarity: 1, reasons: ['name matches'] } } as VerifyResult;
    // Verified: the dns scenarios' domains must prove the prospect's to get their DNS analysed.
    return verifyResult(domain, domain === 'wrongsite.com' ? 'rejected' : 'verified', null);
  },
  classify(input: ClassifyInput): ClassifyResult {
    count(`classify:${input.prospect.name}`);
    return { presence: 'none', domain: null, emailProvider: null, emailGateway: null, webHost: null, dnsProvider: null, isp: null, ecommercePlatform: null, cms: null, voipProvider: null, confidence: {}, evidence: { dnsDomains: input.dns.map((d) => d.domain).sort() }, unknownReasons: {}, evidenceItems: {}, unknownCodes: {}, cataloged: {}, score: 0, tier: 'C', reasons: [], spend: { monthlyUsd: 0, factors: [] } } as ClassifyResult;
  },
  async close() {},
};

const stageRun = (stage: string, subject: string) => h.prisma.stageRun.findFirstOrThrow({ where: { scanId, stage, subject } });

beforeAll(async () => {
  h = await createHarness('retry', { attempts: 'catalog', backoffMs: 10 });
  const campaign = await h.prisma.campaign.create({ data: { name: 'retry' } });
  for (const [i, name] of Object.keys(CANDIDATES).entries()) {
    await h.prisma.prospect.create({ data: { campaignId: campaign.id, externalId: String(i + 1), name, nameKey: name.toLowerCase(), postalCode: `4400${i}` } });
  }
  h.startWorkers(agents);
  scanId = (await startScan(h.prisma, h.queues, 'retry')).scanId;
  await h.waitForScan(scanId, 60_000);
}, 90_000);
afterAll(async () => h?.close());

describe('retry decisions (job catalog + stage runner)', () => {
  it('each queue runs on its catalog policy: search 4 attempts, dns, verify and classify 3', () => {
    expect(Object.fromEntries(Object.entries(JOB_CATALOG).map(([q, e]) => [q, e.retry.attempts]))).toEqual({ search: 4, dns: 3, verify: 3, classify: 3 });
    expect(jobOptionsFor('dns')).toMatchObject({ attempts: 3, backoff: { type: 'exponential', delay: 1000 } });
    expect(jobOptionsFor('dns', { attempts: 5 })).toMatchObject({ attempts: 5 });
  });

  it('dns with some lookups failed runs once and keeps the failures in its result', async () => {
    expect(runs.get('dns:partial.com')).toBe(1);
    expect(await stageRun('dns', 'partial.com')).toMatchObject({ status: 'done', attempts: 1 });
    const result = await h.prisma.agentResult.findFirstOrThrow({ where: { scanId, agent: 'dns', subject: 'partial.com' } });
    expect((result.result as unknown as DnsResult).failures).toEqual([{ name: 'mail.partial.com', type: 'A', outcome: 'timeout' }]);
  });

  it('dns with every lookup failed is retried until its attempts are spent, the last run recorded', async () => {
    expect(runs.get('dns:allfail.com')).toBe(JOB_CATALOG.dns.retry.attempts);
    expect(await stageRun('dns', 'allfail.com')).toMatchObject({ status: 'done', attempts: JOB_CATALOG.dns.retry.attempts });
  });

  it('a TransientError is retried until the attempts are spent, then recorded failed with its kind', async () => {
    expect(runs.get('dns:transient.com')).toBe(JOB_CATALOG.dns.retry.attempts);
    expect(await stageRun('dns', 'transient.com')).toMatchObject({ status: 'failed', attempts: 3, errorKind: 'servfail' });
  });

  it('a PermanentError runs once and is recorded failed with its kind', async () => {
    expect(runs.get('dns:permanent.com')).toBe(1);
    expect(await stageRun('dns', 'permanent.com')).toMatchObject({ status: 'failed', attempts: 1, errorKind: 'invalid-name' });
  });

  it('a site unreachable by timeout is retried; the last attempt records it unreachable', async () => {
    expect(runs.get('verify:timeout.com')).toBe(JOB_CATALOG.verify.retry.attempts);
    expect(await stageRun('verify', 'timeout.com')).toMatchObject({ status: 'done', attempts: 3 });
    expect(await h.prisma.candidate.findFirstOrThrow({ where: { scanId, domain: 'timeout.com' } })).toMatchObject({ status: 'unreachable' });
  });

  it('a site refused for a blocked address is final at once', async () => {
    expect(runs.get('verify:blocked.com')).toBe(1);
    expect(await stageRun('verify', 'blocked.com')).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('a rate-limited search waits without spending an attempt', async () => {
    expect(runs.get('search:Rate Limited')).toBe(2);
    expect(await h.prisma.stageRun.findFirstOrThrow({ where: { scanId, stage: 'search', prospect: { name: 'Rate Limited' } } })).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('a verified site that landed elsewhere gets one dns job for the landing domain, shared when two candidates land there', async () => {
    expect(runs.get('dns:landed.com')).toBe(1);
    expect(await stageRun('dns', 'landed.com')).toMatchObject({ status: 'done', attempts: 1 });
    // The redirecting domain's own DNS is not analysed: classify reads where the site landed.
    expect(runs.get('dns:redirect.com')).toBeUndefined();
    const redirected = await h.prisma.finding.findFirstOrThrow({ where: { scanId, prospect: { name: 'Redirects Away' } } });
    expect((redirected.evidence as { dnsDomains: string[] }).dnsDomains).toEqual(['landed.com']);
    // hop.com lands on hopdest.com, itself a verified candidate: one dns job between them.
    expect(runs.get('dns:hopdest.com')).toBe(1);
    expect(runs.get('dns:hop.com')).toBeUndefined();
  });

  it('a candidate verified at the highest authenticity is the last one fetched: the next is never verified', async () => {
    expect(runs.get('verify:sure.com')).toBe(1);
    expect(runs.get('verify:other.com')).toBeUndefined();
    expect(runs.get('dns:sure.com')).toBe(1);
    // Below it, every candidate is verified (hop.com's verdict had no authenticity score).
    expect(runs.get('verify:hopdest.com')).toBe(1);
  });

  it('a rejected candidate gets no DNS analysis; the list\'s mail domain gets it whatever its site showed', async () => {
    expect(runs.get('verify:wrongsite.com')).toBe(1);
    expect(runs.get('dns:wrongsite.com')).toBeUndefined();
    expect(runs.get('dns:mailonly.com')).toBe(1);
    const mail = await h.prisma.finding.findFirstOrThrow({ where: { scanId, prospect: { name: 'Mail Domain Unreachable' } } });
    expect((mail.evidence as { dnsDomains: string[] }).dnsDomains).toEqual(['mailonly.com']);
  });

  it('a malformed payload fails at once, is recorded as a failed stage, and never reaches the agent', async () => {
    const prospect = await h.prisma.prospect.findFirstOrThrow({ where: { name: 'Partial Lookups' } });
    const job = await h.queues.queues.dns.add('dns', { scanId, prospectId: prospect.id, domain: '' }, { jobId: 'malformed-dns' });
    await waitFor('the malformed job to fail', async () => (await job.getState()) === 'failed', 10_000, 20);
    const failed = await h.queues.queues.dns.getJob('malformed-dns');
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/^malformed dns payload: domain: /);
    expect(runs.get('dns:')).toBeUndefined();
    expect(await stageRun('dns', '')).toMatchObject({ status: 'failed', attempts: 1, errorKind: 'malformed-payload' });
  });
});
