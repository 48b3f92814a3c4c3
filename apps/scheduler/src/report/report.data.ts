// Everything the campaign report shows, read once: the statistics of the latest scan,
// competitor customers per tier, and the best leads with their reasons.
import type { PrismaClient } from '@prospector/core';
import type { CampaignStats } from '@prospector/agents/stats/campaign-stats.types.ts';
import { latestScan } from '../scan/scan.service.ts';
import { getCampaignStats } from '../stats/stats.service.ts';
import { campaignRows } from '../scan/campaign-rows.ts';

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
  const competitors = new Set(Object.keys(stats.overall.competitorCustomers.byCompetitor));
  const tiers = new Map<string, { tier: string; competitor: string; count: number }>();
  const top = new TopLeads(options.topLeads ?? 25);
  // Read through campaignRows so the reps' corrections count here as in every other output.
  for await (const { prospect: p, finding: f } of campaignRows(prisma, campaignName)) {
    if (!f) continue;
    if (f.isp && competitors.has(f.isp)) {
      const key = `${f.tier}\u0000${f.isp}`;
      const entry = tiers.get(key) ?? { tier: f.tier, competitor: f.isp, count: 0 };
      entry.count += 1;
      tiers.set(key, entry);
    }
    top.offer({ prospectId: p.id, lead: {
      name: p.name,
      city: p.city,
      region: p.region,
      domain: f.domain,
      tier: f.tier,
      score: f.score,
      isp: f.isp,
      emailProvider: f.emailProvider,
      webHost: f.webHost,
      reasons: Array.isArray(f.reasons) ? f.reasons.filter((r): r is string => typeof r === 'string') : [],
    } });
  }
  return {
    campaign: campaign.name,
    scan: scan ? { number: scan.number, status: scan.status, startedAt: scan.startedAt, finishedAt: scan.finishedAt } : null,
    stats,
    competitorTiers: [...tiers.values()].sort((a, b) => a.tier.localeCompare(b.tier) || b.count - a.count || a.competitor.localeCompare(b.competitor)),
    leads: top.sorted(),
    generatedAt: (options.now ?? (() => new Date()))(),
  };
}

/** The best `size` leads seen so far: tier A < B < C < D, then higher score, then prospect id. */
class TopLeads {
  private readonly kept: { prospectId: number; lead: ReportLead }[] = [];
  constructor(private readonly size: number) {}

  offer(entry: { prospectId: number; lead: ReportLead }): void {
    if (this.size <= 0) return;
    const at = this.kept.findIndex((k) => compareLeads(entry, k) < 0);
    if (at === -1) {
      if (this.kept.length < this.size) this.kept.push(entry);
      return;
    }
    this.kept.splice(at, 0, entry);
    if (this.kept.length > this.size) this.kept.pop();
  }

  sorted(): ReportLead[] {
    return this.kept.map((k) => k.lead);
  }
}

function compareLeads(a: { prospectId: number; lead: ReportLead }, b: { prospectId: number; lead: ReportLead }): number {
  return a.lead.tier.localeCompare(b.lead.tier) || b.lead.score - a.lead.score || a.prospectId - b.prospectId;
}
