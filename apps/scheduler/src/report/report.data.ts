// Everything the campaign report shows, read once: the statistics of the latest scan,
// competitor customers per tier, and the best leads with their reasons.
import type { PrismaClient } from '@prospector/core';
import type { CampaignStats } from '@prospector/agents';
import { latestScan } from '@prospector/core';
import { getCampaignStats } from '../stats/stats.service.ts';
import { campaignPlaybook, loadChangeSignals } from '../history/change-priority.ts';

export interface ReportLead {
  name: string;
  city: string | null;
  region: string | null;
  domain: string | null;
  tier: string;
  score: number;
  isp: string | null;
  emailProvider: string | null;
  webHost: string | null;
  reasons: string[];
}

export interface ReportData {
  campaign: string;
  scan: { number: number; status: string; startedAt: Date; finishedAt: Date | null } | null;
  stats: CampaignStats;
  /** Competitor customers (prospects whose ISP is a competitor) counted per tier and competitor. */
  competitorTiers: { tier: string; competitor: string; count: number }[];
  leads: ReportLead[];
  generatedAt: Date;
}

export interface LoadReportOptions {
  /** How many leads the report lists (tier A/B first, then by score). */
  topLeads?: number;
  now?: () => Date;
}

export async function loadReportData(prisma: PrismaClient, campaignName: string, options: LoadReportOptions = {}): Promise<ReportData> {
  const { campaign, scan } = await latestScan(prisma, campaignName);
  const stats = await getCampaignStats(prisma, campaignName);
  const scanId = scan?.id ?? -1;
  const competitors = Object.keys(stats.overall.competitorCustomers.byCompetitor);
  const grouped = competitors.length
    ? await prisma.finding.groupBy({ by: ['tier', 'isp'], where: { scanId, isp: { in: competitors } }, _count: { _all: true } })
    : [];
  const topLeads = options.topLeads ?? 25;
  const signals = await loadChangeSignals(prisma, scan?.id ?? null, campaignPlaybook(campaign));
  const best = await prisma.finding.findMany({
    where: { scanId },
    // Tiers sort A < B < C < D as text, so the best tier comes first.
    orderBy: [{ tier: 'asc' }, { score: 'desc' }, { prospectId: 'asc' }],
    take: topLeads,
    include: { prospect: { select: { name: true, city: true, region: true } } },
  });
  // Leads a change signal lifts (left a competitor, joined a poor-service one) compete
  // with the best by priority: the score plus their boost.
  const lifted = signals.size ? await prisma.finding.findMany({ where: { scanId, prospectId: { in: [...signals.keys()] } }, include: { prospect: { select: { name: true, city: true, region: true } } } }) : [];
  const priority = (f: { prospectId: number; score: number }) => f.score + (signals.get(f.prospectId)?.boost ?? 0);
  const findings = [...new Map([...best, ...lifted].map((f) => [f.prospectId, f])).values()]
    .sort((a, b) => priority(b) - priority(a) || a.tier.localeCompare(b.tier) || a.prospectId - b.prospectId)
    .slice(0, topLeads);
  return {
    campaign: campaign.name,
    scan: scan ? { number: scan.number, status: scan.status, startedAt: scan.startedAt, finishedAt: scan.finishedAt } : null,
    stats,
    competitorTiers: grouped
      .map((g) => ({ tier: g.tier, competitor: g.isp ?? '', count: g._count._all }))
      .sort((a, b) => a.tier.localeCompare(b.tier) || b.count - a.count || a.competitor.localeCompare(b.competitor)),
    leads: findings.map((f) => ({
      name: f.prospect.name,
      city: f.prospect.city,
      region: f.prospect.region,
      domain: f.domain,
      tier: f.tier,
      score: f.score,
      isp: f.isp,
      emailProvider: f.emailProvider,
      webHost: f.webHost,
      reasons: [...(signals.get(f.prospectId)?.reasons ?? []), ...(Array.isArray(f.reasons) ? f.reasons.filter((r): r is string => typeof r === 'string') : [])],
    })),
    generatedAt: (options.now ?? (() => new Date()))(),
  };
}
