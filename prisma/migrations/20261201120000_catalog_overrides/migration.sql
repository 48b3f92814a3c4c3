-- CreateTable
CREATE TABLE "CatalogOverride" (
    "id" SERIAL NOT NULL,
    "field" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "support" INTEGER NOT NULL,
    "acceptedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CatalogOverride_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CatalogOverride_field_evidence_pattern_key" ON "CatalogOverride"("field", "evidence", "pattern");
