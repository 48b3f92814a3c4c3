// Labels for fitting the scoring weights, read from what scans and reps left behind: a rep's
// active domain correction says which domain is the prospect's (or that it has none); else a
// finding whose domain was verified with high confidence. Each labelled prospect's candidates
// in every scan become examples, with the signals the verify agent recorded.
import type { PrismaClient } from '@prospector/core';
import type { CandidateSource, VerifyResult } from '@prospector/agents';
import { authenticitySignals } from '@prospector/agents';
import type { CandidateExample, ProspectExamples } from '@prospector/agents';

/** A verified domain this sure counts as a label without a rep's word. */
export const CONFIDENT_DOMAIN = 0.9;

export interface LabelScope {
  /** Only these campaigns' prospects (default: all). */
  campaignIds?: number[];
  /** Only these prospects (a held-out split, a test). */
  prospectIds?: number[];
}

export async function loadLabels(prisma: PrismaClient, scope: LabelScope = {}): Promise<Map<number, string | null>> {
  const where = {
    ...(scope.campaignIds ? { campaignId: { in: scope.campaignIds } } : {}),
    ...(scope.prospectIds ? { prospectId: { in: scope.prospectIds } } : {}),
  };
  const labels = new Map<number, string | null>();
  const findings = await prisma.finding.findMany({
    where: { ...(scope.prospectIds ? { prospectId: { in: scope.prospectIds } } : {}), ...(scope.campaignIds ? { scan: { campaignId: { in: scope.campaignIds } } } : {}), domain: { not: null } },
    orderBy: { scanId: 'asc' },
    select: { prospectId: true, domain: true, confidence: true },
  });
  for (const f of findings) {
    const confidence = (f.confidence as Record<string, number> | null)?.domain ?? 0;
    if (f.domain && confidence >= CONFIDENT_DOMAIN) labels.set(f.prospectId, f.domain);
    else labels.delete(f.prospectId);
  }
  // A rep's word overrides what the scan was sure of.
  const corrections = await prisma.correction.findMany({ where: { ...where, field: 'domain', status: 'active' }, orderBy: { id: 'asc' } });
  for (const c of corrections) labels.set(c.prospectId, c.value === 'none' ? null : c.value);
  return labels;
}

export async function loadExamples(prisma: PrismaClient, labels: Map<number, string | null>): Promise<ProspectExamples[]> {
  const prospectIds = [...labels.keys()];
  const groups = new Map<string, ProspectExamples>();
  const PAGE = 500;
  for (let i = 0; i < prospectIds.length; i += PAGE) {
    const ids = prospectIds.slice(i, i + PAGE);
    const [candidates, results] = await Promise.all([
      prisma.candidate.findMany({ where: { prospectId: { in: ids } }, select: { scanId: true, prospectId: true, domain: true, sources: true, score: true } }),
      prisma.agentResult.findMany({ where: { prospectId: { in: ids }, agent: 'verify' }, select: { scanId: true, prospectId: true, subject: true, result: true } }),
    ]);
    const verifyOf = new Map(results.map((r) => [`${r.scanId}:${r.prospectId}:${r.subject}`, r.result as unknown as VerifyResult]));
    for (const c of candidates) {
      const key = `${c.scanId}:${c.prospectId}`;
      const verify = verifyOf.get(`${key}:${c.domain}`);
      const group = groups.get(key) ?? { key, label: labels.get(c.prospectId) ?? null, candidates: [] };
      group.candidates.push(toExample(c.domain, c.sources as CandidateSource[], c.score, verify));
      groups.set(key, group);
    }
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}

function toExample(domain: string, sources: CandidateSource[], score: number, verify: VerifyResult | undefined): CandidateExample {
  const landing = verify?.landingDomain ?? domain;
  const a = verify?.authenticity ?? null;
  return {
    domain: landing,
    sources,
    candidateScore: score,
    signals: a ? authenticitySignals(a, landing) : null,
    conflictPenalty: a?.conflictPenalty ?? false,
    // Absent in results stored before the flag; their conflicts still carry the penalty.
    hardConflict: a?.hardConflict ?? false,
    judged: verify?.verdict === 'verified' || verify?.verdict === 'rejected',
    verified: verify?.verdict === 'verified',
  };
}
