// `prospector route`: routes what a campaign's completed scans have not routed yet, then
// prints where every lead of the campaign went and why, as decided when it was routed.
import type { PrismaClient } from '@prospector/core';
import { CampaignNotFoundError } from '@prospector/core';
import { rerouteUnassigned, routeScan } from './routing.service.ts';

export interface RoutedLead {
  leadId: number | null;
  externalId: string;
  name: string;
  status: string;
  team: string | null;
  rule: string | null;
  explanation: string;
}

export async function routeCampaign(prisma: PrismaClient, campaign: string): Promise<{ lines: RoutedLead[]; text: string }> {
  const c = await prisma.campaign.findUnique({ where: { name: campaign }, include: { scans: { where: { status: 'done' }, orderBy: { number: 'asc' } } } });
  if (!c) throw new CampaignNotFoundError(campaign);
  let routedNow = 0;
  for (const scan of c.scans) routedNow += (await routeScan(prisma, scan.id)).lines.length;
  routedNow += (await rerouteUnassigned(prisma)).length;
  const leads = await prisma.lead.findMany({ where: { campaignId: c.id }, include: { prospect: true }, orderBy: { id: 'asc' } });
  const teams = new Map((await prisma.team.findMany()).map((t) => [t.id, t.name]));
  const exclusions = await prisma.leadExclusion.findMany({ where: { campaignId: c.id }, orderBy: { id: 'asc' } });
  const prospects = new Map((await prisma.prospect.findMany({ where: { id: { in: exclusions.map((e) => e.prospectId) } } })).map((p) => [p.id, p]));
  const lines: RoutedLead[] = [
    ...leads.map((l) => ({ leadId: l.id, externalId: l.prospect.externalId, name: l.prospect.name, status: l.status, team: l.teamId === null ? null : (teams.get(l.teamId) ?? null), rule: l.routeRule, explanation: l.routeReason })),
    ...exclusions.map((e) => ({ leadId: null, externalId: prospects.get(e.prospectId)?.externalId ?? '?', name: prospects.get(e.prospectId)?.name ?? '?', status: e.cause, team: null, rule: null, explanation: e.reason })),
  ];
  const perTeam = new Map<string, number>();
  for (const l of lines) {
    const key = l.leadId === null ? `not a lead (${l.status})` : (l.team ?? 'unassigned');
    perTeam.set(key, (perTeam.get(key) ?? 0) + 1);
  }
  const head = `${campaign}: ${leads.length} leads (${routedNow} routed now), ${exclusions.length} kept out; ${c.scans.length ? '' : 'no completed scan yet; '}per queue: ${[...perTeam].map(([k, n]) => `${k} ${n}`).join(', ')}`;
  const text = [head, ...lines.map((l) => `${l.leadId === null ? '  -' : `#${l.leadId}`} ${l.externalId} ${l.name}: ${l.explanation}`)].join('\n');
  return { lines, text };
}
