// Catalog proposals: when reps correct the same provider answer to the same provider for
// domains that share an evidence pattern (an MX suffix, name servers, a CNAME target, an AS),
// the catalog is probably missing that fingerprint. Proposed, never applied by themselves:
// ops accept one, and it is stored as an override the worker hands to the classifier.
import { createHash } from 'node:crypto';
import type { CatalogOverride as OverrideRow, PrismaClient } from '@prospector/core';
import { evidencePatterns, type DnsResult, type OverrideEvidence, type ProviderField } from '@prospector/agents';
import { NONE, PROVIDER_FIELDS } from './correction.fields.ts';

/** One correction is a rep's opinion about one business; a pattern needs more before ops see it. */
export const MIN_SUPPORT = 3;

export interface CatalogProposal {
  /** Stable for the same field, evidence, pattern and provider. */
  id: string;
  field: ProviderField;
  evidence: OverrideEvidence;
  pattern: string;
  provider: string;
  /** Prospects whose correction names this provider for this pattern. */
  support: number;
  /** Prospects whose correction names another provider for the same pattern. */
  against: number;
  /** A few of the supporting corrections, for ops to read. */
  examples: { correctionId: number; prospectId: number; by: string; note: string | null }[];
  /** An override for the same field and pattern exists already (with this provider, or another). */
  accepted: { overrideId: number; provider: string } | null;
}

export class ProposalError extends Error {}

export function proposalId(field: string, evidence: string, pattern: string, provider: string): string {
  return createHash('sha256').update(`${field}\0${evidence}\0${pattern}\0${provider}`).digest('hex').slice(0, 10);
}

interface Supported {
  correctionId: number;
  prospectId: number;
  by: string;
  note: string | null;
}

/** The DNS evidence each corrected prospect's domain showed in the scan whose answer was corrected. */
async function dnsOfCorrected(prisma: PrismaClient, corrections: { prospectId: number; replacedScanId: number | null }[]): Promise<Map<number, DnsResult>> {
  const out = new Map<number, DnsResult>();
  const prospectIds = [...new Set(corrections.map((c) => c.prospectId))];
  if (prospectIds.length === 0) return out;
  const findings = await prisma.finding.findMany({ where: { prospectId: { in: prospectIds }, domain: { not: null } }, select: { scanId: true, prospectId: true, domain: true }, orderBy: { scanId: 'asc' } });
  const byProspect = new Map<number, { scanId: number; domain: string }[]>();
  for (const f of findings) byProspect.set(f.prospectId, [...(byProspect.get(f.prospectId) ?? []), { scanId: f.scanId, domain: f.domain! }]);
  const chosen = new Map<number, { scanId: number; domain: string }>();
  for (const c of corrections) {
    const list = byProspect.get(c.prospectId) ?? [];
    // The scan whose answer was corrected when known, else the latest with a domain.
    const f = list.find((x) => x.scanId === c.replacedScanId) ?? list.at(-1);
    if (f) chosen.set(c.prospectId, f);
  }
  if (chosen.size === 0) return out;
  const results = await prisma.agentResult.findMany({
    where: { agent: 'dns', OR: [...chosen.entries()].map(([prospectId, c]) => ({ prospectId, scanId: c.scanId, subject: c.domain })) },
    select: { prospectId: true, result: true },
  });
  for (const r of results) out.set(r.prospectId, r.result as unknown as DnsResult);
  return out;
}

