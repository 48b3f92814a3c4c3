// The lead page's timeline: everything that happened to the business, in time order —
// the scans that saw it (of this list and of earlier lists of the same business), what
// changed between them, the provider periods they make up, the lead's moves and the reps'
// corrections. Read-only; each part comes from the table that keeps it.
import type { PrismaClient } from '@prospector/core';
import type { LeadHistoryItem } from './lead.queries.ts';

export type TimelineKind = 'scan' | 'change' | 'lead' | 'correction';

export interface TimelineItem {
  at: string;
  kind: TimelineKind;
  title: string;
  detail: string | null;
  /** A change that reverted at the next scan, or an unconfirmed one: shown muted. */
  muted?: boolean;
}

export interface TimelinePeriod {
  field: string;
  value: string;
  from: string;
  to: string | null;
  firstScan: string;
  lastScan: string;
}

export interface LeadTimeline {
  items: TimelineItem[];
  periods: TimelinePeriod[];
}

const KIND_WORDS: Record<string, string> = {
  changed: 'changed', unconfirmed: 'maybe changed (not confident)', 'not-seen': 'not seen this time', 'went-offline': 'website went offline',
  'came-back': 'website came back', 'score-moved': 'score moved',
};

export async function loadLeadTimeline(prisma: PrismaClient, prospectId: number, history: LeadHistoryItem[]): Promise<LeadTimeline> {
  const prospect = await prisma.prospect.findUniqueOrThrow({ where: { id: prospectId }, select: { businessId: true } });
  // The business's prospects: this list's and every earlier list's.
  const kin = prospect.businessId === null ? [prospectId] : (await prisma.prospect.findMany({ where: { businessId: prospect.businessId }, select: { id: true } })).map((p) => p.id);
  const [findings, changes, periods, corrections] = await Promise.all([
    prisma.finding.findMany({ where: { prospectId: { in: kin }, scan: { status: 'done' } }, select: { tier: true, score: true, prospectId: true, scan: { select: { id: true, number: true, startedAt: true, finishedAt: true, campaign: { select: { name: true } } } } } }),
    prisma.changeEvent.findMany({ where: { prospectId }, orderBy: { id: 'asc' } }),
    prisma.providerPeriod.findMany({ where: { prospectId }, orderBy: [{ field: 'asc' }, { validFrom: 'asc' }] }),
    prisma.correction.findMany({ where: { prospectId }, orderBy: { id: 'asc' } }),
  ]);
  const scanName = new Map<number, string>();
  const seen = new Set<number>();
  const items: TimelineItem[] = [];
  for (const f of findings) {
    const s = f.scan;
    scanName.set(s.id, `${s.campaign.name} #${s.number}`);
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    const other = f.prospectId !== prospectId ? ' (an earlier list of this business)' : '';
    items.push({ at: (s.finishedAt ?? s.startedAt).toISOString(), kind: 'scan', title: `Scan ${s.campaign.name} #${s.number}${other}`, detail: `tier ${f.tier}, score ${f.score}` });
  }
  const label = (id: number, n: number) => scanName.get(id) ?? `#${n}`;
  for (const c of changes) {
    const words = KIND_WORDS[c.kind] ?? c.kind;
    const moved = c.fromValue !== null || c.toValue !== null ? `${c.fromValue ?? 'unknown'} → ${c.toValue ?? 'unknown'}` : '';
    const confidence = c.confidence !== null ? `, confidence ${Math.round(c.confidence * 100)}%` : '';
    items.push({
      at: c.detectedAt.toISOString(),
      kind: 'change',
      // "website went offline", "score moved" name their field already.
      title: `${c.kind === 'changed' || c.kind === 'unconfirmed' || c.kind === 'not-seen' ? `${c.field} ` : ''}${words}${c.flapping ? ' (flapping: reverted)' : ''}`,
      detail: `${moved}${moved ? ' ' : ''}(${label(c.fromScanId, c.fromScanNumber)} → ${label(c.toScanId, c.toScanNumber)}${confidence})`,
      muted: c.flapping || c.kind === 'unconfirmed' || c.kind === 'not-seen',
    });
  }
  for (const e of history) {
    const who = e.team ? ` [${e.team}${e.rep ? `, ${e.rep}` : ''}]` : '';
    items.push({ at: e.at, kind: 'lead', title: `${e.action}${e.from !== e.to ? `: ${e.from ?? 'new'} → ${e.to ?? ''}` : ''} by ${e.actor}${who}`, detail: e.reason });
  }
  for (const c of corrections) {
    const superseded = c.status === 'superseded' ? ` — superseded${c.supersededValue ? ` by a scan that saw ${c.supersededValue}` : ''}` : '';
    items.push({ at: c.createdAt.toISOString(), kind: 'correction', title: `${c.field} corrected to ${c.value} by ${c.correctedBy}${superseded}`, detail: c.note });
  }
  items.sort((a, b) => a.at.localeCompare(b.at));
  return {
    items,
    periods: periods.map((p) => ({
      field: p.field,
      value: p.value,
      from: p.validFrom.toISOString(),
      to: p.validTo?.toISOString() ?? null,
      firstScan: label(p.firstScanId, p.firstScanNumber),
      lastScan: label(p.lastScanId, p.lastScanNumber),
    })),
  };
}
