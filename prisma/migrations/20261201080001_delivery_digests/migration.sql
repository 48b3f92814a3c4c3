-- E-mail digests (issue 16). A subscription is keyed by a recipient e-mail and an optional
-- team name until the teams tables land; its watermark is the finish time of the last scan a
-- digest covered. A send is keyed by (subscription, period): a rerun for the period sends nothing.
CREATE TABLE "DigestSubscription" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "team" TEXT,
    "campaignId" INTEGER NOT NULL,
    "cadence" TEXT NOT NULL,
    "cronPattern" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "tiers" TEXT[],
    "watermark" TIMESTAMP(3),
    "unsubscribedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DigestSubscription_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "DigestSubscription_email_campaignId_key" ON "DigestSubscription"("email", "campaignId");
ALTER TABLE "DigestSubscription" ADD CONSTRAINT "DigestSubscription_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "DigestSend" (
    "id" SERIAL NOT NULL,
    "subscriptionId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'sending',
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "messageId" TEXT NOT NULL,
    "rows" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "DigestSend_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "DigestSend_subscriptionId_period_key" ON "DigestSend"("subscriptionId", "period");
ALTER TABLE "DigestSend" ADD CONSTRAINT "DigestSend_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "DigestSubscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;
