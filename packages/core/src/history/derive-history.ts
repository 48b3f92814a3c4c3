// Periods and change events of one completed scan, derived set-based from the findings
// (the snapshots stay the truth; these tables can be rebuilt from them at any time).
// Every statement is keyed: periods upsert on (prospect, field, first scan), events
// insert on (prospect, field, scan) and do nothing on conflict, so a second run of
// completion changes nothing.
//
// The "subject" of history is the prospect. When prospects of later purchased lists are
// linked to one business (across imports and campaigns), the `subject` column of the
// observations below is the one place to key on that business instead.
import { Prisma } from '../../generated/prisma/client.ts';
import { CHANGE_CONFIDENCE, HISTORY_FIELDS, SCORE_MOVE_POINTS } from './history.fields.ts';

/** The client or an interactive transaction: derivation runs inside the completion's. */
export type HistoryDb = Pick<Prisma.TransactionClient, '$executeRaw' | '$queryRaw'>;

export interface DerivedHistory {
  periods: number;
  events: number;
  flapping: number;
}

// One row per (finding, field). Field names are constants, never input: raw is safe.
const FIELD_VALUES = Prisma.raw(
  HISTORY_FIELDS.map((f) => `('${f}', f."${f}", ${f === 'tier' ? '1.0::float8' : `(f.confidence ->> '${f}')::float8`}, COALESCE(f.evidence -> '${f}', '[]'::jsonb))`).join(',\n      '),
);

/**
 * Observations of the prospects `scanId` classified, in every done scan of its campaign
 * (periods: a re-run for an older scan must not reopen what a later scan closed) or only
 * up to it (events: compared with what came before).
 */
function observations(scanId: number, upTo: 'all' | 'this-scan'): Prisma.Sql {
  const bound = upTo === 'all' ? Prisma.empty : Prisma.sql`AND s.number <= cur.number`;
  return Prisma.sql`
    SELECT f."prospectId" AS subject, f."prospectId", s.id AS "scanId", s.number, s."startedAt",
           x.field, x.value, x.conf, x.evidence
    FROM "Scan" cur
    JOIN "Scan" s ON s."campaignId" = cur."campaignId" ${bound} AND (s.status = 'done' OR s.id = cur.id)
    JOIN "Finding" f ON f."scanId" = s.id
    CROSS JOIN LATERAL (VALUES
      ${FIELD_VALUES}
    ) AS x(field, value, conf, evidence)
    WHERE cur.id = ${scanId}
      AND f."prospectId" IN (SELECT "prospectId" FROM "Finding" WHERE "scanId" = ${scanId})`;
}

export async function deriveScanHistory(db: HistoryDb, scanId: number): Promise<DerivedHistory> {
  const periods = await derivePeriods(db, scanId);
  const events = (await deriveAnswerChanges(db, scanId)) + (await deriveSignals(db, scanId));
  const flapping = await markFlapping(db, scanId);
  return { periods, events, flapping };
}

// Gaps and islands over the known values: an unknown scan neither ends nor starts a
// period ("not seen this time" is not "gone"); a period ends where a different value
// was first seen.
async function derivePeriods(db: HistoryDb, scanId: number): Promise<number> {
  return db.$executeRaw`
    WITH obs AS (${observations(scanId, 'all')}),
    known AS (
      SELECT *, CASE WHEN lag(value) OVER w IS DISTINCT FROM value THEN 1 ELSE 0 END AS starts
      FROM obs WHERE value IS NOT NULL
      WINDOW w AS (PARTITION BY subject, field ORDER BY number)
    ),
    islands AS (SELECT *, sum(starts) OVER (PARTITION BY subject, field ORDER BY number) AS island FROM known),
    runs AS (
      SELECT "prospectId", field, min(value) AS value,
             (array_agg("scanId" ORDER BY number))[1] AS "firstScanId", (array_agg("scanId" ORDER BY number DESC))[1] AS "lastScanId",
             min(number) AS "firstScanNumber", max(number) AS "lastScanNumber", min("startedAt") AS "validFrom"
      FROM islands GROUP BY subject, "prospectId", field, island
    ),
    bounded AS (SELECT *, lead("validFrom") OVER (PARTITION BY "prospectId", field ORDER BY "firstScanNumber") AS "validTo" FROM runs)
    INSERT INTO "ProviderPeriod" ("prospectId", field, value, "firstScanId", "lastScanId", "firstScanNumber", "lastScanNumber", "validFrom", "validTo")
    SELECT "prospectId", field, value, "firstScanId", "lastScanId", "firstScanNumber", "lastScanNumber", "validFrom", "validTo" FROM bounded
    ON CONFLICT ("prospectId", field, "firstScanId") DO UPDATE SET
      value = EXCLUDED.value, "lastScanId" = EXCLUDED."lastScanId", "lastScanNumber" = EXCLUDED."lastScanNumber", "validTo" = EXCLUDED."validTo"
    WHERE ("ProviderPeriod".value, "ProviderPeriod"."lastScanId", "ProviderPeriod"."validTo")
      IS DISTINCT FROM (EXCLUDED.value, EXCLUDED."lastScanId", EXCLUDED."validTo")`;
}

