// Set-based merge of the staging table into Prospect / SourceRow / RejectedRow.
// Duplicates are rows sharing a phone whose names agree, or a name key and postal code,
// transitively (A shares B's phone and name, B shares C's name and ZIP: one business),
// including prospects already in the campaign. A phone alone merges nothing: a main line
// is shared by the offices of a building and by franchise locations (1.47M rows with
// repeated phones once collapsed to 10,000 prospects). Names agree when names_agree() says
// so (migration 20261201060000) and the postal codes do not differ.
// Grouping is label propagation: each row takes the smallest label among rows sharing a
// key, alternately by phone key and by name+ZIP, until nothing changes (as many rounds as
// the longest chain; one or two on real lists). Each row records the key it last joined
// by: that is the merge reason stored on its SourceRow.
// The file is merged in batches (import.service.ts); for a batch, prospects made by
// earlier batches are existing prospects, so a later row can join one, but it cannot
// fuse two prospects that were already stored separately.
import type pg from 'pg';
import { fetchCandidates, NAME_CANDIDATES, PHONE_CANDIDATES } from './import-candidates.ts';
import { assignBusinesses, BUSINESS_TABLE } from './import-identity.ts';
import { NEW_LABEL_BASE, STAGE_TABLE as S } from './staging.ts';

export interface MergeCounts {
  accepted: number;
  created: number;
  merged: number;
  /** Of `merged`: rows that joined by a shared phone with agreeing names, and by name + postal code. */
  mergedByPhoneAndName: number;
  mergedByNameAndPostalCode: number;
  /** Prospects created that are a business already stored (earlier list, any campaign): see import-identity.ts. */
  knownBusinesses: number;
  rejected: number;
}

/** SourceRow."mergeReason" values. */
export const MERGE_REASONS = { phoneAndName: 'same-phone-and-name', nameAndPostalCode: 'same-name-and-postal-code' } as const;
const BY_PHONE = `'${MERGE_REASONS.phoneAndName}'`;
const BY_NAME = `'${MERGE_REASONS.nameAndPostalCode}'`;

/** Postal codes agree unless both are known and differ. */
const POSTAL_AGREE = (a: string, b: string) => `(${a} IS NULL OR ${b} IS NULL OR ${a} = ${b})`;

/**
 * More distinct (name, postal code) pairs than this on one phone in a batch is a switchboard
 * or a call centre: its rows merge by phone only with the exact same name and postal code,
 * which also keeps the pairwise name comparison below from going quadratic.
 */
export const SHARED_LINE_NAMES = 50;

const NEW = NEW_LABEL_BASE;
const NEW_TABLE = 'import_new';

// A row without a postal code joins no stored prospect by phone when the agreeing ones sit
// in two or more postal codes (see ASSIGN_PHONE_KEYS). The stored prospects are the
// batch's candidates (import-candidates.ts), restricted to the campaign: hash joins over
// those, where per-row probes of Prospect let the planner hash the campaign's whole table
// (its statistics never see this transaction's rows) or cost a subplan rescan per row.
// LEAST skips the NULLs of "no match".
const MATCH_EXISTING = `
WITH by_phone AS (
  SELECT s2.rn, min(c.id) AS id
  FROM ${S} s2 JOIN ${PHONE_CANDIDATES} c ON c.phone = s2.phone
  WHERE s2.reject IS NULL AND c.campaign_id = $1 AND ${POSTAL_AGREE('c.postal_code', 's2.postal_code')}
    AND (c.name_key = s2.name_key OR names_agree(c.name_key, s2.name_key))
  GROUP BY s2.rn, s2.postal_code
  HAVING s2.postal_code IS NOT NULL OR count(DISTINCT c.postal_code) <= 1
), by_name AS (
  SELECT s2.rn, min(c.id) AS id
  FROM ${S} s2 JOIN ${NAME_CANDIDATES} c ON c.name_key = s2.name_key AND c.postal_code = s2.postal_code
  WHERE s2.reject IS NULL AND c.campaign_id = $1
  GROUP BY s2.rn
), m AS (
  SELECT rn, p.id AS by_phone, LEAST(p.id, n.id) AS id FROM by_phone p FULL JOIN by_name n USING (rn)
)
UPDATE ${S} s SET grp = m.id, why = CASE WHEN m.id = m.by_phone THEN ${BY_PHONE} ELSE ${BY_NAME} END
FROM m
WHERE s.rn = m.rn AND m.id < s.grp`;

