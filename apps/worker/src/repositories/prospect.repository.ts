import type { PrismaClient } from '@prospector/core';
import type { ProspectInput } from '@prospector/agents';
import { PermanentError } from '@prospector/agents';

export async function loadProspectInput(prisma: PrismaClient, prospectId: number): Promise<ProspectInput> {
  const p = await prisma.prospect.findUnique({ where: { id: prospectId } });
  if (!p) throw new PermanentError(`prospect ${prospectId} does not exist`, 'missing-prospect');
  return {
    id: p.id,
    name: p.name,
    address: p.address,
    city: p.city,
    region: p.region,
    postalCode: p.postalCode,
    phone: p.phone,
    website: p.website,
    websiteDomain: p.websiteDomain,
    emailDomain: p.emailDomain,
    employees: p.employees,
    revenue: p.revenue,
    industryCode: p.industryCode,
  };
}

export async function loadCampaignPlaybook(prisma: PrismaClient, scanId: number): Promise<unknown> {
  const scan = await prisma.scan.findUnique({ where: { id: scanId }, include: { campaign: { select: { playbook: true } } } });
  if (!scan) throw new PermanentError(`scan ${scanId} does not exist`, 'missing-scan');
  return scan.campaign.playbook;
}
