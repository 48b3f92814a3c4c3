// Every prospect of a campaign with its finding in the latest scan (null when it has none
// yet), page by page, so exports, CRM layouts and statistics of a large campaign never
// hold it whole in memory.
import type { Finding, PrismaClient, Prospect } from '@prospector/core';
import { latestScan } from '@prospector/core';

export interface CampaignRow {
  prospect: Prospect;
  finding: Finding | null;
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
    for (const { findings, ...prospect } of prospects) yield { prospect, finding: findings[0] ?? null };
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
