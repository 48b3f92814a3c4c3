// Raw SQL: read on every search and verify job, where the ORM's planning of a
// findUnique cost more than the query (measured with --cpu-prof).
import type { PrismaClient } from '@prospector/core';
import type { ProspectInput } from '@prospector/agents';
import { PermanentError } from '@prospector/agents';

export async function loadProspectInput(prisma: PrismaClient, prospectId: number): Promise<ProspectInput> {
  const rows = await prisma.$queryRaw<ProspectInput[]>`
    SELECT id, name, address, city, region, "postalCode", phone, website, "websiteDomain", "emailDomain",
           employees, revenue, "industryCode"
    FROM "Prospect" WHERE id = ${prospectId}`;
  const p = rows[0];
  if (!p) throw new PermanentError(`prospect ${prospectId} does not exist`, 'missing-prospect');
  return p;
}