// Against the last known value (across unknown scans): a different value is a change,
// claimed only when both sides are confident. Against the previous scan: a flip to or
// from unknown is "not seen", never a change.
async function deriveAnswerChanges(db: HistoryDb, scanId: number): Promise<number> {
  return db.$executeRaw`
    WITH obs AS (${observations(scanId, 'this-scan')}),
    cur AS (SELECT * FROM obs WHERE "scanId" = ${scanId}),
    earlier AS (SELECT * FROM obs WHERE "scanId" <> ${scanId}),
    prev AS (SELECT DISTINCT ON (subject, field) * FROM earlier ORDER BY subject, field, number DESC),
    known AS (SELECT DISTINCT ON (subject, field) * FROM earlier WHERE value IS NOT NULL ORDER BY subject, field, number DESC),
    pairs AS (
      SELECT c."prospectId", c.field, k.value AS "fromValue", c.value AS "toValue", k."scanId" AS "fromScanId", k.number AS "fromScanNumber",
             k.conf AS "fromConfidence", c.conf AS "toConfidence", k.evidence AS "fromEvidence", c.evidence AS "toEvidence",
             CASE WHEN k.conf >= ${CHANGE_CONFIDENCE} AND c.conf >= ${CHANGE_CONFIDENCE} THEN 'changed' ELSE 'unconfirmed' END AS kind
      FROM cur c JOIN known k USING (subject, field)
      WHERE c.value IS NOT NULL AND c.value <> k.value
      UNION ALL
      SELECT c."prospectId", c.field, p.value, c.value, p."scanId", p.number, p.conf, c.conf, p.evidence, c.evidence, 'not-seen'
      FROM cur c JOIN prev p USING (subject, field) LEFT JOIN known k USING (subject, field)
      WHERE (c.value IS NULL AND p.value IS NOT NULL)
         OR (c.value IS NOT NULL AND p.value IS NULL AND (k.value IS NULL OR k.value = c.value))
    )
    INSERT INTO "ChangeEvent" ("campaignId", "prospectId", field, kind, "fromValue", "toValue", "fromScanId", "toScanId", "fromScanNumber", "toScanNumber",
                               "fromConfidence", "toConfidence", confidence, "fromEvidence", "toEvidence")
    SELECT s."campaignId", p."prospectId", p.field, p.kind, p."fromValue", p."toValue", p."fromScanId", s.id, p."fromScanNumber", s.number,
           p."fromConfidence", p."toConfidence", LEAST(p."fromConfidence", p."toConfidence"), p."fromEvidence", p."toEvidence"
    FROM pairs p JOIN "Scan" s ON s.id = ${scanId}
    ON CONFLICT ("prospectId", field, "toScanId") DO NOTHING`;
}

