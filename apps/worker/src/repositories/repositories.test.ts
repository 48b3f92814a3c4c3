// The repositories write raw SQL: check, through the ORM's reading of the same rows, that
// every column lands with the right type and value, and that running a write twice leaves
// the same rows (the at-least-once contract of the queues).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHotSql, createPrisma, type HotSql, type PrismaClient } from '@prospector/core';
import type { ClassifyResult, DnsResult, SearchResult, VerifyResult } from '@prospector/agents';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/test-db.ts';
import { loadClassifyInputs } from './classify-input.repository.ts';
import { saveDnsEvidence, saveFinding, saveSearchEvidence, saveVerifyEvidence } from './evidence.repository.ts';
import { loadProspectInput } from './prospect.repository.ts';
import { recordStageDone, recordStageFailed, saveAgentResult } from './stage.repository.ts';

let db: TestDatabase;
let prisma: PrismaClient;
let sql: HotSql;
let scope: { scanId: number; prospectId: number };

beforeAll(async () => {
  db = await createTestDatabase('worker_repos');
  prisma = createPrisma({ databaseUrl: db.url });
  sql = createHotSql({ databaseUrl: db.url, poolMax: 2 });
  const campaign = await prisma.campaign.create({ data: { name: 'c', playbook: { tiers: ['A'] } } });
  const prospect = await prisma.prospect.create({
    data: { campaignId: campaign.id, externalId: 'x1', name: 'Acme', nameKey: 'acme', postalCode: '12345', employees: 7, revenue: 1.5, website: null },
  });
  const scan = await prisma.scan.create({ data: { campaignId: campaign.id, number: 1, total: 1 } });
  scope = { scanId: scan.id, prospectId: prospect.id };
});
afterAll(async () => {
  await prisma?.$disconnect();
  await sql?.close();
  await db?.drop();
});

const search: SearchResult = {
  candidates: [
    { domain: 'acme.com', sources: ['list-website'], score: 0.9, evidence: [] },
    { domain: 'acme.net', sources: ['name-derived'], score: 0.25, evidence: [] },
  ],
  socialPages: [],
  ispMailDomains: [],
  queries: ['acme'],
  searchError: null,
};

function verify(overrides: Partial<VerifyResult['fetch']>, verdict: VerifyResult['verdict']): VerifyResult {
  return {
    domain: 'acme.com',
    fetch: { requestedUrl: 'https://acme.com/', finalUrl: 'https://www.acme.com/', status: 200, chain: [], headers: { server: 'x' }, tls: null, remoteAddress: null, errorKind: null, error: null, truncated: false, ...overrides },
    page: null,
    landingDomain: null,
    parked: { parked: false, reasons: [] },
    authenticity: verdict === 'verified' ? { score: 0.8, reasons: ['name', 'city'] } as unknown as VerifyResult['authenticity'] : null,
    technologies: ['wordpress'],
    verdict,
  };
}

it('loads the prospect and the playbook with their types', async () => {
  const p = await loadProspectInput(sql, scope.prospectId);
  expect(p).toMatchObject({ id: scope.prospectId, name: 'Acme', postalCode: '12345', employees: 7, revenue: 1.5, website: null });
  const { input, playbook } = await loadClassifyInputs(sql, scope);
  // Through JSON in one round trip, the same values and types as the column-by-column read.
  expect(input.prospect).toEqual(p);
  expect(playbook).toEqual({ tiers: ['A'] });
  await expect(loadProspectInput(sql, 999_999)).rejects.toThrow('does not exist');
  await expect(loadClassifyInputs(sql, { ...scope, prospectId: 999_999 })).rejects.toThrow('prospect 999999 does not exist');
  await expect(loadClassifyInputs(sql, { ...scope, scanId: 999_999 })).rejects.toThrow('scan 999999 does not exist');
});

it('saves candidates and the search result once, however often it runs', async () => {
  for (let i = 0; i < 2; i++) await saveSearchEvidence(sql, scope, search, ['acme.com']);
  const rows = await prisma.candidate.findMany({ where: scope, orderBy: { domain: 'asc' } });
  expect(rows.map((r) => [r.domain, r.status, r.score, r.sources])).toEqual([
    ['acme.com', 'pending', 0.9, ['list-website']],
    ['acme.net', 'not-selected', 0.25, ['name-derived']],
  ]);
  expect(await prisma.agentResult.count({ where: scope })).toBe(1);
});

