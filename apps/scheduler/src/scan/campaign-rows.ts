// Every prospect of a campaign with its finding in the latest scan (null when it has none
// yet), page by page, so exports, CRM layouts and statistics of a large campaign never
// hold it whole in memory. Findings come with the reps' corrections laid over them.
import type { Finding, PrismaClient, Prospect } from '@prospector/core';
import { latestScan } from '@prospector/core';
import { loadActiveCorrections, overlayCorrections, type CorrectedFinding } from '../corrections/correction.overlay.ts';

export interface CampaignRow {
  prospect: Prospect;
  finding: CorrectedFinding | null;
}

const PAGE = 1000;

export async function* campaignRows(prisma: PrismaClient, campaignName: string): AsyncGenerator<CampaignRow> {
  const { campaign, scan } = await latestScan(prisma, campaignName);
  let cursor = 0;
  for (;;) {
    const prospects = await prisma.prospect.findMany({
      where: { campaignId: campaign.id, id: { gt: cursor } },
      orderBy: { id: 'asc' },
      take: PAGE,
      include: { findings: { where: { scanId: scan?.id ?? -1 } } },
    });
    if (prospects.length === 0) return;
    const corrections = await loadActiveCorrections(prisma, prospects.map((p) => p.id));
    for (const { findings, ...prospect } of prospects) {
      const finding = findings[0];
      yield { prospect, finding: finding ? overlayCorrections(finding, corrections.get(prospect.id)) : null };
    }
    cursor = prospects[prospects.length - 1]!.id;
  }
}

/** The answers of a finding, null each when there is no finding. */
export function answersOf(f: Finding | null) {
  return {
    presence: f?.presence ?? null,
    domain: f?.domain ?? null,
    emailProvider: f?.emailProvider ?? null,
    emailGateway: f?.emailGateway ?? null,
    webHost: f?.webHost ?? null,
    dnsProvider: f?.dnsProvider ?? null,
    isp: f?.isp ?? null,
    ecommercePlatform: f?.ecommercePlatform ?? null,
    cms: f?.cms ?? null,
    voipProvider: f?.voipProvider ?? null,
    score: f?.score ?? null,
    tier: f?.tier ?? null,
  };
}
