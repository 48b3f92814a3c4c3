// Everything the campaign report shows, read once: the statistics of the latest scan,
// competitor customers per tier, and the best leads with their reasons.
import type { PrismaClient } from '@prospector/core';
import type { CampaignStats } from '@prospector/agents';
import { latestScan } from '@prospector/core';
import { getCampaignStats } from '../stats/stats.service.ts';
import { campaignPlaybook, loadChangeSignals } from '../history/change-priority.ts';
import { campaignRows } from '../scan/campaign-rows.ts';
import { loadChangeSummary, type ChangeSummary } from './report.changes.ts';

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
  /** What changed into the latest done scan; null before a scan has anything to compare. */
  changes: ChangeSummary | null;
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
  const topLeads = options.topLeads ?? 25;
  const top = new TopLeads(topLeads);
  const signals = await loadChangeSignals(prisma, scan?.id ?? null, campaignPlaybook(campaign));
  // Leads a change signal lifts (left a competitor, joined a poor-service one) compete
  // with the best by priority: the score plus their boost.
  const lifted: { prospectId: number; lead: ReportLead }[] = [];
  // Read through campaignRows so the reps' corrections count here as in every other output.
  for await (const { prospect: p, finding: f } of campaignRows(prisma, campaignName)) {
    if (!f) continue;
    if (f.isp && competitors.has(f.isp)) {
      const key = `${f.tier}\u0000${f.isp}`;
      const entry = tiers.get(key) ?? { tier: f.tier, competitor: f.isp, count: 0 };
      entry.count += 1;
      tiers.set(key, entry);
    }
    const entry = { prospectId: p.id, lead: {
      name: p.name,
      city: p.city,
      region: p.region,
      domain: f.domain,
      tier: f.tier,
      score: f.score,
      isp: f.isp,
      emailProvider: f.emailProvider,
      webHost: f.webHost,
      reasons: [...(signals.get(p.id)?.reasons ?? []), ...(Array.isArray(f.reasons) ? f.reasons.filter((r): r is string => typeof r === 'string') : [])],
    } };
    top.offer(entry);
    if (signals.has(p.id)) lifted.push(entry);
  }
  const priority = (e: { prospectId: number; lead: ReportLead }) => e.lead.score + (signals.get(e.prospectId)?.boost ?? 0);
  const leads = [...new Map([...top.entries(), ...lifted].map((e) => [e.prospectId, e])).values()]
    .sort((a, b) => priority(b) - priority(a) || a.lead.tier.localeCompare(b.lead.tier) || a.prospectId - b.prospectId)
    .slice(0, topLeads)
    .map((e) => e.lead);
  return {
    campaign: campaign.name,
    scan: scan ? { number: scan.number, status: scan.status, startedAt: scan.startedAt, finishedAt: scan.finishedAt } : null,
    stats,
    competitorTiers: [...tiers.values()].sort((a, b) => a.tier.localeCompare(b.tier) || b.count - a.count || a.competitor.localeCompare(b.competitor)),
    leads,
    changes: scan?.status === 'done' ? await loadChangeSummary(prisma, scan.id) : null,
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

  entries(): { prospectId: number; lead: ReportLead }[] {
    return [...this.kept];
  }
}

function compareLeads(a: { prospectId: number; lead: ReportLead }, b: { prospectId: number; lead: ReportLead }): number {
  return a.lead.tier.localeCompare(b.lead.tier) || b.lead.score - a.lead.score || a.prospectId - b.prospectId;
}
