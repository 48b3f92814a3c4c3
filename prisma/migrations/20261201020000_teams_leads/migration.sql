-- Regional teams, suppression lists, leads and their append-only history (issue 15).

CREATE TABLE "Team" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "passesTo" TEXT,
    "position" INTEGER NOT NULL,
    "rotation" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Team_name_key" ON "Team"("name");

CREATE TABLE "TeamMember" (
    "id" SERIAL NOT NULL,
    "teamId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "role" TEXT NOT NULL DEFAULT 'rep',
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TeamMember_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "TeamMember_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "TeamMember_teamId_email_key" ON "TeamMember"("teamId", "email");
CREATE INDEX "TeamMember_email_idx" ON "TeamMember"("email");

CREATE TABLE "Territory" (
    "id" SERIAL NOT NULL,
    "teamId" INTEGER NOT NULL,
    "states" TEXT[],
    "counties" TEXT[],
    "postalPrefixes" TEXT[],
    "industryCodes" TEXT[],
    "tiers" TEXT[],
    CONSTRAINT "Territory_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Territory_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Territory_teamId_key" ON "Territory"("teamId");

CREATE TABLE "Suppression" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Suppression_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Suppression_kind_value_key" ON "Suppression"("kind", "value");

CREATE TABLE "Lead" (
    "id" SERIAL NOT NULL,
    "prospectId" INTEGER NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "scanId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "teamId" INTEGER,
    "memberId" INTEGER,
    "qualifiedTeamId" INTEGER,
    "qualifiedMemberId" INTEGER,
    "passBacks" INTEGER NOT NULL DEFAULT 0,
    "routeRule" TEXT,
    "routeReason" TEXT NOT NULL,
    "disqualifyReason" TEXT,
    "stateSince" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastActivityAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Lead_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Lead_prospectId_fkey" FOREIGN KEY ("prospectId") REFERENCES "Prospect"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Lead_prospectId_key" ON "Lead"("prospectId");
CREATE INDEX "Lead_teamId_status_idx" ON "Lead"("teamId", "status");
CREATE INDEX "Lead_status_lastActivityAt_idx" ON "Lead"("status", "lastActivityAt");

CREATE TABLE "LeadEvent" (
    "id" SERIAL NOT NULL,
    "leadId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT,
    "teamId" INTEGER,
    "memberId" INTEGER,
    "rule" TEXT,
    "reason" TEXT,
    CONSTRAINT "LeadEvent_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "LeadEvent_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "LeadEvent_leadId_id_idx" ON "LeadEvent"("leadId", "id");

-- The log is evidence of who did what: rows are only ever added.
CREATE FUNCTION lead_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'LeadEvent is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER "LeadEvent_append_only" BEFORE UPDATE OR DELETE ON "LeadEvent"
  FOR EACH ROW EXECUTE FUNCTION lead_event_append_only();

CREATE TABLE "LeadExclusion" (
    "id" SERIAL NOT NULL,
    "prospectId" INTEGER NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "scanId" INTEGER NOT NULL,
    "cause" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LeadExclusion_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "LeadExclusion_prospectId_key" ON "LeadExclusion"("prospectId");

ALTER TABLE "ApiToken" ADD COLUMN "memberEmail" TEXT;
