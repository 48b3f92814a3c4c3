-- Corrections from reps override findings when read; scoring weights are versioned data.
ALTER TABLE "Campaign" ADD COLUMN "modelVersion" INTEGER;

-- CreateTable
CREATE TABLE "Correction" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "prospectId" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "note" TEXT,
    "correctedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "replacedScanId" INTEGER,
    "replacedValue" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "supersededAt" TIMESTAMP(3),
    "supersededByScanId" INTEGER,
    "supersededValue" TEXT,
    CONSTRAINT "Correction_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ScoringModel" (
    "id" SERIAL NOT NULL,
    "version" INTEGER NOT NULL,
    "weights" JSONB NOT NULL,
    "labels" INTEGER NOT NULL,
    "validation" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ScoringModel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Correction_prospectId_field_status_idx" ON "Correction"("prospectId", "field", "status");
CREATE INDEX "Correction_campaignId_status_idx" ON "Correction"("campaignId", "status");
CREATE UNIQUE INDEX "ScoringModel_version_key" ON "ScoringModel"("version");

-- AddForeignKey
ALTER TABLE "Correction" ADD CONSTRAINT "Correction_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Correction" ADD CONSTRAINT "Correction_prospectId_fkey" FOREIGN KEY ("prospectId") REFERENCES "Prospect"("id") ON DELETE CASCADE ON UPDATE CASCADE;