it('writes the observation, the verdict and the result in one go, and a re-run replaces them', async () => {
  await saveVerifyEvidence(sql, scope, verify({ tls: { trusted: true } as unknown as VerifyResult['fetch']['tls'] }, 'verified'));
  let obs = await prisma.httpObservation.findFirstOrThrow({ where: scope });
  expect(obs).toMatchObject({ status: 200, headers: { server: 'x' }, tls: { trusted: true }, technologies: ['wordpress'], error: null });
  let cand = await prisma.candidate.findFirstOrThrow({ where: { ...scope, domain: 'acme.com' } });
  expect(cand).toMatchObject({ status: 'verified', authenticity: 0.8, reason: 'name; city' });

  await saveVerifyEvidence(sql, scope, verify({ status: null, error: 'refused', errorKind: 'refused' }, 'unreachable'));
  obs = await prisma.httpObservation.findFirstOrThrow({ where: scope });
  // No TLS this time: the earlier description stays, as the ORM's upsert left it.
  expect(obs).toMatchObject({ status: null, tls: { trusted: true }, error: 'refused', errorKind: 'refused' });
  cand = await prisma.candidate.findFirstOrThrow({ where: { ...scope, domain: 'acme.com' } });
  expect(cand).toMatchObject({ status: 'unreachable', authenticity: null, reason: 'refused' });
  expect(await prisma.httpObservation.count({ where: scope })).toBe(1);

  const { input } = await loadClassifyInputs(sql, scope);
  expect(input.search).toEqual(search);
  expect(input.verify).toHaveLength(1);
  expect(input.verify[0]!.verdict).toBe('unreachable');
});

it('records stage outcomes keyed on (scan, prospect, stage, subject), in UTC', async () => {
  const key = { ...scope, stage: 'dns', subject: 'acme.com' };
  await recordStageFailed(prisma, key, 1, 'x'.repeat(3000), 'timeout');
  let run = await prisma.stageRun.findFirstOrThrow({ where: scope });
  expect(run).toMatchObject({ status: 'failed', attempts: 1, errorKind: 'timeout' });
  expect(run.error).toHaveLength(2000);
  const failed = (await loadClassifyInputs(sql, scope)).input.failures;
  expect(failed).toEqual([{ stage: 'dns', subject: 'acme.com', error: `timeout: ${'x'.repeat(2000)}` }]);
  await recordStageDone(prisma, key, 2);
  expect((await loadClassifyInputs(sql, scope)).input.failures).toEqual([]);
  run = await prisma.stageRun.findFirstOrThrow({ where: scope });
  expect(run).toMatchObject({ status: 'done', attempts: 2, error: null, errorKind: null });
  expect(Math.abs(run.finishedAt.getTime() - Date.now())).toBeLessThan(60_000);
  expect(await prisma.stageRun.count({ where: scope })).toBe(1);

  await saveAgentResult(prisma, { ...key, agent: 'dns' }, { a: 1 });
  await saveAgentResult(prisma, { ...key, agent: 'dns' }, { a: 2 });
  const results = await prisma.agentResult.findMany({ where: { ...scope, agent: 'dns' } });
  expect(results.map((r) => r.result)).toEqual([{ a: 2 }]);
});

function dnsResult(domain: string, txtRecords: number): DnsResult {
  const txt = Array.from({ length: txtRecords }, (_, i) => ({ name: domain, type: 'TXT' as const, value: `v=${i}`, ttl: 300 }));
  return {
    domain,
    lookups: [
      { name: domain, type: 'MX', outcome: 'ok', records: [{ name: domain, type: 'MX', value: 'mx.example.net', priority: 10 }] },
      { name: domain, type: 'TXT', outcome: 'ok', records: txt },
    ],
    apex: { a: ['127.0.0.9'], aaaa: [] }, www: null, mx: [], ns: [], soa: null, txt: [], spf: null, dmarc: null,
    verificationTokens: [], srv: [], hosts: [], failures: [],
    addresses: [{ ip: '127.0.0.9', roles: [{ hostname: domain, role: 'apex' }, { hostname: `www.${domain}`, role: 'www' }], ptr: null, asn: { asn: 64500, prefix: '127.0.0.0/8', owner: 'X', country: 'US', source: 'embedded' } }],
  } as DnsResult;
}