/**
 * Rows of one phone get one phone key when their names agree: each (name, postal code) on
 * a phone takes the smallest of those it agrees with. One step, not a closure, so a chain
 * of ever-different names does not creep into one business. A row without a postal code
 * whose agreeing names sit in two or more postal codes (one brand's locations on one
 * line) could belong to any of them: it joins none, and bridges none. Only phones carrying
 * more than one (name, postal code) are compared (a phone on one row has one: `repeated` skips
 * the distinct over every row); the key format is phoneKey() in staging.ts.
 */
const ASSIGN_PHONE_KEYS = `
WITH repeated AS (
  SELECT phone FROM ${S} WHERE reject IS NULL AND phone IS NOT NULL GROUP BY phone HAVING count(*) > 1
), nodes AS MATERIALIZED (
  SELECT DISTINCT phone, name_key, postal_code FROM ${S}
  WHERE reject IS NULL AND phone IN (SELECT phone FROM repeated)
), shared AS (
  SELECT phone FROM nodes GROUP BY phone HAVING count(*) BETWEEN 2 AND ${SHARED_LINE_NAMES}
), agree AS MATERIALIZED (
  SELECT a.phone, a.name_key, a.postal_code, b.name_key AS b_name, b.postal_code AS b_postal
  FROM shared JOIN nodes a ON a.phone = shared.phone JOIN nodes b ON b.phone = a.phone
  WHERE ${POSTAL_AGREE('a.postal_code', 'b.postal_code')} AND (a.name_key = b.name_key OR names_agree(a.name_key, b.name_key))
), ambiguous AS (
  SELECT phone, name_key FROM agree WHERE postal_code IS NULL
  GROUP BY phone, name_key HAVING count(DISTINCT b_postal) > 1
), reps AS (
  SELECT g.phone, g.name_key, g.postal_code, min(g.b_name || '|' || COALESCE(g.b_postal, '')) AS rep
  FROM agree g
  WHERE NOT (g.postal_code IS NULL AND (g.phone, g.name_key) IN (SELECT phone, name_key FROM ambiguous))
    AND NOT (g.b_postal IS NULL AND (g.phone, g.b_name) IN (SELECT phone, name_key FROM ambiguous))
  GROUP BY 1, 2, 3
)
UPDATE ${S} s SET phone_key = r.phone || '|' || r.rep
FROM reps r
WHERE s.reject IS NULL AND s.phone = r.phone AND s.name_key = r.name_key AND s.postal_code IS NOT DISTINCT FROM r.postal_code
  AND r.rep <> s.name_key || '|' || COALESCE(s.postal_code, '')`;

const PROPAGATE_BY_PHONE = `
UPDATE ${S} s SET grp = m.g, why = ${BY_PHONE}
FROM (SELECT phone_key, min(grp) AS g FROM ${S} WHERE reject IS NULL AND phone_key IS NOT NULL
      GROUP BY phone_key HAVING min(grp) < max(grp)) m
WHERE s.reject IS NULL AND s.phone_key = m.phone_key AND s.grp > m.g`;

const PROPAGATE_BY_NAME = `
UPDATE ${S} s SET grp = m.g, why = ${BY_NAME}
FROM (SELECT name_key, postal_code, min(grp) AS g FROM ${S} WHERE reject IS NULL AND postal_code IS NOT NULL
      GROUP BY name_key, postal_code HAVING min(grp) < max(grp)) m
WHERE s.reject IS NULL AND s.name_key = m.name_key AND s.postal_code = m.postal_code AND s.grp > m.g`;

const COUNT_REASONS = `
SELECT count(*) FILTER (WHERE why = ${BY_PHONE})::integer AS by_phone, count(*) FILTER (WHERE why = ${BY_NAME})::integer AS by_name
FROM ${S} WHERE reject IS NULL AND grp <> ${NEW} + rn`;

