// Change signals in lead priority: a business that just left a competitor, or just moved
// to one known for poor service, is worth a call today. The playbook names both; the
// boost is added to the score to give the priority exports and reports order by, and
// the reason says what moved and between which scans.
import { loadPlaybook, parsePlaybook, type Playbook } from '@prospector/agents';
import type { PrismaClient } from '@prospector/core';

export const LEFT_COMPETITOR_POINTS = 15;
export const JOINED_POOR_SERVICE_POINTS = 10;

export interface ChangeSignal {
  boost: number;
  reasons: string[];
}

export interface IspChange {
  from: string;
  to: string;
  fromScan: number;
  toScan: number;
  /** The campaign of the earlier scan when it is another list's of the same business. */
  fromCampaign?: string | undefined;
}

/** Null when the move concerns no competitor of the playbook (nothing to rank on). */
export function rankIspChange(change: IspChange, playbook: Pick<Playbook, 'competitors'>): ChangeSignal | null {
  const left = playbook.competitors.find((c) => c.slug === change.from);
  const joined = playbook.competitors.find((c) => c.slug === change.to);
  const joinedPoor = joined?.quality === 'poor';
  if (!left && !joinedPoor) return null;
  const between = change.fromCampaign
    ? `between scan #${change.fromScan} of ${change.fromCampaign} (an earlier list) and scan #${change.toScan}`
    : `between scans #${change.fromScan} and #${change.toScan}`;
  const toName = joined?.name ?? change.to;
  const poor = joinedPoor ? ` (a competitor with poor service)` : '';
  const reason = left ? `left ${left.name} for ${toName}${poor} ${between}` : `joined ${toName}${poor}, from ${change.from}, ${between}`;
  return { boost: (left ? LEFT_COMPETITOR_POINTS : 0) + (joinedPoor ? JOINED_POOR_SERVICE_POINTS : 0), reasons: [reason] };
}

/** Signals of the ISP moves a scan claimed (flapping ones excluded), by prospect id. */
export async function loadChangeSignals(prisma: PrismaClient, scanId: number | null, playbook: Pick<Playbook, 'competitors'>): Promise<Map<number, ChangeSignal>> {
  const signals = new Map<number, ChangeSignal>();
  if (scanId === null) return signals;
  const events = await prisma.changeEvent.findMany({ where: { toScanId: scanId, field: 'isp', kind: 'changed', flapping: false } });
  // History carries over across lists of one business: an earlier scan may be another campaign's.
  const fromScans = await prisma.scan.findMany({ where: { id: { in: [...new Set(events.map((e) => e.fromScanId))] } }, select: { id: true, campaignId: true, campaign: { select: { name: true } } } });
  const fromScan = new Map(fromScans.map((s) => [s.id, s]));
  for (const e of events) {
    if (!e.fromValue || !e.toValue) continue;
    const from = fromScan.get(e.fromScanId);
    const fromCampaign = from && from.campaignId !== e.campaignId ? from.campaign.name : undefined;
    const signal = rankIspChange({ from: e.fromValue, to: e.toValue, fromScan: e.fromScanNumber, toScan: e.toScanNumber, fromCampaign }, playbook);
    if (signal) signals.set(e.prospectId, signal);
  }
  return signals;
}

/** The campaign's own playbook, or the bundled default. */
export function campaignPlaybook(campaign: { playbook: unknown }): Playbook {
  return campaign.playbook ? parsePlaybook(campaign.playbook, 'campaign playbook') : loadPlaybook();
}