it('saves a zone, its result and the stage success in one go, once however often it runs', async () => {
  const key = { ...scope, stage: 'dns', subject: 'zone.com' };
  for (let i = 0; i < 2; i++) await saveDnsEvidence(sql, scope, dnsResult('zone.com', 2), { key, attempts: i + 1 });
  const records = await prisma.dnsRecord.findMany({ where: { ...scope, domain: 'zone.com' }, orderBy: { value: 'asc' } });
  expect(records.map((r) => [r.type, r.value, r.ttl])).toEqual([['MX', '10 mx.example.net', null], ['TXT', 'v=0', 300], ['TXT', 'v=1', 300]]);
  const addresses = await prisma.address.findMany({ where: { ...scope, domain: 'zone.com' }, orderBy: { role: 'asc' } });
  expect(addresses.map((a) => [a.role, a.hostname, a.asn, a.asnOwner, a.ptr])).toEqual([['apex', 'zone.com', 64500, 'X', null], ['www', 'www.zone.com', 64500, 'X', null]]);
  expect(await prisma.stageRun.findMany({ where: { ...scope, subject: 'zone.com' } })).toMatchObject([{ stage: 'dns', status: 'done', attempts: 2 }]);
  expect(await prisma.agentResult.count({ where: { ...scope, agent: 'dns', subject: 'zone.com' } })).toBe(1);

  // A zone larger than one statement's chunk still lands whole; without `done` no stage is recorded.
  await saveDnsEvidence(sql, scope, dnsResult('big.com', 2500));
  expect(await prisma.dnsRecord.count({ where: { ...scope, domain: 'big.com' } })).toBe(2501);
  expect(await prisma.stageRun.count({ where: { ...scope, subject: 'big.com' } })).toBe(0);
});

it('upserts the finding', async () => {
  const finding: ClassifyResult = {
    presence: 'website', domain: 'acme.com', emailProvider: 'google-workspace', emailGateway: null, webHost: 'wix', dnsProvider: null,
    isp: null, ecommercePlatform: null, cms: 'wix', voipProvider: null, confidence: { emailProvider: 0.9 }, evidence: { emailProvider: ['mx'] },
    evidenceItems: { emailProvider: [{ kind: 'mx', observed: 'aspmx.l.google.com', names: 'google-workspace' }] },
    unknownReasons: { isp: 'no evidence' }, unknownCodes: { isp: 'no-evidence' }, cataloged: { emailProvider: true, webHost: true, cms: true }, score: 71.6, tier: 'B', reasons: ['r'], spend: { monthlyUsd: 10 } as unknown as ClassifyResult['spend'],
  } as ClassifyResult;
  await prisma.candidate.create({ data: { ...scope, domain: 'acme.org', sources: ['name-derived'], score: 0.2, status: 'pending' } });
  await saveFinding(sql, scope, { ...finding, tier: 'C' });
  // Never fetched (an earlier candidate was confidently the site): said so, not left pending.
  expect(await prisma.candidate.findMany({ where: { ...scope, status: { in: ['pending', 'not-verified'] } }, select: { domain: true, status: true } })).toEqual([{ domain: 'acme.org', status: 'not-verified' }]);
  await saveFinding(sql, scope, finding, { key: { ...scope, stage: 'classify' }, attempts: 1 });
  expect(await prisma.stageRun.findMany({ where: { ...scope, stage: 'classify' } })).toMatchObject([{ subject: '', status: 'done' }]);
  const rows = await prisma.finding.findMany({ where: scope });
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ presence: 'website', emailProvider: 'google-workspace', score: 72, tier: 'B', reasons: ['r'], confidence: { emailProvider: 0.9 } });
  // Readable text per field, and the typed form beside it (issue 14).
  expect(rows[0]!.evidence).toEqual({
    emailProvider: ['mx'], unknownReasons: { isp: 'no evidence' }, spend: { monthlyUsd: 10 },
    typed: finding.evidenceItems, unknownCodes: { isp: 'no-evidence' }, cataloged: { emailProvider: true, webHost: true, cms: true },
  });
});
