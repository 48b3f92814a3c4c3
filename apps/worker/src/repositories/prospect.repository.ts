// Raw SQL: read on every search and verify job, where the ORM's planning of a
// findUnique cost more than the query (measured with --cpu-prof).
import { Prisma, type HotSql } from '@prospector/core';
import { type ProspectInput, PermanentError } from '@prospector/agents';
import { boundedMemo } from './bounded-memo.ts';

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

export async function loadProspectInput(sql: HotSql, prospectId: number): Promise<ProspectInput> {
  const rows = await sql.query<ProspectInput>(prospectInputSql(prospectId));
  const p = rows[0];
  if (!p) throw missingProspect(prospectId);
  return p;
}

/** A prospect's input as search and verify read it, remembered by the process for the scan. */
export interface ProspectInputs {
  load(scope: { scanId: number; prospectId: number }): Promise<ProspectInput>;
}

/**
 * Search reads the prospect and every verify of its candidates reads it again, mostly in
 * the same process moments later: one row per prospect instead of one per job. Keyed by
 * scan, so a later scan reads a re-imported row afresh; bounded, oldest dropped first.
 * A failed read is not remembered.
 */
export function createProspectInputs(sql: HotSql, maxEntries = 5000): ProspectInputs {
  return {
    load: boundedMemo(
      (scope: { scanId: number; prospectId: number }) => loadProspectInput(sql, scope.prospectId),
      ({ scanId, prospectId }) => `${scanId}:${prospectId}`,
      maxEntries,
    ),
  };
}
