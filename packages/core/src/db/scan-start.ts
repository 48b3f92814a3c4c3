// Starting a scan: one row per run of a campaign, then the first window of its prospects'
// flows (scan-admission.ts admits the rest as they finish). A campaign has at most one
// running scan: a second `start` (or a second scheduler started at the same moment) joins
// it instead of creating a duplicate: it adds again the flows of the prospects in flight
// (re-adding a flow is harmless, job ids are deterministic; one Redis lost is back) and
// tops the window up, never the whole campaign.
import type { QueueSet } from '../queues/queues.ts';
import type { PrismaClient } from './prisma.ts';
import { admitProspects, DEFAULT_SCAN_WINDOW, readmitInFlight, type ScanWindow } from './scan-admission.ts';

export interface StartScanResult {
  scanId: number;
  number: number;
  total: number;
  /** Prospects whose flows are in the queues so far (the rest wait for room in the window). */
  admitted: number;
  joinedExisting: boolean;
}

/** `window` applies to a scan this call creates; a joined scan keeps its own. */
export async function startScan(prisma: PrismaClient, queues: QueueSet, campaignName: string, window: ScanWindow = DEFAULT_SCAN_WINDOW): Promise<StartScanResult> {
  if (!(window.size >= 1 && window.chunk >= 1)) throw new Error(`scan window ${window.size}/${window.chunk}: both must be at least 1`);
  const campaign = await prisma.campaign.findUnique({ where: { name: campaignName } });
  if (!campaign) throw new Error(`campaign "${campaignName}" does not exist (import a list into it first)`);
  const scan = await prisma.$transaction(async (tx) => {
    // Serialises scan creation per campaign across processes.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7270, ${campaign.id})`;
    const running = await tx.scan.findFirst({ where: { campaignId: campaign.id, status: 'running' }, orderBy: { number: 'desc' } });
    if (running) return { row: running, joined: true };
    const last = await tx.scan.findFirst({ where: { campaignId: campaign.id }, orderBy: { number: 'desc' } });
    const [counted] = await tx.$queryRaw<{ total: number; last: number | null }[]>`
      SELECT count(*)::int AS total, max(id) AS last FROM "Prospect" WHERE "campaignId" = ${campaign.id}`;
    // Prospects imported once the scan runs belong to the next one: `total` counts exactly those up to admitUpTo.
    const row = await tx.scan.create({
      data: { campaignId: campaign.id, number: (last?.number ?? 0) + 1, total: counted?.total ?? 0, admitUpTo: counted?.last ?? 0, admitWindow: window.size, admitChunk: window.chunk },
    });
    return { row, joined: false };
  });
  if (scan.joined) await readmitInFlight(prisma, queues.flows, scan.row.id);
  await admitProspects(prisma, queues.flows, scan.row.id);
  if (scan.row.total === 0) {
    await prisma.scan.update({ where: { id: scan.row.id }, data: { status: 'done', finishedAt: new Date() } });
  }
  const admitted = (await prisma.scan.findUniqueOrThrow({ where: { id: scan.row.id }, select: { admitted: true } })).admitted;
  return { scanId: scan.row.id, number: scan.row.number, total: scan.row.total, admitted, joinedExisting: scan.joined };
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
