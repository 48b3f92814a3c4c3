// A scan is done once every prospect has a classify outcome. Workers (coalesced, after each
// classify) and status readers both call this: whichever sees the last outcome first wins,
// and records `scan.completed` in the same transaction, so the event exists exactly once.
import { recordDeliveryEvent } from '../delivery/delivery-events.ts';
import type { PrismaClient } from './prisma.ts';

/** Marks the scan done once every prospect has a classify outcome; safe to call from many workers. */
export async function completeScanIfFinished(prisma: PrismaClient, scanId: number): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const done = await tx.$queryRaw<{ campaignId: number; number: number; total: number; name: string }[]>`
      UPDATE "Scan" s SET status = 'done', "finishedAt" = now()
      FROM "Campaign" c
      WHERE s.id = ${scanId} AND s.status = 'running' AND c.id = s."campaignId"
        AND (SELECT count(*) FROM "StageRun" WHERE "scanId" = ${scanId} AND stage = 'classify') >= s.total
      RETURNING s."campaignId", s.number, s.total, c.name`;
    const scan = done[0];
    if (!scan) return false;
    await recordDeliveryEvent(tx, {
      type: 'scan.completed',
      subjectId: scanId,
      data: { scanId, campaignId: scan.campaignId, campaign: scan.name, scanNumber: scan.number, prospects: scan.total },
      link: `/campaigns/${encodeURIComponent(scan.name)}/report`,
    });
    return true;
  });
}
