// Periods and change events of one completed scan, derived set-based from the findings
// (the snapshots stay the truth; these tables can be rebuilt from them at any time).
// Every statement is keyed: periods upsert on (prospect, field, first scan), events
// insert on (prospect, field, scan) and do nothing on conflict, so a second run of
// completion changes nothing.
//
// History is the business's, not the list row's: a prospect of a later purchased list that
// import linked to an earlier one (Prospect."businessId": same phone, own domain, or
// normalised name and address, within or across campaigns) sees the findings of every
// prospect of its business, so its periods continue the earlier list's and a provider
// switch between the two lists is a change. Rows stay keyed on the prospect being scanned
// (the "subject" below); scans are ordered by start time, since scan numbers count per
// campaign.
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
 * Observations of the prospects `scanId` classified: the findings of each one's business
 * (itself and the prospects linked to it), one per scan (its own finding first), in every
 * done scan (periods: a re-run for an older scan must not reopen what a later scan closed)
 * or only up to this one (events: compared with what came before). Only the subject's own
 * finding counts in this scan: another list's row of the business scanned alongside is not
 * an earlier sighting.
 */
function sightings(scanId: number, upTo: 'all' | 'this-scan'): Prisma.Sql {
  const bound = upTo === 'all' ? Prisma.empty : Prisma.sql`AND (s."startedAt", s.id) <= (cur."startedAt", cur.id)`;
  return Prisma.sql`
    SELECT DISTINCT ON (sub.subject, s.id) sub.subject, g.*, s.number, s."startedAt"
    FROM (
      SELECT f."prospectId" AS subject, COALESCE(k.id, f."prospectId") AS kin
      FROM "Finding" f JOIN "Prospect" me ON me.id = f."prospectId"
      LEFT JOIN "Prospect" k ON k."businessId" = me."businessId"
      WHERE f."scanId" = ${scanId}
    ) sub
    JOIN "Finding" g ON g."prospectId" = sub.kin
    JOIN "Scan" s ON s.id = g."scanId"
    JOIN "Scan" cur ON cur.id = ${scanId}
    WHERE (s.status = 'done' OR s.id = cur.id) ${bound}
      AND (g."scanId" <> cur.id OR g."prospectId" = sub.subject)
    ORDER BY sub.subject, s.id, (g."prospectId" <> sub.subject)`;
}

function observations(scanId: number, upTo: 'all' | 'this-scan'): Prisma.Sql {
  return Prisma.sql`
    SELECT f.subject, f.subject AS "prospectId", f."prospectId" AS "seenOn", f."scanId", f.number, f."startedAt",
           x.field, x.value, x.conf, x.evidence
    FROM (${sightings(scanId, upTo)}) f
    CROSS JOIN LATERAL (VALUES
      ${FIELD_VALUES}
    ) AS x(field, value, conf, evidence)`;
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
      WINDOW w AS (PARTITION BY subject, field ORDER BY "startedAt", "scanId")
    ),
    islands AS (SELECT *, sum(starts) OVER (PARTITION BY subject, field ORDER BY "startedAt", "scanId") AS island FROM known),
    runs AS (
      SELECT "prospectId", field, min(value) AS value,
             (array_agg("scanId" ORDER BY "startedAt", "scanId"))[1] AS "firstScanId", (array_agg("scanId" ORDER BY "startedAt" DESC, "scanId" DESC))[1] AS "lastScanId",
             (array_agg(number ORDER BY "startedAt", "scanId"))[1] AS "firstScanNumber", (array_agg(number ORDER BY "startedAt" DESC, "scanId" DESC))[1] AS "lastScanNumber",
             min("startedAt") AS "validFrom"
      FROM islands GROUP BY subject, "prospectId", field, island
    ),
    bounded AS (SELECT *, lead("validFrom") OVER (PARTITION BY "prospectId", field ORDER BY "validFrom") AS "validTo" FROM runs)
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
    prev AS (SELECT DISTINCT ON (subject, field) * FROM earlier ORDER BY subject, field, "startedAt" DESC, "scanId" DESC),
    known AS (SELECT DISTINCT ON (subject, field) * FROM earlier WHERE value IS NOT NULL ORDER BY subject, field, "startedAt" DESC, "scanId" DESC),
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

// Against the business's previous finding: the site stopped answering or answers again,
// and the score moved by more than a few points.
async function deriveSignals(db: HistoryDb, scanId: number): Promise<number> {
  return db.$executeRaw`
    WITH cur AS (
      SELECT f.*, s.number, s."campaignId" FROM "Finding" f JOIN "Scan" s ON s.id = f."scanId" WHERE f."scanId" = ${scanId}
    ),
    seen AS (${sightings(scanId, 'this-scan')}),
    prev AS (
      SELECT DISTINCT ON (subject) subject AS "prospectId", "prospectId" AS "seenOn", "scanId", number, presence, domain, score, reasons
      FROM seen WHERE "scanId" <> ${scanId}
      ORDER BY subject, "startedAt" DESC, "scanId" DESC
    ),
    answered AS (
      SELECT "scanId", "prospectId", domain FROM "HttpObservation" WHERE status BETWEEN 200 AND 399
    ),
    pairs AS (
      SELECT c."campaignId", c."prospectId", p."seenOn", c."scanId" AS "toScanId", c.number AS "toScanNumber", p."scanId" AS "fromScanId", p.number AS "fromScanNumber",
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
        AND EXISTS (SELECT 1 FROM "ChangeEvent" e WHERE e."prospectId" IN (pairs."prospectId", pairs."seenOn") AND e.field = 'website' AND e.kind = 'went-offline' AND e."toScanId" = "fromScanId")
      UNION ALL
      SELECT *, 'score', 'score-moved', "fromScore"::text, "toScore"::text FROM pairs
      WHERE abs("toScore" - "fromScore") >= ${SCORE_MOVE_POINTS}
    )
    INSERT INTO "ChangeEvent" ("campaignId", "prospectId", field, kind, "fromValue", "toValue", "fromScanId", "toScanId", "fromScanNumber", "toScanNumber",
                               "fromConfidence", "toConfidence", confidence, "fromEvidence", "toEvidence")
    SELECT "campaignId", "prospectId", field, kind, "fromValue", "toValue", "fromScanId", "toScanId", "fromScanNumber", "toScanNumber",
           NULL::float8, NULL::float8, NULL::float8, "fromEvidence", "toEvidence"
    FROM signals
    ON CONFLICT ("prospectId", field, "toScanId") DO NOTHING`;
}

// A claimed change undone by the next change of the same field (A→B, then B→A from the
// scan that saw B) is flapping: both events say so, and rankings ignore them. The earlier
// change may be another list's prospect's of the same business.
async function markFlapping(db: HistoryDb, scanId: number): Promise<number> {
  return db.$executeRaw`
    WITH reverts AS (
      SELECT e.id AS earlier, n.id AS later FROM "ChangeEvent" n
      JOIN "Prospect" np ON np.id = n."prospectId"
      JOIN "ChangeEvent" e ON (e."prospectId" = n."prospectId" OR e."prospectId" IN (SELECT id FROM "Prospect" WHERE "businessId" = np."businessId"))
       AND e.field = n.field AND e."toScanId" = n."fromScanId"
       AND e.kind = 'changed' AND e."fromValue" = n."toValue" AND e."toValue" = n."fromValue"
      WHERE n."toScanId" = ${scanId} AND n.kind = 'changed'
    )
    UPDATE "ChangeEvent" SET flapping = true
    WHERE NOT flapping AND id IN (SELECT earlier FROM reverts UNION SELECT later FROM reverts)`;
}
