// Raw evidence rows (records, addresses, HTTP observations) for history queries, next to
// the agent's whole typed result. Inserts skip rows that exist, so a re-run adds nothing
// and no transaction is needed: the typed result is written last, and a job that dies
// half-way simply writes the rest when it runs again.
import type { Prisma, PrismaClient } from '@prospector/core';
import type { ClassifyResult, DnsResult, SearchResult, VerifyResult } from '@prospector/agents';
import { saveAgentResult } from './stage.repository.ts';

interface Scope {
  scanId: number;
  prospectId: number;
}

const CHUNK = 1000;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export async function saveSearchEvidence(prisma: PrismaClient, scope: Scope, result: SearchResult, selected: string[]): Promise<void> {
  await prisma.candidate.createMany({
    data: result.candidates.map((c) => ({ ...scope, domain: c.domain, sources: c.sources, score: c.score, status: selected.includes(c.domain) ? 'pending' : 'not-selected' })),
    skipDuplicates: true,
  });
  await saveAgentResult(prisma, { ...scope, stage: 'search', agent: 'search' }, result);
}

export async function saveDnsEvidence(prisma: PrismaClient, scope: Scope, result: DnsResult): Promise<void> {
  const records = result.lookups.flatMap((l) =>
    l.records.map((r) => ({
      ...scope,
      domain: result.domain,
      name: r.name,
      type: r.type,
      value: r.priority !== undefined ? `${r.priority} ${r.value}${r.port !== undefined ? ` ${r.port}` : ''}` : r.value,
      ttl: r.ttl ?? null,
    })),
  );
  const addresses = result.addresses.flatMap((a) =>
    a.roles.map((role) => ({
      ...scope,
      domain: result.domain,
      ip: a.ip,
      hostname: role.hostname,
      role: role.role,
      asn: a.asn?.asn ?? null,
      asnPrefix: a.asn?.prefix ?? null,
      asnOwner: a.asn?.owner ?? null,
      country: a.asn?.country ?? null,
      ptr: a.ptr,
    })),
  );
  await insertChunked(records, (data) => prisma.dnsRecord.createMany({ data, skipDuplicates: true }));
  await insertChunked(addresses, (data) => prisma.address.createMany({ data, skipDuplicates: true }));
  await saveAgentResult(prisma, { ...scope, stage: 'dns', agent: 'dns', subject: result.domain }, result);
}

export async function saveVerifyEvidence(prisma: PrismaClient, scope: Scope, result: VerifyResult): Promise<void> {
  const f = result.fetch;
  const observation = {
    url: f.requestedUrl,
    finalUrl: f.finalUrl,
    status: f.status,
    chain: f.chain as unknown as Prisma.InputJsonValue,
    headers: f.headers as Prisma.InputJsonValue,
    tls: (f.tls ?? undefined) as Prisma.InputJsonValue | undefined,
    title: result.page?.title ?? null,
    generator: result.page?.metaGenerator ?? null,
    technologies: result.technologies,
    error: f.error,
    errorKind: f.errorKind,
  };
  await prisma.httpObservation.upsert({
      where: { scanId_prospectId_domain: { ...scope, domain: result.domain } },
      create: { ...scope, domain: result.domain, ...observation },
      update: observation,
    });
  await prisma.candidate.updateMany({
      where: { ...scope, domain: result.domain },
      data: {
        status: result.verdict,
        authenticity: result.authenticity?.score ?? null,
        landingDomain: result.landingDomain,
        reason: result.authenticity?.reasons.join('; ').slice(0, 1000) ?? result.fetch.error,
      },
    });
  await saveAgentResult(prisma, { ...scope, stage: 'verify', agent: 'verify', subject: result.domain }, result);
}

export interface ClassifyEvidence {
  search: SearchResult | null;
  dns: DnsResult[];
  verify: VerifyResult[];
}

export async function loadClassifyEvidence(prisma: PrismaClient, scope: Scope): Promise<ClassifyEvidence> {
  const rows = await prisma.agentResult.findMany({ where: scope, orderBy: { id: 'asc' } });
  const evidence: ClassifyEvidence = { search: null, dns: [], verify: [] };
  for (const row of rows) {
    if (row.agent === 'search') evidence.search = row.result as unknown as SearchResult;
    else if (row.agent === 'dns') evidence.dns.push(row.result as unknown as DnsResult);
    else if (row.agent === 'verify') evidence.verify.push(row.result as unknown as VerifyResult);
  }
  return evidence;
}

export async function saveFinding(prisma: PrismaClient, scope: Scope, result: ClassifyResult): Promise<void> {
  const fields = {
    presence: result.presence,
    domain: result.domain,
    emailProvider: result.emailProvider,
    emailGateway: result.emailGateway,
    webHost: result.webHost,
    dnsProvider: result.dnsProvider,
    isp: result.isp,
    ecommercePlatform: result.ecommercePlatform,
    cms: result.cms,
    voipProvider: result.voipProvider,
    score: Math.round(result.score),
    tier: result.tier,
    reasons: result.reasons,
    confidence: result.confidence as Prisma.InputJsonValue,
    evidence: { ...result.evidence, unknownReasons: result.unknownReasons, spend: result.spend } as unknown as Prisma.InputJsonValue,
    classifiedAt: new Date(),
  };
  await prisma.finding.upsert({
    where: { scanId_prospectId: scope },
    create: { ...scope, ...fields },
    update: fields,
  });
}

/** Marks the scan done once every prospect has a classify outcome; safe to call from many workers. */
export async function completeScanIfFinished(prisma: PrismaClient, scanId: number): Promise<boolean> {
  const updated = await prisma.$executeRaw`
    UPDATE "Scan" SET status = 'done', "finishedAt" = now()
    WHERE id = ${scanId} AND status = 'running'
      AND (SELECT count(*) FROM "StageRun" WHERE "scanId" = ${scanId} AND stage = 'classify') >= total`;
  return updated > 0;
}
