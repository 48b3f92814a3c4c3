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
import { STAGE_TABLE as S } from './staging.ts';

/** Domains shared by unrelated businesses (yelp.com, facebook.com, wixsite.com…): never an identity key. */
export const SHARED_DOMAINS: readonly string[] = [
  ...DIRECTORY_DOMAINS, ...SOCIAL_NETWORKS.keys(), ...PLATFORM_DOMAINS, ...FREE_MAIL_DOMAINS, ...ISP_MAIL_DOMAINS.keys(),
];

/** rn of the first row of each new prospect → its business. */
export const BUSINESS_TABLE = 'import_new_business';

// No primary key: it is only ever joined whole, by hash (a per-row probe of it cost ~2 µs a prospect).
export const CREATE_BUSINESS_SQL = `CREATE TEMP TABLE ${BUSINESS_TABLE} (rn integer NOT NULL, bid integer NOT NULL, known boolean NOT NULL) ON COMMIT DROP`;

// `min(businessId + 0)`: a plain min(businessId) let the planner walk the businessId index
// in order until a row matched the key, i.e. the whole index for every prospect without a
// match (a 100k-row import did not finish in five minutes); the key's own index is wanted.
// Matching and allocating are one statement: the unmatched get one new business per own
// domain, else one each, ids in row order (nextval runs over the sorted groups). Inserting
// the matches first and updating the rest afterwards rewrote most rows of the table.
const ASSIGN_BUSINESSES = (newTable: string) => `
WITH m AS MATERIALIZED (
  SELECT n.rn, m.bid,
    CASE WHEN s.website_domain IS NOT NULL AND NOT (s.website_domain = ANY ($1::text[]))
         THEN 'domain:' || s.website_domain ELSE 'row:' || n.rn END AS key
  FROM ${newTable} n JOIN ${S} s ON s.rn = n.rn,
  LATERAL (SELECT COALESCE(
      (SELECT min(q."businessId" + 0) FROM "Prospect" q
        WHERE q.phone = s.phone AND q."businessId" IS NOT NULL
          AND (q."postalCode" IS NULL OR s.postal_code IS NULL OR q."postalCode" = s.postal_code)
          AND (q."nameKey" = s.name_key OR names_agree(q."nameKey", s.name_key))),
      (SELECT min(q."businessId" + 0) FROM "Prospect" q
        WHERE q."websiteDomain" = s.website_domain AND q."businessId" IS NOT NULL AND NOT (s.website_domain = ANY ($1::text[]))),
      (SELECT min(q."businessId" + 0) FROM "Prospect" q
        WHERE q."nameKey" = s.name_key AND q."postalCode" = s.postal_code AND q."businessId" IS NOT NULL)
    ) AS bid) m
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
