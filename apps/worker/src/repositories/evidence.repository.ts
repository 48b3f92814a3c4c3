// Raw evidence rows (records, addresses, HTTP observations) for history queries, next to
// the agent's whole typed result. Inserts skip rows that exist, so a re-run adds nothing
// and no transaction is needed: each stage's evidence, typed result and success go in one
// write (one statement, all or nothing, maybe shared with other jobs' writes: see
// batched-sql.ts in core), and the rare extra writes (huge zones) come first.
// Raw SQL throughout: Prisma's query planning and JSON serialization were the largest
// share of a worker's CPU (measured with --cpu-prof).
import { Prisma, type HotSql } from '@prospector/core';
import type { ClassifyResult, DnsResult, SearchResult, VerifyResult } from '@prospector/agents';
import { agentResultUpsertSql, stageDonePart, type StageDone } from './stage.repository.ts';

export interface Scope {
  scanId: number;
  prospectId: number;
}

const CHUNK = 1000;

/** Candidates, the typed result and the stage's success when `done` is given, in one statement (more only past CHUNK candidates). */
export async function saveSearchEvidence(sql: HotSql, scope: Scope, result: SearchResult, selected: string[], done?: StageDone): Promise<void> {
  const rows = result.candidates.map((c) => ({ ...c, status: selected.includes(c.domain) ? 'pending' : 'not-selected' }));
  let i = 0;
  for (; rows.length - i > CHUNK; i += CHUNK) await sql.write([insertCandidatesSql(scope, rows.slice(i, i + CHUNK))]);
  await sql.write([insertCandidatesSql(scope, rows.slice(i)), agentResultUpsertSql({ ...scope, agent: 'search' }, result), ...stageDonePart(done)]);
}

