// The one place a correction meets a finding: every reader (exports, statistics, report,
// API) takes findings through `overlayCorrections`, so a correction shows at once
// everywhere and is marked as such.
import type { Correction, Finding, Prisma, PrismaClient } from '@prospector/core';
import { NONE, PROVIDER_FIELDS, type CorrectionField } from './correction.fields.ts';

/** A correction as it travels in a finding's evidence. */
export interface AppliedCorrection {
  id: number;
  field: string;
  value: string;
  replaced: string | null;
  by: string;
  at: string;
  note: string | null;
}

export interface CorrectedFinding extends Finding {
  /** The fields a correction overrides (empty when none does). */
  corrected: string[];
  /** "closed" when a correction says the business is gone; null otherwise. */
  businessStatus: string | null;
  /** The externalId of the prospect this one duplicates, from a correction. */
  duplicateOf: string | null;
}

type ActiveCorrection = Pick<Correction, 'id' | 'prospectId' | 'field' | 'value' | 'replacedValue' | 'correctedBy' | 'createdAt' | 'note'>;

/** Active corrections of these prospects, newest last, keyed by prospect. */
export async function loadActiveCorrections(prisma: PrismaClient, prospectIds: number[]): Promise<Map<number, ActiveCorrection[]>> {
  const byProspect = new Map<number, ActiveCorrection[]>();
  if (prospectIds.length === 0) return byProspect;
  const rows = await prisma.correction.findMany({ where: { prospectId: { in: prospectIds }, status: 'active' }, orderBy: { id: 'asc' } });
  for (const row of rows) byProspect.set(row.prospectId, [...(byProspect.get(row.prospectId) ?? []), row]);
  return byProspect;
}

/** The finding as readers see it. A prospect not scanned yet keeps no finding: there is nothing to overlay onto. */
export function overlayCorrections(finding: Finding, corrections: readonly ActiveCorrection[] = []): CorrectedFinding {
  const out: CorrectedFinding = { ...finding, corrected: [], businessStatus: null, duplicateOf: null };
  if (corrections.length === 0) return out;
  const applied: AppliedCorrection[] = [];
  const reasons = Array.isArray(finding.reasons) ? [...finding.reasons] : [];
  for (const c of corrections) {
    apply(out, c.field as CorrectionField, c.value, reasons, c.correctedBy);
    if (!out.corrected.includes(c.field)) out.corrected.push(c.field);
    applied.push({ id: c.id, field: c.field, value: c.value, replaced: c.replacedValue, by: c.correctedBy, at: c.createdAt.toISOString(), note: c.note });
  }
  const evidence = finding.evidence && typeof finding.evidence === 'object' && !Array.isArray(finding.evidence) ? finding.evidence : {};
  // AppliedCorrection holds only strings, numbers and nulls: JSON as stored.
  out.evidence = { ...evidence, corrections: applied as unknown as Prisma.JsonArray };
  out.reasons = reasons;
  return out;
}

function apply(out: CorrectedFinding, field: CorrectionField, value: string, reasons: unknown[], by: string): void {
  switch (field) {
    case 'domain':
      out.domain = value === NONE ? null : value;
      // A domain of its own is a website; "none" leaves a social page or nothing.
      if (value !== NONE) out.presence = 'website';
      else if (out.presence === 'website') out.presence = 'none';
      return;
    case 'presence':
      out.presence = value;
      if (value !== 'website') out.domain = null;
      return;
    case 'status':
      out.businessStatus = value === 'closed' ? 'closed' : null;
      if (value === 'closed') demote(out, reasons, `closed (correction by ${by})`);
      return;
    case 'duplicateOf':
      out.duplicateOf = value;
      demote(out, reasons, `duplicate of ${value} (correction by ${by})`);
      return;
    default:
      if ((PROVIDER_FIELDS as readonly string[]).includes(field)) out[field] = value === NONE ? null : value;
  }
}

/** A closed business or a duplicate is not a lead to work: it drops to the last tier. */
function demote(out: CorrectedFinding, reasons: unknown[], why: string): void {
  out.tier = 'D';
  reasons.unshift(why);
}

/** Overlays a page of findings in one query. */
export async function overlayFindings(prisma: PrismaClient, findings: Finding[]): Promise<CorrectedFinding[]> {
  const corrections = await loadActiveCorrections(prisma, [...new Set(findings.map((f) => f.prospectId))]);
  return findings.map((f) => overlayCorrections(f, corrections.get(f.prospectId)));
}
