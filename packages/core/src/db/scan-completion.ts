// A scan is done once every prospect has a classify outcome. Workers (coalesced, after each
// classify) and status readers both call this: whichever sees the last outcome first wins.
import type { PrismaClient } from './prisma.ts';

/** Marks the scan done once every prospect has a classify outcome; safe to call from many workers. */
export async function completeScanIfFinished(prisma: PrismaClient, scanId: number): Promise<boolean> {
  const updated = await prisma.$executeRaw`
    UPDATE "Scan" SET status = 'done', "finishedAt" = now()
    WHERE id = ${scanId} AND status = 'running'
      AND (SELECT count(*) FROM "StageRun" WHERE "scanId" = ${scanId} AND stage = 'classify') >= total`;
  return updated > 0;
}
