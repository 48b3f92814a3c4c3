// Raw SQL: read on every search and verify job, where the ORM's planning of a
// findUnique cost more than the query (measured with --cpu-prof).
import { Prisma, type PrismaClient } from '@prospector/core';
import { type ProspectInput, PermanentError } from '@prospector/agents';

/** The agents' view of a prospect: one row, or none. Classify embeds it in its single read. */
export function prospectInputSql(prospectId: number): Prisma.Sql {
  return Prisma.sql`
    SELECT id, name, address, city, region, "postalCode", phone, website, "websiteDomain", "emailDomain",
           employees, revenue, "industryCode"
    FROM "Prospect" WHERE id = ${prospectId}`;
}

export function missingProspect(prospectId: number): PermanentError {
  return new PermanentError(`prospect ${prospectId} does not exist`, 'missing-prospect');
}

export async function loadProspectInput(prisma: PrismaClient, prospectId: number): Promise<ProspectInput> {
  const rows = await prisma.$queryRaw<ProspectInput[]>`${prospectInputSql(prospectId)}`;
  const p = rows[0];
  if (!p) throw missingProspect(prospectId);
  return p;
}