/** Every proposal whose provider has at least `minSupport` supporting corrections and more than any rival. */
export async function listProposals(prisma: PrismaClient, options: { minSupport?: number } = {}): Promise<CatalogProposal[]> {
  const minSupport = options.minSupport ?? MIN_SUPPORT;
  const corrections = await prisma.correction.findMany({
    where: { field: { in: [...PROVIDER_FIELDS] }, status: 'active', value: { not: NONE } },
    orderBy: { id: 'asc' },
    select: { id: true, prospectId: true, field: true, value: true, correctedBy: true, note: true, replacedScanId: true },
  });
  const dns = await dnsOfCorrected(prisma, corrections);
  // field|evidence|pattern → provider → prospect → its correction (one vote per prospect).
  const groups = new Map<string, Map<string, Map<number, Supported>>>();
  for (const c of corrections) {
    const result = dns.get(c.prospectId);
    if (!result) continue;
    for (const p of evidencePatterns(result, c.field as ProviderField)) {
      const key = `${c.field}\0${p.evidence}\0${p.pattern}`;
      const byProvider = groups.get(key) ?? new Map<string, Map<number, Supported>>();
      const voters = byProvider.get(c.value) ?? new Map<number, Supported>();
      voters.set(c.prospectId, { correctionId: c.id, prospectId: c.prospectId, by: c.correctedBy, note: c.note });
      byProvider.set(c.value, voters);
      groups.set(key, byProvider);
    }
  }
  const overrides = await prisma.catalogOverride.findMany();
  const overrideOf = new Map(overrides.map((o) => [`${o.field}\0${o.evidence}\0${o.pattern}`, o]));
  const proposals: CatalogProposal[] = [];
  for (const [key, byProvider] of groups) {
    const [field, evidence, pattern] = key.split('\0') as [ProviderField, OverrideEvidence, string];
    const total = [...byProvider.values()].reduce((n, v) => n + v.size, 0);
    for (const [provider, voters] of byProvider) {
      const against = total - voters.size;
      if (voters.size < minSupport || voters.size <= against) continue;
      const existing = overrideOf.get(key);
      proposals.push({
        id: proposalId(field, evidence, pattern, provider), field, evidence, pattern, provider, support: voters.size, against,
        examples: [...voters.values()].slice(0, 3),
        accepted: existing ? { overrideId: existing.id, provider: existing.provider } : null,
      });
    }
  }
  return proposals.sort((a, b) => b.support - a.support || a.id.localeCompare(b.id));
}

/** Stores the proposal as an override (replacing an earlier override of the same field and pattern). */
export async function acceptProposal(prisma: PrismaClient, id: string, options: { by: string; minSupport?: number }): Promise<OverrideRow> {
  const proposal = (await listProposals(prisma, options.minSupport === undefined ? {} : { minSupport: options.minSupport })).find((p) => p.id === id);
  if (!proposal) throw new ProposalError(`no catalog proposal ${id} (see prospector catalog proposals); it may have lost support since it was listed`);
  const data = { provider: proposal.provider, support: proposal.support, acceptedBy: options.by };
  return prisma.catalogOverride.upsert({
    where: { field_evidence_pattern: { field: proposal.field, evidence: proposal.evidence, pattern: proposal.pattern } },
    create: { field: proposal.field, evidence: proposal.evidence, pattern: proposal.pattern, ...data },
    update: { ...data, createdAt: new Date() },
  });
}

const DESCRIBE: Record<OverrideEvidence, string> = { 'mx-suffix': 'MX under', 'ns-suffix': 'name servers under', 'cname-target': 'www CNAME to', asn: 'addresses in AS' };

export function formatProposals(proposals: readonly CatalogProposal[], minSupport: number): string {
  if (proposals.length === 0) return `no catalog proposals (a pattern needs at least ${minSupport} consistent corrections)`;
  const lines = proposals.map((p) => {
    const state = p.accepted ? (p.accepted.provider === p.provider ? `  [accepted as override ${p.accepted.overrideId}]` : `  [override ${p.accepted.overrideId} says ${p.accepted.provider}]`) : '';
    return `${p.id}  ${p.field}: ${DESCRIBE[p.evidence]} ${p.pattern} -> ${p.provider}  (${p.support} corrections${p.against ? `, ${p.against} against` : ''})${state}`;
  });
  return [...lines, `accept one with: prospector catalog proposals accept ID   (minimum support ${minSupport})`].join('\n');
}