/** label = the group's label (NEW + rn of its first row), so joins are plain equalities the planner can estimate. */
export const CREATE_NEW_SQL = `CREATE TEMP TABLE ${NEW_TABLE} (rn integer NOT NULL, label bigint NOT NULL, pid integer NOT NULL) ON COMMIT DROP`;

/**
 * One new prospect per group that touches no stored prospect: its first row, ids in file order.
 * The sequence is named as a regclass constant: pg_get_serial_sequence() here was evaluated
 * per row and cost more than the nextval itself.
 */
const ALLOCATE_NEW = `
INSERT INTO ${NEW_TABLE} (rn, label, pid)
SELECT rn, grp, nextval('"Prospect_id_seq"'::regclass)::integer
FROM (SELECT rn, grp FROM ${S} WHERE reject IS NULL AND grp = ${NEW} + rn ORDER BY rn) firsts`;

const INSERT_PROSPECTS = `
INSERT INTO "Prospect" (id, "campaignId", "externalId", name, "nameKey", address, city, region, "postalCode",
  phone, website, "websiteDomain", email, "emailDomain", employees, revenue, "industryCode", "businessId")
SELECT n.pid, $1, s.external_id, s.name, s.name_key, s.address, s.city, s.region, s.postal_code,
  s.phone, s.website, s.website_domain, s.email, s.email_domain, s.employees, s.revenue, s.industry_code, b.bid
FROM ${NEW_TABLE} n JOIN ${S} s ON s.rn = n.rn LEFT JOIN ${BUSINESS_TABLE} b ON b.rn = n.rn`;

/** The prospect a staged row belongs to. */
const PROSPECT_OF_ROW = `CASE WHEN s.grp < ${NEW} THEN s.grp::integer ELSE n.pid END`;

// No ON CONFLICT here or in INSERT_REJECTED: the caller holds the campaign's advisory lock
// and found no ImportRun for this file, so its (campaign, file, row) keys cannot exist yet;
// ON CONFLICT turns every row into a speculative insertion, for nothing.
const INSERT_SOURCE_ROWS = `
INSERT INTO "SourceRow" ("campaignId", "prospectId", "fileSha256", "rowNumber", "recordId", raw, "mergeReason")
SELECT $1, ${PROSPECT_OF_ROW}, $2, s.rn, s.record_id, s.raw, CASE WHEN s.grp = ${NEW} + s.rn THEN NULL ELSE s.why END
FROM ${S} s LEFT JOIN ${NEW_TABLE} n ON n.label = s.grp
WHERE s.reject IS NULL`;

/**
 * A merged prospect keeps its own values and gains the ones it lacked from its other
 * rows (first row in file order wins): list A has the website, list B the email. Only
 * rows that are not their group's first row are read; the first row's values are
 * already in the prospect. Name, address and postal code stay the first row's.
 * `p.id = ANY (ARRAY(...))` makes Postgres fetch just those prospects by primary key: a plain
 * join hashed the campaign's whole Prospect table once per batch (stale statistics). No
 * campaignId test: it made Postgres AND in a scan of the campaign's index, and every pid
 * here comes from this campaign's rows or from MATCH_EXISTING, which is campaign-scoped.
 */
