import type { PrismaClient } from '@prospector/core';
import { type AnswerField, type Presence, computeCampaignStats, type CampaignStats, type FindingRow, loadPlaybook, parsePlaybook } from '@prospector/agents';
import { latestScan } from '@prospector/core';
import { answersOf, campaignRows } from '../scan/campaign-rows.ts';

/** Statistics of a campaign's latest scan; competitors come from its playbook. */
export async function getCampaignStats(prisma: PrismaClient, campaignName: string): Promise<CampaignStats> {
  const { campaign } = await latestScan(prisma, campaignName);
  const playbook = campaign.playbook ? parsePlaybook(campaign.playbook, 'campaign playbook') : loadPlaybook();
  const rows: FindingRow[] = [];
  for await (const { prospect: p, finding: f } of campaignRows(prisma, campaignName)) {
    const evidence = (f?.evidence ?? {}) as { unknownReasons?: Partial<Record<AnswerField, string>> };
    const answers = answersOf(f);
    rows.push({
      ...answers,
      campaign: campaign.name,
      region: p.region,
      presence: (answers.presence ?? 'none') as Presence,
      tier: answers.tier as FindingRow['tier'],
      unknownReasons: f ? evidence.unknownReasons ?? {} : { presence: 'not scanned yet' },
    });
  }
  return computeCampaignStats(rows, { competitors: playbook.competitors.map((c) => c.slug) });
}
