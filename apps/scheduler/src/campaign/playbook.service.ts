import type { Prisma, PrismaClient } from '@prospector/core';
import { loadPlaybook } from '@prospector/agents';

/** Validates a playbook file and makes it the campaign's; later scans classify with it. */
export async function setCampaignPlaybook(prisma: PrismaClient, campaignName: string, file: string): Promise<string> {
  const playbook = loadPlaybook(file);
  const updated = await prisma.campaign.updateMany({ where: { name: campaignName }, data: { playbook: playbook as unknown as Prisma.InputJsonValue } });
  if (updated.count === 0) throw new Error(`campaign "${campaignName}" does not exist (import a list into it first)`);
  return `playbook ${file} set for campaign ${campaignName} (${playbook.competitors.length} competitors)`;
}
