// The queue plumbing alone, with in-memory agents: order of stages, fan-out per
// candidate domain, DNS only for the verified one, fan-in at classify, failures recorded,
// and re-runs adding nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransientError, type ClassifyInput, type ClassifyResult, type DnsResult, type ProspectInput, type VerifyResult } from '@prospector/agents';
import type { AgentSet } from '@prospector/worker';
import { startScan } from '@prospector/scheduler';
import { createHarness, type Harness } from './helpers/pipeline-harness.ts';

let h: Harness;
const calls: string[] = [];

function dnsResult(domain: string): DnsResult {
  return { domain, lookups: [{ name: domain, type: 'A', outcome: 'ok', records: [{ name: domain, type: 'A', value: '192.0.2.1', ttl: 60 }] }], apex: { a: ['192.0.2.1'], aaaa: [] }, www: null, mx: [], ns: [], soa: null, txt: [], spf: null, dmarc: null, verificationTokens: [], srv: [], hosts: [], addresses: [{ ip: '192.0.2.1', roles: [{ hostname: domain, role: 'apex' }], ptr: null, asn: null }], failures: [] };
}

const agents: AgentSet = {
  async search(p: ProspectInput) {
    calls.push(`search:${p.id}`);
    const slug = p.name.toLowerCase().replace(/[^a-z]/g, '');
    const candidates = p.name.startsWith('None') ? [] : [`${slug}.com`, `${slug}.net`].map((domain, i) => ({ domain, sources: ['name-derived' as const], score: 0.5 - i / 10, evidence: [] }));
    return { candidates, socialPages: [], ispMailDomains: [], queries: [], searchError: null };
  },
  async dns(domain: string) {
    calls.push(`dns:${domain}`);
    if (domain.startsWith('flaky')) throw new TransientError('SERVFAIL from every server', 'servfail');
    return dnsResult(domain);
  },
  async verify(_p: ProspectInput, domain: string): Promise<VerifyResult> {
    calls.push(`verify:${domain}`);
    const ok = domain.endsWith('.com');
    return { domain, fetch: { requestedUrl: `https://${domain}/`, finalUrl: `https://${domain}/`, status: 200, chain: [], headers: {}, tls: null, remoteAddress: null, errorKind: null, error: null, truncated: false }, page: null, landingDomain: null, parked: { parked: false, reasons: [] }, authenticity: null, technologies: [], verdict: ok ? 'verified' : 'rejected' };
  },
  classify(input: ClassifyInput): ClassifyResult {
    calls.push(`classify:${input.prospect.id}`);
    const verified = input.verify.find((v) => v.verdict === 'verified');
    return { presence: verified ? 'website' : 'none', domain: verified?.domain ?? null, emailProvider: null, emailGateway: null, webHost: null, dnsProvider: null, isp: null, ecommercePlatform: null, cms: null, voipProvider: null, confidence: {}, evidence: { domain: input.dns.map((d) => d.domain) }, evidenceItems: {}, unknownReasons: {}, unknownCodes: {}, cataloged: {}, score: 10 * input.dns.length + input.failures.length, tier: 'C', reasons: input.failures.map((f) => `${f.stage} failed for ${f.subject}`), spend: { monthlyUsd: 0, factors: [] } };
  },
  async close() {},
};

beforeAll(async () => {
  h = await createHarness('plumbing', { attempts: 2, backoffMs: 20 });
  const campaign = await h.prisma.campaign.create({ data: { name: 'plumbing' } });
  const names = ['Acme Tools', 'Bolt Bakery', 'None Such', 'Flaky Florist'];
  for (const [i, name] of names.entries()) {
    await h.prisma.prospect.create({ data: { campaignId: campaign.id, externalId: String(i + 1), name, nameKey: name.toLowerCase(), postalCode: '4300' + i } });
  }
});
afterAll(async () => h?.close());

describe('pipeline plumbing', () => {
  it('runs search → verify → dns (of the verified domain) → classify per prospect and records one finding each', async () => {
    h.startWorkers(agents);
    const scan = await startScan(h.prisma, h.queues, 'plumbing');
    expect(scan.total).toBe(4);
    await h.waitForScan(scan.scanId);

    const findings = await h.prisma.finding.findMany({ where: { scanId: scan.scanId }, include: { prospect: true } });
    expect(findings).toHaveLength(4);
    const byName = new Map(findings.map((f) => [f.prospect.name, f]));
    expect(byName.get('Acme Tools')).toMatchObject({ presence: 'website', domain: 'acmetools.com' });
    expect(byName.get('None Such')).toMatchObject({ presence: 'none', domain: null });

    // The verified domain ran dns after its verify, the rejected one none, and classify ran after all of them.
    const acme = calls.filter((c) => c.includes('acmetools') || c === `classify:${byName.get('Acme Tools')!.prospectId}`);
    expect(acme.indexOf('verify:acmetools.com')).toBeLessThan(acme.indexOf('dns:acmetools.com'));
    expect(acme).toContain('verify:acmetools.net');
    expect(acme).not.toContain('dns:acmetools.net');
    expect(acme.at(-1)).toMatch(/^classify:/);

    // The failing DNS of the verified domain is recorded with its kind, and classification
    // ran with the failure in hand.
    const failed = await h.prisma.stageRun.findMany({ where: { scanId: scan.scanId, status: 'failed' } });
    expect(failed.map((f) => [f.stage, f.subject, f.errorKind]).sort()).toEqual([
      ['dns', 'flakyflorist.com', 'servfail'],
    ]);
    expect((byName.get('Flaky Florist')!.reasons as string[]).length).toBe(1);
    // Raw evidence rows, once each: 2 DNS results succeeded (acme and bolt, their verified .com).
    expect(await h.prisma.dnsRecord.count({ where: { scanId: scan.scanId } })).toBe(2);
    expect(await h.prisma.address.findFirst({ where: { scanId: scan.scanId, domain: 'acmetools.com' } })).toMatchObject({ ip: '192.0.2.1', role: 'apex', hostname: 'acmetools.com' });
    const stages = await h.prisma.stageRun.groupBy({ by: ['stage'], where: { scanId: scan.scanId }, _count: { _all: true } });
    expect(Object.fromEntries(stages.map((s) => [s.stage, s._count._all]))).toEqual({ search: 4, dns: 3, verify: 6, classify: 4 });
  });

  it('adds nothing when the same scan is fanned out again', async () => {
    const before = calls.length;
    const scan = await h.prisma.scan.findFirstOrThrow();
    const again = await startScan(h.prisma, h.queues, 'plumbing');
    // The first scan is done, so this is scan #2 with its own findings; scan #1 keeps its rows.
    expect(again.number).toBe(2);
    await h.waitForScan(again.scanId);
    expect(await h.prisma.finding.count({ where: { scanId: scan.id } })).toBe(4);
    expect(await h.prisma.finding.count({ where: { scanId: again.scanId } })).toBe(4);
    expect(calls.length - before).toBeGreaterThan(0);

    // Re-adding the flows of a running or finished scan with the same ids creates no jobs.
    const { prospectFlow } = await import('@prospector/core');
    const p = await h.prisma.prospect.findFirstOrThrow();
    const countsBefore = await h.queues.queues.search.getJobCountByTypes('completed', 'waiting', 'active', 'failed');
    await h.queues.flows.add(prospectFlow({ scanId: again.scanId, prospectId: p.id }));
    const countsAfter = await h.queues.queues.search.getJobCountByTypes('completed', 'waiting', 'active', 'failed');
    expect(countsAfter).toBe(countsBefore);
  });
});
