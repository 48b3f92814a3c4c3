// A scan is done once every prospect has a classify outcome. Workers (coalesced, after each
// classify) and status readers both call this: whichever sees the last outcome first wins.
import { deriveScanHistory } from '../history/derive-history.ts';
import type { PrismaClient } from './prisma.ts';

/** Marks the scan done once every prospect has a classify outcome; safe to call from many workers. */
export async function completeScanIfFinished(prisma: PrismaClient, scanId: number): Promise<boolean> {
  // One transaction: a scan is never "done" without its history, and should derivation
  // fail the scan stays running for the next check to retry.
  return prisma.$transaction(
    async (tx) => {
      const updated = await tx.$executeRaw`
        UPDATE "Scan" SET status = 'done', "finishedAt" = now()
        WHERE id = ${scanId} AND status = 'running'
          AND (SELECT count(*) FROM "StageRun" WHERE "scanId" = ${scanId} AND stage = 'classify') >= total`;
      if (updated > 0) await deriveScanHistory(tx, scanId);
      return updated > 0;
    },
    { timeout: 300_000 },
  );
}
