-- Why a list row joined an existing prospect instead of creating one (NULL: it created it).
-- 'same-phone-and-name': the rows share a phone number and their names agree;
-- 'same-name-and-postal-code': same normalised name in the same postal code.
ALTER TABLE "SourceRow" ADD COLUMN "mergeReason" TEXT;

-- Whether two normalised business names (nameKey: lower-case tokens, legal suffixes
-- stripped, space-separated) are the same business's: equal, or sharing at least half of
-- their distinct tokens (Jaccard >= 0.5: "acme plumbing" / "acme plumbing heating" agree,
-- "smith dental" / "smith law" do not). A shared phone number merges rows only when
-- their names agree: a main line is shared by the offices of a building.
CREATE FUNCTION names_agree(a TEXT, b TEXT) RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT a = b OR (
    SELECT 2 * count(*) FILTER (WHERE in_a AND in_b) >= count(*) AND count(*) > 0
    FROM (
      SELECT bool_or(side = 1) AS in_a, bool_or(side = 2) AS in_b
      FROM (
        SELECT t, 1 AS side FROM unnest(string_to_array(a, ' ')) t
        UNION ALL
        SELECT t, 2 AS side FROM unnest(string_to_array(b, ' ')) t
      ) tokens
      WHERE t <> ''
      GROUP BY t
    ) distinct_tokens
  )
$$;

-- One row per real-world business, across imports and campaigns: the same business in a
-- later purchased list (same phone with agreeing name, same own domain, or same name in
-- the same postal code) gets the same Business, so its history can carry over.
CREATE TABLE "Business" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Business_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "Prospect" ADD COLUMN "businessId" INTEGER;
ALTER TABLE "Prospect" ADD CONSTRAINT "Prospect_businessId_fkey" FOREIGN KEY ("businessId") REFERENCES "Business"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The identity probes look across campaigns, so each key needs an index of its own.
CREATE INDEX "Prospect_businessId_idx" ON "Prospect"("businessId");
CREATE INDEX "Prospect_phone_idx" ON "Prospect"("phone");
CREATE INDEX "Prospect_websiteDomain_idx" ON "Prospect"("websiteDomain");
CREATE INDEX "Prospect_nameKey_postalCode_idx" ON "Prospect"("nameKey", "postalCode");
