-- CreateTable
CREATE TABLE "Campaign" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "playbook" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ImportRun" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "rowsRead" INTEGER NOT NULL,
    "created" INTEGER NOT NULL,
    "merged" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ImportRun_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Prospect" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "address" TEXT,
    "city" TEXT,
    "region" TEXT,
    "postalCode" TEXT,
    "phone" TEXT,
    "website" TEXT,
    "websiteDomain" TEXT,
    "email" TEXT,
    "emailDomain" TEXT,
    "employees" INTEGER,
    "revenue" DOUBLE PRECISION,
    "industryCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Prospect_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "SourceRow" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "prospectId" INTEGER NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "recordId" TEXT,
    "raw" JSONB NOT NULL,
    CONSTRAINT "SourceRow_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "RejectedRow" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "raw" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RejectedRow_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Scan" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "total" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    CONSTRAINT "Scan_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "StageRun" (
    "id" SERIAL NOT NULL,
    "scanId" INTEGER NOT NULL,
    "prospectId" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,
    "subject" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "error" TEXT,
    "errorKind" TEXT,
    "finishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StageRun_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AgentResult" (
    "id" SERIAL NOT NULL,
    "scanId" INTEGER NOT NULL,
    "prospectId" INTEGER NOT NULL,
    "agent" TEXT NOT NULL,
    "subject" TEXT NOT NULL DEFAULT '',
    "result" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgentResult_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Candidate" (
    "id" SERIAL NOT NULL,
    "scanId" INTEGER NOT NULL,
    "prospectId" INTEGER NOT NULL,
    "domain" TEXT NOT NULL,
    "sources" JSONB NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "authenticity" DOUBLE PRECISION,
    "landingDomain" TEXT,
    "reason" TEXT,
    CONSTRAINT "Candidate_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "DnsRecord" (
    "id" SERIAL NOT NULL,
    "scanId" INTEGER NOT NULL,
    "prospectId" INTEGER NOT NULL,
    "domain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "ttl" INTEGER,
    CONSTRAINT "DnsRecord_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Address" (
    "id" SERIAL NOT NULL,
    "scanId" INTEGER NOT NULL,
    "prospectId" INTEGER NOT NULL,
    "domain" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "asn" INTEGER,
    "asnPrefix" TEXT,
    "asnOwner" TEXT,
    "country" TEXT,
    "ptr" TEXT,
    CONSTRAINT "Address_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "HttpObservation" (
    "id" SERIAL NOT NULL,
    "scanId" INTEGER NOT NULL,
    "prospectId" INTEGER NOT NULL,
    "domain" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "finalUrl" TEXT,
    "status" INTEGER,
    "chain" JSONB NOT NULL,
    "headers" JSONB NOT NULL,
    "tls" JSONB,
    "title" TEXT,
    "generator" TEXT,
    "technologies" JSONB NOT NULL,
    "error" TEXT,
    "errorKind" TEXT,
    "fetchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "HttpObservation_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Finding" (
    "id" SERIAL NOT NULL,
    "scanId" INTEGER NOT NULL,
    "prospectId" INTEGER NOT NULL,
    "presence" TEXT NOT NULL,
    "domain" TEXT,
    "emailProvider" TEXT,
    "emailGateway" TEXT,
    "webHost" TEXT,
    "dnsProvider" TEXT,
    "isp" TEXT,
    "ecommercePlatform" TEXT,
    "cms" TEXT,
    "voipProvider" TEXT,
    "score" INTEGER NOT NULL,
    "tier" TEXT NOT NULL,
    "reasons" JSONB NOT NULL,
    "confidence" JSONB NOT NULL,
    "evidence" JSONB NOT NULL,
    "classifiedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_name_key" ON "Campaign"("name");
CREATE UNIQUE INDEX "ImportRun_campaignId_fileSha256_key" ON "ImportRun"("campaignId", "fileSha256");
CREATE UNIQUE INDEX "Prospect_campaignId_nameKey_postalCode_key" ON "Prospect"("campaignId", "nameKey", "postalCode");
CREATE INDEX "Prospect_campaignId_phone_idx" ON "Prospect"("campaignId", "phone");
CREATE UNIQUE INDEX "SourceRow_campaignId_fileSha256_rowNumber_key" ON "SourceRow"("campaignId", "fileSha256", "rowNumber");
CREATE INDEX "SourceRow_prospectId_idx" ON "SourceRow"("prospectId");
CREATE UNIQUE INDEX "RejectedRow_campaignId_fileSha256_rowNumber_key" ON "RejectedRow"("campaignId", "fileSha256", "rowNumber");
CREATE UNIQUE INDEX "Scan_campaignId_number_key" ON "Scan"("campaignId", "number");
CREATE UNIQUE INDEX "StageRun_scanId_prospectId_stage_subject_key" ON "StageRun"("scanId", "prospectId", "stage", "subject");
CREATE INDEX "StageRun_scanId_stage_status_idx" ON "StageRun"("scanId", "stage", "status");
CREATE UNIQUE INDEX "AgentResult_scanId_prospectId_agent_subject_key" ON "AgentResult"("scanId", "prospectId", "agent", "subject");
CREATE UNIQUE INDEX "Candidate_scanId_prospectId_domain_key" ON "Candidate"("scanId", "prospectId", "domain");
CREATE UNIQUE INDEX "DnsRecord_scanId_prospectId_name_type_value_key" ON "DnsRecord"("scanId", "prospectId", "name", "type", "value");
CREATE INDEX "DnsRecord_type_value_idx" ON "DnsRecord"("type", "value");
CREATE UNIQUE INDEX "Address_scanId_prospectId_ip_hostname_key" ON "Address"("scanId", "prospectId", "ip", "hostname");
CREATE INDEX "Address_asn_idx" ON "Address"("asn");
CREATE UNIQUE INDEX "HttpObservation_scanId_prospectId_domain_key" ON "HttpObservation"("scanId", "prospectId", "domain");
CREATE UNIQUE INDEX "Finding_scanId_prospectId_key" ON "Finding"("scanId", "prospectId");
CREATE INDEX "Finding_scanId_tier_idx" ON "Finding"("scanId", "tier");

-- AddForeignKey
ALTER TABLE "ImportRun" ADD CONSTRAINT "ImportRun_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Prospect" ADD CONSTRAINT "Prospect_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SourceRow" ADD CONSTRAINT "SourceRow_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SourceRow" ADD CONSTRAINT "SourceRow_prospectId_fkey" FOREIGN KEY ("prospectId") REFERENCES "Prospect"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "RejectedRow" ADD CONSTRAINT "RejectedRow_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Scan" ADD CONSTRAINT "Scan_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "StageRun" ADD CONSTRAINT "StageRun_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "StageRun" ADD CONSTRAINT "StageRun_prospectId_fkey" FOREIGN KEY ("prospectId") REFERENCES "Prospect"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AgentResult" ADD CONSTRAINT "AgentResult_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AgentResult" ADD CONSTRAINT "AgentResult_prospectId_fkey" FOREIGN KEY ("prospectId") REFERENCES "Prospect"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_prospectId_fkey" FOREIGN KEY ("prospectId") REFERENCES "Prospect"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DnsRecord" ADD CONSTRAINT "DnsRecord_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DnsRecord" ADD CONSTRAINT "DnsRecord_prospectId_fkey" FOREIGN KEY ("prospectId") REFERENCES "Prospect"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Address" ADD CONSTRAINT "Address_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Address" ADD CONSTRAINT "Address_prospectId_fkey" FOREIGN KEY ("prospectId") REFERENCES "Prospect"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "HttpObservation" ADD CONSTRAINT "HttpObservation_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "HttpObservation" ADD CONSTRAINT "HttpObservation_prospectId_fkey" FOREIGN KEY ("prospectId") REFERENCES "Prospect"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_prospectId_fkey" FOREIGN KEY ("prospectId") REFERENCES "Prospect"("id") ON DELETE CASCADE ON UPDATE CASCADE;
