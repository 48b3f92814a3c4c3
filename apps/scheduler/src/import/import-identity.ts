// Business identity across imports and campaigns (issue 17): a business bought again in a
// later list, in this campaign or another, is recognised as the same Business, so that its
// history can carry over. Decided per merge batch for the prospects the batch creates,
// before they are inserted (an UPDATE afterwards rewrote every new prospect and all its
// indexes). A new prospect, by its group's first row, takes the business of a stored
// prospect (any campaign, earlier batches included) that has
//   1. the same phone, with agreeing names (names_agree) and postal codes that do not differ
//      (a phone alone is a shared main line, not an identity: see import-merge.ts), else
//   2. the same own website domain (a listing on a directory, social network or site
//      builder's shared domain is nobody's identity), else
//   3. the same normalised name in the same postal code;
// the others get new businesses, one per own domain in the batch, else one each.
import type pg from 'pg';
import { DIRECTORY_DOMAINS, FREE_MAIL_DOMAINS, ISP_MAIL_DOMAINS, PLATFORM_DOMAINS, SOCIAL_NETWORKS } from '@prospector/agents';
import { NAME_CANDIDATES, PHONE_CANDIDATES } from './import-candidates.ts';
import { STAGE_TABLE as S } from './staging.ts';

/** Domains shared by unrelated businesses (yelp.com, facebook.com, wixsite.com…): never an identity key. */
export const SHARED_DOMAINS: readonly string[] = [
  ...DIRECTORY_DOMAINS, ...SOCIAL_NETWORKS.keys(), ...PLATFORM_DOMAINS, ...FREE_MAIL_DOMAINS, ...ISP_MAIL_DOMAINS.keys(),
];

/** rn of the first row of each new prospect → its business. */
export const BUSINESS_TABLE = 'import_new_business';

// No primary key: it is only ever joined whole, by hash (a per-row probe of it cost ~2 µs a prospect).
export const CREATE_BUSINESS_SQL = `CREATE TEMP TABLE ${BUSINESS_TABLE} (rn integer NOT NULL, bid integer NOT NULL, known boolean NOT NULL) ON COMMIT DROP`;

// The phone and name + postal code matches come from the batch's candidates
// (import-candidates.ts); the own domains are looked up here, for the new prospects only,
// by one array-driven index scan (`+ 0` keeps the planner off the businessId index).
// Matching and allocating are one statement: the unmatched get one new business per own
// domain, else one each, ids in row order (nextval runs over the sorted groups). Inserting
// the matches first and updating the rest afterwards rewrote most rows of the table.
const ASSIGN_BUSINESSES = (newTable: string) => `
WITH firsts AS MATERIALIZED (
  SELECT n.rn, s.phone, s.name_key, s.postal_code,
    CASE WHEN s.website_domain IS NOT NULL AND NOT (s.website_domain = ANY ($1::text[])) THEN s.website_domain END AS own_domain
  FROM ${newTable} n JOIN ${S} s ON s.rn = n.rn
), by_phone AS (
  SELECT f.rn, min(c.business_id) AS bid
  FROM firsts f JOIN ${PHONE_CANDIDATES} c ON c.phone = f.phone
  WHERE c.business_id IS NOT NULL AND (c.postal_code IS NULL OR f.postal_code IS NULL OR c.postal_code = f.postal_code)
    AND (c.name_key = f.name_key OR names_agree(c.name_key, f.name_key))
  GROUP BY f.rn
), by_domain AS (
  SELECT q."websiteDomain" AS domain, min(q."businessId" + 0) AS bid FROM "Prospect" q
  WHERE q."websiteDomain" = ANY (ARRAY(SELECT DISTINCT own_domain FROM firsts WHERE own_domain IS NOT NULL))
    AND q."businessId" IS NOT NULL
  GROUP BY 1
), by_name AS (
  SELECT f.rn, min(c.business_id) AS bid
  FROM firsts f JOIN ${NAME_CANDIDATES} c ON c.name_key = f.name_key AND c.postal_code = f.postal_code
  WHERE c.business_id IS NOT NULL
  GROUP BY f.rn
), m AS MATERIALIZED (
  SELECT f.rn, COALESCE(p.bid, d.bid, n.bid) AS bid, COALESCE('domain:' || f.own_domain, 'row:' || f.rn) AS key
  FROM firsts f LEFT JOIN by_phone p ON p.rn = f.rn LEFT JOIN by_domain d ON d.domain = f.own_domain LEFT JOIN by_name n ON n.rn = f.rn
), ids AS (
  SELECT key, nextval('"Business_id_seq"'::regclass)::integer AS bid
  FROM (SELECT key, min(rn) AS first FROM m WHERE bid IS NULL GROUP BY key ORDER BY first) k
)
INSERT INTO ${BUSINESS_TABLE} (rn, bid, known)
SELECT m.rn, COALESCE(m.bid, ids.bid), m.bid IS NOT NULL
FROM m LEFT JOIN ids ON m.bid IS NULL AND ids.key = m.key`;

const INSERT_NEW = `INSERT INTO "Business" (id) SELECT DISTINCT bid FROM ${BUSINESS_TABLE} WHERE NOT known`;

/**
 * Decides the business of every prospect this batch will create (rows of `newTable`),
 * creating the new businesses; returns how many were recognised as stored ones.
 */
export async function assignBusinesses(client: pg.PoolClient, newTable: string): Promise<number> {
  await client.query(`TRUNCATE ${BUSINESS_TABLE}`);
  await client.query(ASSIGN_BUSINESSES(newTable), [SHARED_DOMAINS]);
  await client.query(INSERT_NEW);
  const known = await client.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${BUSINESS_TABLE} WHERE known`);
  return known.rows[0]?.n ?? 0;
}
