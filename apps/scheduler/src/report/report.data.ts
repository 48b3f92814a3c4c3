// Everything the campaign report shows, read once: the statistics of the latest scan,
// competitor customers per tier, and the best leads with their reasons.
import type { PrismaClient } from '@prospector/core';
import type { CampaignStats } from '@prospector/agents';
import { latestScan } from '../scan/scan.service.ts';
import { getCampaignStats } from '../stats/stats.service.ts';

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
  const findings = await prisma.finding.findMany({
    where: { scanId },
    // Tiers sort A < B < C < D as text, so the best tier comes first.
    orderBy: [{ tier: 'asc' }, { score: 'desc' }, { prospectId: 'asc' }],
    take: options.topLeads ?? 25,
    include: { prospect: { select: { name: true, city: true, region: true } } },
  });
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
      reasons: Array.isArray(f.reasons) ? f.reasons.filter((r): r is string => typeof r === 'string') : [],
    })),
    generatedAt: (options.now ?? (() => new Date()))(),
  };
}
