// A scan is done once every prospect has a classify outcome. Workers (coalesced, after each
// classify) and status readers both call this: whichever sees the last outcome first wins.
import { deriveScanHistory } from '../history/derive-history.ts';
import { recordChangeDeliveries } from '../history/change-delivery.ts';
import { recordDeliveryEvent } from '../delivery/delivery-events.ts';
import type { PrismaClient } from './prisma.ts';

/** Marks the scan done once every prospect has a classify outcome; safe to call from many workers. */
export async function completeScanIfFinished(prisma: PrismaClient, scanId: number): Promise<boolean> {
  // One transaction: a scan is never "done" without its history, its `prospect.changed` events and its `scan.completed`
  // event (which so exists exactly once); should derivation fail the scan stays running for
  // the next check to retry.
  return prisma.$transaction(
    async (tx) => {
      const done = await tx.$queryRaw<{ campaignId: number; number: number; total: number; name: string }[]>`
        UPDATE "Scan" s SET status = 'done', "finishedAt" = now()
        FROM "Campaign" c
        WHERE s.id = ${scanId} AND s.status = 'running' AND c.id = s."campaignId"
          AND (SELECT count(*) FROM "StageRun" WHERE "scanId" = ${scanId} AND stage = 'classify') >= s.total
        RETURNING s."campaignId", s.number, s.total, c.name`;
      const scan = done[0];
      if (!scan) return false;
      await deriveScanHistory(tx, scanId);
      await recordChangeDeliveries(tx, scanId);
      await recordDeliveryEvent(tx, {
        type: 'scan.completed',
        subjectId: scanId,
        data: { scanId, campaignId: scan.campaignId, campaign: scan.name, scanNumber: scan.number, prospects: scan.total },
        link: `/campaigns/${encodeURIComponent(scan.name)}/report`,
      });
      return true;
    },
    { timeout: 300_000 },
  );
}
