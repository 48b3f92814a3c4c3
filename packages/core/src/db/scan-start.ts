// Starting a scan: one row per run of a campaign, then one flow per prospect. A campaign
// has at most one running scan: a second `start` (or a second scheduler started at the
// same moment) joins it instead of creating a duplicate, and re-adding its flows is
// harmless because job ids are deterministic.
import { prospectFlow } from '../queues/pipeline.ts';
import type { QueueSet } from '../queues/queues.ts';
import type { PrismaClient } from './prisma.ts';

export interface StartScanResult {
  scanId: number;
  number: number;
  total: number;
  joinedExisting: boolean;
}

const FANOUT_BATCH = 500;

export async function startScan(prisma: PrismaClient, queues: QueueSet, campaignName: string): Promise<StartScanResult> {
  const campaign = await prisma.campaign.findUnique({ where: { name: campaignName } });
  if (!campaign) throw new Error(`campaign "${campaignName}" does not exist (import a list into it first)`);
  const scan = await prisma.$transaction(async (tx) => {
    // Serialises scan creation per campaign across processes.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7270, ${campaign.id})`;
    const running = await tx.scan.findFirst({ where: { campaignId: campaign.id, status: 'running' }, orderBy: { number: 'desc' } });
    if (running) return { row: running, joined: true };
    const last = await tx.scan.findFirst({ where: { campaignId: campaign.id }, orderBy: { number: 'desc' } });
    const total = await tx.prospect.count({ where: { campaignId: campaign.id } });
    const row = await tx.scan.create({ data: { campaignId: campaign.id, number: (last?.number ?? 0) + 1, total } });
    return { row, joined: false };
  });
  await fanOut(prisma, queues, campaign.id, scan.row.id);
  if (scan.row.total === 0) {
    await prisma.scan.update({ where: { id: scan.row.id }, data: { status: 'done', finishedAt: new Date() } });
  }
  return { scanId: scan.row.id, number: scan.row.number, total: scan.row.total, joinedExisting: scan.joined };
}

async function fanOut(prisma: PrismaClient, queues: QueueSet, campaignId: number, scanId: number): Promise<void> {
  let cursor = 0;
  for (;;) {
    const batch = await prisma.prospect.findMany({
      where: { campaignId, id: { gt: cursor } },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: FANOUT_BATCH,
    });
    if (batch.length === 0) return;
    await queues.flows.addBulk(batch.map((p) => prospectFlow({ scanId, prospectId: p.id })));
    cursor = batch[batch.length - 1]!.id;
  }
}

/** The API answers it with 404; the CLI prints its message. */
export class CampaignNotFoundError extends Error {
  override readonly name = 'CampaignNotFoundError';
  constructor(readonly campaign: string) {
    super(`campaign "${campaign}" does not exist`);
  }
}

export async function requireCampaign(prisma: PrismaClient, campaignName: string) {
  const campaign = await prisma.campaign.findUnique({ where: { name: campaignName } });
  if (!campaign) throw new CampaignNotFoundError(campaignName);
  return campaign;
}

export async function latestScan(prisma: PrismaClient, campaignName: string) {
  const campaign = await requireCampaign(prisma, campaignName);
  const scan = await prisma.scan.findFirst({ where: { campaignId: campaign.id }, orderBy: { number: 'desc' } });
  return { campaign, scan };
}
