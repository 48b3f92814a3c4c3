// Qualified leads that nobody touched for too long turn stale and go back to the
// teleprospecting team that qualified them, up to a cap per lead. Any activity (a note,
// a transition) resets the clock. Safe to run twice at once: a lead another sweep moved
// first is skipped.
import type { PrismaClient } from '@prospector/core';
import { SCHEDULER_ACTOR } from './lead-actor.ts';
import { actOnLead, LeadConflictError } from './lead.service.ts';
import { IllegalTransitionError } from './lead.states.ts';

export interface StaleSweepOptions {
  staleAfterMs: number;
  passBackCap: number;
  now?: Date;
}

export interface StaleSweepResult {
  stale: number;
  passedBack: number;
  /** Stale leads left stale because they reached the pass-back cap. */
  capped: number;
}

export async function sweepStaleLeads(prisma: PrismaClient, o: StaleSweepOptions): Promise<StaleSweepResult> {
  const now = o.now ?? new Date();
  const cutoff = new Date(now.getTime() - o.staleAfterMs);
  const due = await prisma.lead.findMany({ where: { status: 'qualified', lastActivityAt: { lt: cutoff } }, orderBy: { id: 'asc' }, select: { id: true, passBacks: true } });
  const result: StaleSweepResult = { stale: 0, passedBack: 0, capped: 0 };
  for (const lead of due) {
    try {
      await actOnLead(prisma, { leadId: lead.id, action: 'stale', actor: SCHEDULER_ACTOR, reason: `no activity for ${formatDuration(o.staleAfterMs)} while qualified`, passBackCap: o.passBackCap });
      result.stale += 1;
      if (lead.passBacks >= o.passBackCap) {
        await actOnLead(prisma, { leadId: lead.id, action: 'note', actor: SCHEDULER_ACTOR, reason: `not passed back: cap of ${o.passBackCap} pass-backs reached; a manager decides`, passBackCap: o.passBackCap });
        result.capped += 1;
        continue;
      }
      await actOnLead(prisma, { leadId: lead.id, action: 'pass-back', actor: SCHEDULER_ACTOR, reason: 'stale on the sales side', passBackCap: o.passBackCap });
      result.passedBack += 1;
    } catch (error) {
      if (error instanceof LeadConflictError || error instanceof IllegalTransitionError) continue; // moved by someone else meanwhile
      throw error;
    }
  }
  return result;
}

export function formatDuration(ms: number): string {
  const units: [number, string][] = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'min'], [1000, 's']];
  for (const [size, unit] of units) if (ms >= size && ms % size === 0) return `${ms / size} ${unit}`;
  return `${ms} ms`;
}
