// A correction stands until a later scan sees a confident change of its field: an answer
// that is neither what the correction replaced nor what it says. Then it is superseded
// (kept in the log with the scan and the value that did it). "Unknown this time" is not a
// change, so a null answer never supersedes anything.
import { Prisma, type PrismaClient } from '@prospector/core';

/** The confidence a scanned answer needs to supersede a rep's correction. */
export const SUPERSEDE_CONFIDENCE = 0.8;

/** Fields a scan answers; status and duplicateOf are the reps' alone. */
const SCANNED_FIELDS = ['domain', 'presence', 'emailProvider', 'emailGateway', 'webHost', 'dnsProvider', 'isp', 'ecommercePlatform', 'cms', 'voipProvider'];

/** How many corrections the finding superseded. */
export async function supersedeCorrections(prisma: PrismaClient, scope: { scanId: number; prospectId: number }): Promise<number> {
  return prisma.$executeRaw`${supersedeCorrectionsSql(scope)}`;
}

/** One statement, safe to run twice: a superseded correction is no longer active. It reads the finding, so it runs after the finding's write. */
export function supersedeCorrectionsSql(scope: { scanId: number; prospectId: number }): Prisma.Sql {
  return Prisma.sql`
    UPDATE "Correction" c
       SET status = 'superseded', "supersededAt" = now() AT TIME ZONE 'UTC', "supersededByScanId" = f."scanId",
           "supersededValue" = to_jsonb(f) ->> c.field
      FROM "Finding" f JOIN "Scan" s ON s.id = f."scanId"
     WHERE f."scanId" = ${scope.scanId} AND f."prospectId" = ${scope.prospectId}
       AND c."prospectId" = f."prospectId" AND c.status = 'active'
       AND c.field = ANY(${SCANNED_FIELDS}::text[])
       AND c."createdAt" < s."startedAt"
       AND (to_jsonb(f) ->> c.field) IS NOT NULL
       AND (to_jsonb(f) ->> c.field) IS DISTINCT FROM c."replacedValue"
       AND (to_jsonb(f) ->> c.field) <> c.value
       AND COALESCE((f.confidence ->> c.field)::float8, 0) >= ${SUPERSEDE_CONFIDENCE}`;
}
