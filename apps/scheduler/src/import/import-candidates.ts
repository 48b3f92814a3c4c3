// The stored prospects a batch could match, fetched once per batch. Both the merge
// (import-merge.ts: same campaign, by phone and by name + postal code) and the business
// identity (import-identity.ts: any campaign, by the same keys and the own domain) look
// stored prospects up by the staged rows' keys. As correlated subqueries that was five
// index probes per staged row (a subplan rescan costs ~3 µs); here the phones are one
// array-driven index scan (~1 µs a key) and each name + postal code one probe, shared by
// both users, which then join these small tables by hash.
// Prospect is not written between the fetch and the last use in a batch (the batch's own
// prospects are inserted afterwards), so the candidates are what the probes saw.
import type pg from 'pg';
import { STAGE_TABLE as S } from './staging.ts';

export const PHONE_CANDIDATES = 'import_cand_phone';
export const NAME_CANDIDATES = 'import_cand_name';

export const CREATE_CANDIDATES_SQL = [
  `CREATE TEMP TABLE ${PHONE_CANDIDATES} (id integer NOT NULL, campaign_id integer NOT NULL, phone text NOT NULL,
     name_key text NOT NULL, postal_code text, business_id integer) ON COMMIT DROP`,
  `CREATE TEMP TABLE ${NAME_CANDIDATES} (id integer NOT NULL, campaign_id integer NOT NULL, name_key text NOT NULL,
     postal_code text NOT NULL, business_id integer) ON COMMIT DROP`,
];

/** Every stored prospect (any campaign) with a phone of the batch. */
const FETCH_BY_PHONE = `
INSERT INTO ${PHONE_CANDIDATES} (id, campaign_id, phone, name_key, postal_code, business_id)
SELECT q.id, q."campaignId", q.phone, q."nameKey", q."postalCode", q."businessId" FROM "Prospect" q
WHERE q.phone = ANY (ARRAY(SELECT DISTINCT phone FROM ${S} WHERE reject IS NULL AND phone IS NOT NULL))`;

/**
 * Every stored prospect (any campaign) with a name key and postal code of the batch. One
 * exact probe per pair (OFFSET 0 keeps it a probe): an array on the name key alone would
 * fetch every stored location of a chain's name, batch after batch.
 */
const FETCH_BY_NAME = `
INSERT INTO ${NAME_CANDIDATES} (id, campaign_id, name_key, postal_code, business_id)
SELECT q.id, q."campaignId", q."nameKey", q."postalCode", q."businessId"
FROM (SELECT DISTINCT name_key, postal_code FROM ${S} WHERE reject IS NULL AND postal_code IS NOT NULL) k,
LATERAL (SELECT p.id, p."campaignId", p."nameKey", p."postalCode", p."businessId" FROM "Prospect" p
         WHERE p."nameKey" = k.name_key AND p."postalCode" = k.postal_code OFFSET 0) q`;

/** Refills the candidate tables for the batch now staged. */
export async function fetchCandidates(client: pg.PoolClient): Promise<void> {
  await client.query(`TRUNCATE ${PHONE_CANDIDATES}, ${NAME_CANDIDATES}`);
  await client.query(FETCH_BY_PHONE);
  await client.query(FETCH_BY_NAME);
  await client.query(`ANALYZE ${PHONE_CANDIDATES}`);
  await client.query(`ANALYZE ${NAME_CANDIDATES}`);
}