// Against the prospect's previous finding: the site stopped answering or answers again,
// and the score moved by more than a few points.
async function deriveSignals(db: HistoryDb, scanId: number): Promise<number> {
  return db.$executeRaw`
    WITH cur AS (
      SELECT f.*, s.number, s."campaignId" FROM "Finding" f JOIN "Scan" s ON s.id = f."scanId" WHERE f."scanId" = ${scanId}
    ),
    prev AS (
      SELECT DISTINCT ON (f."prospectId") f.*, s.number FROM "Finding" f JOIN "Scan" s ON s.id = f."scanId"
      JOIN "Scan" cs ON cs.id = ${scanId} AND s."campaignId" = cs."campaignId" AND s.number < cs.number AND s.status = 'done'
      WHERE f."prospectId" IN (SELECT "prospectId" FROM cur)
      ORDER BY f."prospectId", s.number DESC
    ),
    answered AS (
      SELECT "scanId", "prospectId", domain FROM "HttpObservation" WHERE status BETWEEN 200 AND 399
    ),
    pairs AS (
      SELECT c."campaignId", c."prospectId", c."scanId" AS "toScanId", c.number AS "toScanNumber", p."scanId" AS "fromScanId", p.number AS "fromScanNumber",
             p.presence AS "fromPresence", c.presence AS "toPresence", p.domain AS "fromDomain", c.domain AS "toDomain", p.score AS "fromScore", c.score AS "toScore",
             jsonb_build_object('presence', p.presence, 'domain', p.domain, 'score', p.score, 'reasons', p.reasons) AS "fromEvidence",
             jsonb_build_object('presence', c.presence, 'domain', c.domain, 'score', c.score, 'reasons', c.reasons) AS "toEvidence"
      FROM cur c JOIN prev p USING ("prospectId")
    ),
    signals AS (
      SELECT *, 'website' AS field, 'went-offline' AS kind, "fromDomain" AS "fromValue", "toDomain" AS "toValue" FROM pairs
      WHERE "fromPresence" = 'website' AND "toPresence" <> 'website'
        AND NOT EXISTS (SELECT 1 FROM answered a WHERE a."scanId" = "toScanId" AND a."prospectId" = pairs."prospectId" AND a.domain = "fromDomain")
      UNION ALL
      SELECT *, 'website', 'came-back', "fromDomain", "toDomain" FROM pairs
      WHERE "fromPresence" <> 'website' AND "toPresence" = 'website'
        AND EXISTS (SELECT 1 FROM "ChangeEvent" e WHERE e."prospectId" = pairs."prospectId" AND e.field = 'website' AND e.kind = 'went-offline' AND e."toScanId" = "fromScanId")
      UNION ALL
      SELECT *, 'score', 'score-moved', "fromScore"::text, "toScore"::text FROM pairs
      WHERE abs("toScore" - "fromScore") >= ${SCORE_MOVE_POINTS}
    )
    INSERT INTO "ChangeEvent" ("campaignId", "prospectId", field, kind, "fromValue", "toValue", "fromScanId", "toScanId", "fromScanNumber", "toScanNumber",
                               "fromConfidence", "toConfidence", confidence, "fromEvidence", "toEvidence")
    SELECT "campaignId", "prospectId", field, kind, "fromValue", "toValue", "fromScanId", "toScanId", "fromScanNumber", "toScanNumber",
           NULL, NULL, NULL, "fromEvidence", "toEvidence"
    FROM signals
    ON CONFLICT ("prospectId", field, "toScanId") DO NOTHING`;
}

// A claimed change undone by the next change of the same field (A→B, then B→A from the
// scan that saw B) is flapping: both events say so, and rankings ignore them.
async function markFlapping(db: HistoryDb, scanId: number): Promise<number> {
  return db.$executeRaw`
    WITH reverts AS (
      SELECT e.id AS earlier, n.id AS later FROM "ChangeEvent" n
      JOIN "ChangeEvent" e ON e."prospectId" = n."prospectId" AND e.field = n.field AND e."toScanId" = n."fromScanId"
       AND e.kind = 'changed' AND e."fromValue" = n."toValue" AND e."toValue" = n."fromValue"
      WHERE n."toScanId" = ${scanId} AND n.kind = 'changed'
    )
    UPDATE "ChangeEvent" SET flapping = true
    WHERE NOT flapping AND id IN (SELECT earlier FROM reverts UNION SELECT later FROM reverts)`;
}
