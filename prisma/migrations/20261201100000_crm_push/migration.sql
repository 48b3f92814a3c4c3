-- CRM push (issue 16): connections, push runs, the per-record push log, and the state each
-- CRM last accepted per record (what a re-push diffs against).
CREATE TABLE "CrmConnection" (
    "crm" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "auth" JSONB NOT NULL,
    "mapping" JSONB,
    "autoPush" BOOLEAN NOT NULL DEFAULT false,
    "autoAssign" TEXT NOT NULL DEFAULT 'FALSE',
    "apiVersion" TEXT NOT NULL DEFAULT 'v62.0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CrmConnection_pkey" PRIMARY KEY ("crm")
);

CREATE TABLE "CrmPush" (
    "id" TEXT NOT NULL,
    "crm" TEXT NOT NULL,
    "object" TEXT NOT NULL,
    "campaignId" INTEGER,
    "trigger" TEXT NOT NULL,
    "onlyChanged" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "total" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    CONSTRAINT "CrmPush_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "CrmPush_status_idx" ON "CrmPush"("status");

CREATE TABLE "CrmPushItem" (
    "id" SERIAL NOT NULL,
    "pushId" TEXT NOT NULL,
    "prospectId" INTEGER NOT NULL,
    "recordKey" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "properties" JSONB NOT NULL,
    "hash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "created" BOOLEAN,
    "crmId" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "sentAt" TIMESTAMP(3),
    CONSTRAINT "CrmPushItem_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "CrmPushItem_pushId_prospectId_key" ON "CrmPushItem"("pushId", "prospectId");
CREATE INDEX "CrmPushItem_pushId_status_idx" ON "CrmPushItem"("pushId", "status");
ALTER TABLE "CrmPushItem" ADD CONSTRAINT "CrmPushItem_pushId_fkey" FOREIGN KEY ("pushId") REFERENCES "CrmPush"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "CrmRecordState" (
    "crm" TEXT NOT NULL,
    "recordKey" TEXT NOT NULL,
    "prospectId" INTEGER NOT NULL,
    "crmId" TEXT,
    "sent" JSONB NOT NULL,
    "hash" TEXT NOT NULL,
    "pushedAt" TIMESTAMP(3) NOT NULL,
    "lastPushId" TEXT NOT NULL,
    CONSTRAINT "CrmRecordState_pkey" PRIMARY KEY ("crm","recordKey")
);
CREATE INDEX "CrmRecordState_prospectId_idx" ON "CrmRecordState"("prospectId");
