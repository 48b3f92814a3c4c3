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
      name: r.name,
      type: r.type,
      value: r.priority !== undefined ? `${r.priority} ${r.value}${r.port !== undefined ? ` ${r.port}` : ''}` : r.value,
      ttl: r.ttl ?? null,
    })),
  );
  const addresses = result.addresses.flatMap((a) => a.roles.map((role) => ({ info: a, role })));
  // Raw multi-row inserts from arrays: one statement per table whatever the row count,
  // where the ORM would plan a new query for every new row count (the hottest path of a
  // worker, measured with --cpu-prof).
  for (let i = 0; i < records.length; i += CHUNK) {
    const chunk = records.slice(i, i + CHUNK);
    await prisma.$executeRaw`
      INSERT INTO "DnsRecord" ("scanId", "prospectId", domain, name, type, value, ttl)
      SELECT ${scope.scanId}, ${scope.prospectId}, ${result.domain}, r.name, r.type, r.value, r.ttl
      FROM unnest(${chunk.map((r) => r.name)}::text[], ${chunk.map((r) => r.type)}::text[], ${chunk.map((r) => r.value)}::text[], ${chunk.map((r) => r.ttl)}::int[])
        AS r(name, type, value, ttl)
      ON CONFLICT DO NOTHING`;
  }
  for (let i = 0; i < addresses.length; i += CHUNK) {
    const chunk = addresses.slice(i, i + CHUNK);
    await prisma.$executeRaw`
      INSERT INTO "Address" ("scanId", "prospectId", domain, ip, hostname, role, asn, "asnPrefix", "asnOwner", country, ptr)
      SELECT ${scope.scanId}, ${scope.prospectId}, ${result.domain}, a.ip, a.hostname, a.role, a.asn, a.prefix, a.owner, a.country, a.ptr
      FROM unnest(
        ${chunk.map((a) => a.info.ip)}::text[], ${chunk.map((a) => a.role.hostname)}::text[], ${chunk.map((a) => a.role.role)}::text[],
        ${chunk.map((a) => a.info.asn?.asn ?? null)}::int[], ${chunk.map((a) => a.info.asn?.prefix ?? null)}::text[],
        ${chunk.map((a) => a.info.asn?.owner ?? null)}::text[], ${chunk.map((a) => a.info.asn?.country ?? null)}::text[],
        ${chunk.map((a) => a.info.ptr)}::text[]
      ) AS a(ip, hostname, role, asn, prefix, owner, country, ptr)
      ON CONFLICT DO NOTHING`;
  }
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
