import type { PrismaClient } from '@prospector/core';
import type { AnswerField, Presence } from '@prospector/agents';
import { computeCampaignStats, type CampaignStats, type FindingRow } from '@prospector/agents/stats/campaign-stats.ts';
import { loadPlaybook, parsePlaybook } from '@prospector/agents/playbook/playbook.ts';
import { latestScan } from '../scan/scan.service.ts';

/** Statistics of a campaign's latest scan; competitors come from its playbook. */
export async function getCampaignStats(prisma: PrismaClient, campaignName: string): Promise<CampaignStats> {
  const { campaign, scan } = await latestScan(prisma, campaignName);
  const playbook = campaign.playbook ? parsePlaybook(campaign.playbook, 'campaign playbook') : loadPlaybook();
  const rows: FindingRow[] = [];
  let cursor = 0;
  for (;;) {
    const page = await prisma.prospect.findMany({
      where: { campaignId: campaign.id, id: { gt: cursor } },
      orderBy: { id: 'asc' },
      take: 2000,
      select: { id: true, region: true, findings: { where: { scanId: scan?.id ?? -1 } } },
    });
    if (page.length === 0) break;
    for (const p of page) {
      const f = p.findings[0];
      const evidence = (f?.evidence ?? {}) as { unknownReasons?: Partial<Record<AnswerField, string>> };
      rows.push({
        campaign: campaign.name,
        region: p.region,
        presence: (f?.presence ?? 'none') as Presence,
        emailProvider: f?.emailProvider ?? null,
        emailGateway: f?.emailGateway ?? null,
        webHost: f?.webHost ?? null,
        dnsProvider: f?.dnsProvider ?? null,
        isp: f?.isp ?? null,
        ecommercePlatform: f?.ecommercePlatform ?? null,
        tier: (f?.tier ?? null) as FindingRow['tier'],
        unknownReasons: f ? evidence.unknownReasons ?? {} : { presence: 'not scanned yet' },
      });
    }
    cursor = page[page.length - 1]!.id;
  }
  return computeCampaignStats(rows, { competitors: playbook.competitors.map((c) => c.slug) });
}
