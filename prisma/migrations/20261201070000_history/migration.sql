-- History derived from the scans' findings (the findings stay the truth): provider
-- periods (SCD2) and change events between two scans, both written set-based when a
-- scan completes, keyed so that a re-run of completion adds nothing.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- One row per run of the same known value of one answer field of one prospect.
-- "validTo" NULL means current. Prisma has no range type, so validity is two columns
-- and the no-overlap rule lives here (deferred: closing a period and opening the next
-- happen in one statement).
CREATE TABLE "ProviderPeriod" (
    "id" SERIAL NOT NULL,
    "prospectId" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "firstScanId" INTEGER NOT NULL,
    "lastScanId" INTEGER NOT NULL,
    "firstScanNumber" INTEGER NOT NULL,
    "lastScanNumber" INTEGER NOT NULL,
    "validFrom" TIMESTAMP(3) NOT NULL,
    "validTo" TIMESTAMP(3),
    CONSTRAINT "ProviderPeriod_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ProviderPeriod_no_overlap" EXCLUDE USING gist ("prospectId" WITH =, "field" WITH =, tsrange("validFrom", "validTo") WITH &&) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE "ChangeEvent" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "prospectId" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fromValue" TEXT,
    "toValue" TEXT,
    "fromScanId" INTEGER NOT NULL,
    "toScanId" INTEGER NOT NULL,
    "fromScanNumber" INTEGER NOT NULL,
    "toScanNumber" INTEGER NOT NULL,
    "fromConfidence" DOUBLE PRECISION,
    "toConfidence" DOUBLE PRECISION,
    "confidence" DOUBLE PRECISION,
    "fromEvidence" JSONB NOT NULL,
    "toEvidence" JSONB NOT NULL,
    "flapping" BOOLEAN NOT NULL DEFAULT false,
    "detectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ChangeEvent_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ProviderPeriod_prospectId_field_firstScanId_key" ON "ProviderPeriod"("prospectId", "field", "firstScanId");
CREATE UNIQUE INDEX "ChangeEvent_prospectId_field_toScanId_key" ON "ChangeEvent"("prospectId", "field", "toScanId");
CREATE INDEX "ChangeEvent_campaignId_toScanNumber_idx" ON "ChangeEvent"("campaignId", "toScanNumber");

ALTER TABLE "ProviderPeriod" ADD CONSTRAINT "ProviderPeriod_prospectId_fkey" FOREIGN KEY ("prospectId") REFERENCES "Prospect"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ProviderPeriod" ADD CONSTRAINT "ProviderPeriod_firstScanId_fkey" FOREIGN KEY ("firstScanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ProviderPeriod" ADD CONSTRAINT "ProviderPeriod_lastScanId_fkey" FOREIGN KEY ("lastScanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ChangeEvent" ADD CONSTRAINT "ChangeEvent_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ChangeEvent" ADD CONSTRAINT "ChangeEvent_prospectId_fkey" FOREIGN KEY ("prospectId") REFERENCES "Prospect"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ChangeEvent" ADD CONSTRAINT "ChangeEvent_fromScanId_fkey" FOREIGN KEY ("fromScanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ChangeEvent" ADD CONSTRAINT "ChangeEvent_toScanId_fkey" FOREIGN KEY ("toScanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
