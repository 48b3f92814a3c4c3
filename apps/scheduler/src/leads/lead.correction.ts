// A rep's correction from the lead page or the lead API, stored through the corrections
// service: the form's checks (correction.schema.ts) first, then the service's own (catalog
// slug of the right kind, duplicate target, …), so both entry points accept the same values
// as `prospector correct` and POST /api/prospects/:id/corrections.
import type { Catalog } from '@prospector/agents';
import type { Correction as StoredCorrection, PrismaClient } from '@prospector/core';
import { recordCorrections } from '../corrections/correction.service.ts';
import type { Correction } from './correction.schema.ts';
import type { LeadActor } from './lead-actor.ts';

export type LeadCorrectionOutcome = { stored: true; correction: StoredCorrection } | { stored: false; reason: string };

export async function storeLeadCorrection(prisma: PrismaClient, catalog: Catalog, leadId: number, correction: Correction, actor: LeadActor): Promise<LeadCorrectionOutcome> {
  // "Unknown" says the answer is wrong without the right one; a stored correction overrides
  // the finding with a value (or "none"), so there is nothing true to store.
  if (correction.unknown) return { stored: false, reason: 'not stored: a correction overrides the answer with the right value (or "none"); "unknown" gives none' };
  const lead = await prisma.lead.findUniqueOrThrow({ where: { id: leadId }, select: { prospectId: true } });
  const result = await recordCorrections(prisma, [{ prospect: { id: lead.prospectId }, field: correction.field, value: correction.value, note: correction.note || null, by: actor.label }], { catalog });
  const applied = result.applied[0];
  return applied ? { stored: true, correction: applied } : { stored: false, reason: result.rejected[0]?.reason ?? 'not stored' };
}

export function describeStoredCorrection(c: StoredCorrection): string {
  return `Correction stored: ${c.field} is now ${c.value} in exports, statistics, the report and the API, until a later scan confidently sees otherwise.`;
}