function insertCandidatesSql(scope: Scope, chunk: (SearchResult['candidates'][number] & { status: string })[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "Candidate" ("scanId", "prospectId", domain, sources, score, status)
    SELECT ${scope.scanId}, ${scope.prospectId}, c.domain, c.sources::jsonb, c.score, c.status
    FROM unnest(
      ${chunk.map((c) => c.domain)}::text[], ${chunk.map((c) => JSON.stringify(c.sources))}::text[], ${chunk.map((c) => c.score)}::float8[],
      ${chunk.map((c) => c.status)}::text[]
    ) AS c(domain, sources, score, status)
    ON CONFLICT DO NOTHING`;
}

type RecordRow = { name: string; type: string; value: string; ttl: number | null };
type AddressRow = { info: DnsResult['addresses'][number]; role: DnsResult['addresses'][number]['roles'][number] };

/**
 * Records, addresses, the typed result (and the stage's success when `done` is given) in
 * one statement: one round trip, all or nothing. Raw multi-row inserts from arrays: the
 * ORM would plan a new query for every new row count (measured with --cpu-prof). Only
 * zones larger than CHUNK rows take more statements, written first.
 */
export async function saveDnsEvidence(sql: HotSql, scope: Scope, result: DnsResult, done?: StageDone): Promise<void> {
  const records: RecordRow[] = result.lookups.flatMap((l) =>
    l.records.map((r) => ({
      name: r.name,
      type: r.type,
      value: r.priority !== undefined ? `${r.priority} ${r.value}${r.port !== undefined ? ` ${r.port}` : ''}` : r.value,
      ttl: r.ttl ?? null,
    })),
  );
  const addresses: AddressRow[] = result.addresses.flatMap((a) => a.roles.map((role) => ({ info: a, role })));
  const dnsScope = { ...scope, domain: result.domain };
  let r = 0;
  let a = 0;
  for (; records.length - r > CHUNK; r += CHUNK) await sql.write([insertRecordsSql(dnsScope, records.slice(r, r + CHUNK))]);
  for (; addresses.length - a > CHUNK; a += CHUNK) await sql.write([insertAddressesSql(dnsScope, addresses.slice(a, a + CHUNK))]);
  await sql.write([
    insertRecordsSql(dnsScope, records.slice(r)),
    insertAddressesSql(dnsScope, addresses.slice(a)),
    agentResultUpsertSql({ ...scope, agent: 'dns', subject: result.domain }, result),
    ...stageDonePart(done),
  ]);
}

function insertRecordsSql(s: Scope & { domain: string }, chunk: RecordRow[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "DnsRecord" ("scanId", "prospectId", domain, name, type, value, ttl)
    SELECT ${s.scanId}, ${s.prospectId}, ${s.domain}, r.name, r.type, r.value, r.ttl
    FROM unnest(${chunk.map((r) => r.name)}::text[], ${chunk.map((r) => r.type)}::text[], ${chunk.map((r) => r.value)}::text[], ${chunk.map((r) => r.ttl)}::int[])
      AS r(name, type, value, ttl)
    ON CONFLICT DO NOTHING`;
}

function insertAddressesSql(s: Scope & { domain: string }, chunk: AddressRow[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "Address" ("scanId", "prospectId", domain, ip, hostname, role, asn, "asnPrefix", "asnOwner", country, ptr)
    SELECT ${s.scanId}, ${s.prospectId}, ${s.domain}, a.ip, a.hostname, a.role, a.asn, a.prefix, a.owner, a.country, a.ptr
    FROM unnest(
      ${chunk.map((a) => a.info.ip)}::text[], ${chunk.map((a) => a.role.hostname)}::text[], ${chunk.map((a) => a.role.role)}::text[],
      ${chunk.map((a) => a.info.asn?.asn ?? null)}::int[], ${chunk.map((a) => a.info.asn?.prefix ?? null)}::text[],
      ${chunk.map((a) => a.info.asn?.owner ?? null)}::text[], ${chunk.map((a) => a.info.asn?.country ?? null)}::text[],
      ${chunk.map((a) => a.info.ptr)}::text[]
    ) AS a(ip, hostname, role, asn, prefix, owner, country, ptr)
    ON CONFLICT DO NOTHING`;
}

/**
 * One statement (so one round trip, and all or nothing): the HTTP observation, the
 * candidate's verdict, the typed result and the stage's success when `done` is given. A missing TLS description keeps the one a
 * previous attempt recorded.
 */
export async function saveVerifyEvidence(sql: HotSql, scope: Scope, result: VerifyResult, done?: StageDone): Promise<void> {
  const f = result.fetch;
  const { scanId, prospectId } = scope;
  const reason = result.authenticity?.reasons.join('; ').slice(0, 1000) ?? f.error;
  await sql.write([
    Prisma.sql`
      INSERT INTO "HttpObservation" ("scanId", "prospectId", domain, url, "finalUrl", status, chain, headers, tls, title, generator, technologies, error, "errorKind")
      VALUES (${scanId}, ${prospectId}, ${result.domain}, ${f.requestedUrl}, ${f.finalUrl}, ${f.status}::int, ${JSON.stringify(f.chain)}::jsonb,
              ${JSON.stringify(f.headers)}::jsonb, ${f.tls === null ? null : JSON.stringify(f.tls)}::jsonb, ${result.page?.title ?? null},
              ${result.page?.metaGenerator ?? null}, ${JSON.stringify(result.technologies)}::jsonb, ${f.error}, ${f.errorKind})
      ON CONFLICT ("scanId", "prospectId", domain) DO UPDATE SET
        url = EXCLUDED.url, "finalUrl" = EXCLUDED."finalUrl", status = EXCLUDED.status, chain = EXCLUDED.chain,
        headers = EXCLUDED.headers, tls = COALESCE(EXCLUDED.tls, "HttpObservation".tls), title = EXCLUDED.title,
        generator = EXCLUDED.generator, technologies = EXCLUDED.technologies, error = EXCLUDED.error, "errorKind" = EXCLUDED."errorKind"`,
    agentResultUpsertSql({ ...scope, agent: 'verify', subject: result.domain }, result),
    ...stageDonePart(done),
    Prisma.sql`
      UPDATE "Candidate" SET status = ${result.verdict}, authenticity = ${result.authenticity?.score ?? null}::float8,
        "landingDomain" = ${result.landingDomain}, reason = ${reason}
      WHERE "scanId" = ${scanId} AND "prospectId" = ${prospectId} AND domain = ${result.domain}`,
  ]);
}

/** The finding, candidates left unverified marked so, and the stage's success when `done` is given, in one statement. */
export async function saveFinding(sql: HotSql, scope: Scope, result: ClassifyResult, done?: StageDone): Promise<void> {
  const r = result;
  // Readable text per field at the top level (what reports and reps read), the typed form
  // beside it: evidence items, unknown codes and which answers are catalog slugs.
  const evidence = {
    ...r.evidence, unknownReasons: r.unknownReasons, spend: r.spend,
    typed: r.evidenceItems, unknownCodes: r.unknownCodes, cataloged: r.cataloged,
  };
  await sql.write([
    Prisma.sql`
    INSERT INTO "Finding" ("scanId", "prospectId", presence, domain, "emailProvider", "emailGateway", "webHost", "dnsProvider", isp,
                           "ecommercePlatform", cms, "voipProvider", score, tier, reasons, confidence, evidence, "classifiedAt")
    VALUES (${scope.scanId}, ${scope.prospectId}, ${r.presence}, ${r.domain}, ${r.emailProvider}, ${r.emailGateway}, ${r.webHost},
            ${r.dnsProvider}, ${r.isp}, ${r.ecommercePlatform}, ${r.cms}, ${r.voipProvider}, ${Math.round(r.score)}::int, ${r.tier},
            ${JSON.stringify(r.reasons)}::jsonb, ${JSON.stringify(r.confidence)}::jsonb, ${JSON.stringify(evidence)}::jsonb, now() AT TIME ZONE 'UTC')
    ON CONFLICT ("scanId", "prospectId") DO UPDATE SET
      presence = EXCLUDED.presence, domain = EXCLUDED.domain, "emailProvider" = EXCLUDED."emailProvider",
      "emailGateway" = EXCLUDED."emailGateway", "webHost" = EXCLUDED."webHost", "dnsProvider" = EXCLUDED."dnsProvider",
      isp = EXCLUDED.isp, "ecommercePlatform" = EXCLUDED."ecommercePlatform", cms = EXCLUDED.cms,
      "voipProvider" = EXCLUDED."voipProvider", score = EXCLUDED.score, tier = EXCLUDED.tier, reasons = EXCLUDED.reasons,
      confidence = EXCLUDED.confidence, evidence = EXCLUDED.evidence, "classifiedAt" = EXCLUDED."classifiedAt"`,
    // Verified one at a time, best first: the ones after a confident site were never fetched (a
    // failed verify's candidate is pending too; its StageRun says why).
    Prisma.sql`
      UPDATE "Candidate" SET status = 'not-verified'
      WHERE "scanId" = ${scope.scanId} AND "prospectId" = ${scope.prospectId} AND status = 'pending'`,
    ...stageDonePart(done),
  ]);
}