const FILL_FROM_DUPLICATES = `
WITH f AS MATERIALIZED (
  SELECT ${PROSPECT_OF_ROW} AS pid,
    (array_agg(s.phone ORDER BY s.rn) FILTER (WHERE s.phone IS NOT NULL))[1] AS phone,
    (array_agg(s.website ORDER BY s.rn) FILTER (WHERE s.website_domain IS NOT NULL))[1] AS website,
    (array_agg(s.website_domain ORDER BY s.rn) FILTER (WHERE s.website_domain IS NOT NULL))[1] AS website_domain,
    (array_agg(s.email ORDER BY s.rn) FILTER (WHERE s.email IS NOT NULL))[1] AS email,
    (array_agg(s.email_domain ORDER BY s.rn) FILTER (WHERE s.email IS NOT NULL))[1] AS email_domain,
    (array_agg(s.employees ORDER BY s.rn) FILTER (WHERE s.employees IS NOT NULL))[1] AS employees,
    (array_agg(s.revenue ORDER BY s.rn) FILTER (WHERE s.revenue IS NOT NULL))[1] AS revenue,
    (array_agg(s.industry_code ORDER BY s.rn) FILTER (WHERE s.industry_code IS NOT NULL))[1] AS industry_code
  FROM ${S} s LEFT JOIN ${NEW_TABLE} n ON n.label = s.grp
  WHERE s.reject IS NULL AND s.grp <> ${NEW} + s.rn
  GROUP BY 1
)
UPDATE "Prospect" p SET
  phone = COALESCE(p.phone, f.phone),
  website = CASE WHEN p."websiteDomain" IS NULL THEN COALESCE(f.website, p.website) ELSE p.website END,
  "websiteDomain" = COALESCE(p."websiteDomain", f.website_domain),
  email = COALESCE(p.email, f.email),
  "emailDomain" = COALESCE(p."emailDomain", f.email_domain),
  employees = COALESCE(p.employees, f.employees),
  revenue = COALESCE(p.revenue, f.revenue),
  "industryCode" = COALESCE(p."industryCode", f.industry_code)
FROM f
WHERE p.id = f.pid AND p.id = ANY (ARRAY(SELECT pid FROM f))`;

const INSERT_REJECTED = `
INSERT INTO "RejectedRow" ("campaignId", "fileSha256", "rowNumber", reason, raw)
SELECT $1, $2, rn, reject, COALESCE(raw_text, '') FROM ${S} WHERE reject IS NOT NULL`;

/**
 * A pass leaves every group of its key on one label, so a pass that changes nothing right
 * after the other key's pass means both keys are settled: stopping there saves the two
 * no-op passes (~100 ms each per batch) a fixed "until a round changes nothing" costs.
 */
async function propagate(client: pg.PoolClient): Promise<void> {
  for (let round = 0; ; round++) {
    const byPhone = await client.query(PROPAGATE_BY_PHONE);
    if (round > 0 && (byPhone.rowCount ?? 0) === 0) return;
    const byName = await client.query(PROPAGATE_BY_NAME);
    if ((byName.rowCount ?? 0) === 0) return;
  }
}

/**
 * Merges the batch now in the staging table, inside the caller's transaction. Earlier
 * batches are "existing prospects" to this one, exactly like an earlier file.
 */
export async function mergeStage(client: pg.PoolClient, campaignId: number, fileSha256: string): Promise<MergeCounts> {
  // Temp tables are never auto-analysed; without statistics the planner misjudges the joins.
  await client.query(`ANALYZE ${S} (rn, grp, reject, phone, name_key, postal_code, phone_key)`);
  await client.query(ASSIGN_PHONE_KEYS);
  await fetchCandidates(client);
  const existing = await client.query('SELECT 1 FROM "Prospect" WHERE "campaignId" = $1 LIMIT 1', [campaignId]);
  if ((existing.rowCount ?? 0) > 0) {
    await client.query(MATCH_EXISTING, [campaignId]);
  }
  await propagate(client);
  await client.query(`TRUNCATE ${NEW_TABLE}`);
  await client.query(ALLOCATE_NEW);
  await client.query(`ANALYZE ${NEW_TABLE}`);
  const knownBusinesses = await assignBusinesses(client, NEW_TABLE);
  const created = await client.query(INSERT_PROSPECTS, [campaignId]);
  const sources = await client.query(INSERT_SOURCE_ROWS, [campaignId, fileSha256]);
  await client.query(FILL_FROM_DUPLICATES);
  const rejected = await client.query(INSERT_REJECTED, [campaignId, fileSha256]);
  const reasons = await client.query<{ by_phone: number; by_name: number }>(COUNT_REASONS);
  const accepted = sources.rowCount ?? 0;
  const createdCount = created.rowCount ?? 0;
  return {
    accepted, created: createdCount, merged: accepted - createdCount, rejected: rejected.rowCount ?? 0,
    mergedByPhoneAndName: reasons.rows[0]?.by_phone ?? 0, mergedByNameAndPostalCode: reasons.rows[0]?.by_name ?? 0, knownBusinesses,
  };
}
