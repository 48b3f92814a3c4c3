// The automatic push: for each CRM connected with --auto-push, the qualified leads of every
// campaign, only what changed since the CRM last accepted it. Run by the lead sweep of
// `prospector serve` (a BullMQ job scheduler), so a missed tick is caught up by the next;
// an unchanged lead plans nothing, so the sweep repeating adds no push.
import type { Queue } from 'bullmq';
import type { Logger } from '@prospector/core';
import { planCrmPush, type CrmPlanDeps } from './crm-push.planner.ts';
import type { CrmSchemaCache } from './crm-schema-cache.ts';

export async function autoPushQualifiedLeads(deps: CrmPlanDeps & { queue: Queue; logger: Logger; schemas: CrmSchemaCache }): Promise<string[]> {
  const connections = await deps.prisma.crmConnection.findMany({ where: { autoPush: true }, select: { crm: true } });
  if (connections.length === 0) return [];
  const qualified = await deps.prisma.lead.groupBy({ by: ['campaignId'], where: { status: 'qualified' } });
  const campaigns = await deps.prisma.campaign.findMany({ where: { id: { in: qualified.map((q) => q.campaignId) } }, select: { name: true } });
  const pushes: string[] = [];
  for (const { crm } of connections) {
    for (const { name } of campaigns) {
      try {
        const plan = await planCrmPush(deps, { crm, campaign: name, onlyChanged: true, leadStatuses: ['qualified'], trigger: 'auto' });
        if (plan.pushId) pushes.push(plan.pushId);
      } catch (error) {
        // One CRM or campaign failing (the CRM down, a mapping gone stale) must not stop the others; the next sweep retries.
        deps.logger.warn({ crm, campaign: name, err: (error as Error).message }, 'automatic CRM push not planned');
      }
    }
  }
  return pushes;
}
