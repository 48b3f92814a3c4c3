import type { PrismaClient } from '@prospector/core';

/** Whether search selected this domain for the prospect (so its own dns → verify runs). */
export async function isSelectedCandidate(prisma: PrismaClient, scope: { scanId: number; prospectId: number }, domain: string): Promise<boolean> {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT 1 FROM "Candidate"
    WHERE "scanId" = ${scope.scanId} AND "prospectId" = ${scope.prospectId} AND domain = ${domain} AND status <> 'not-selected'
    LIMIT 1`;
  return rows.length > 0;
}
