-- Delivery outbox and webhooks (issue 16). An event is written in the same transaction as
-- the change it reports; its id is derived from (type, subject, key), so recording it twice
-- is a no-op. Each (event, endpoint) pair becomes one message with a frozen body, so every
-- retry carries the same webhook-id and the same bytes.
CREATE TABLE "DeliveryEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatchedAt" TIMESTAMP(3),
    CONSTRAINT "DeliveryEvent_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "DeliveryEvent_dispatchedAt_occurredAt_idx" ON "DeliveryEvent"("dispatchedAt", "occurredAt");

CREATE TABLE "WebhookEndpoint" (
    "id" SERIAL NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[],
    "secrets" TEXT[],
    "status" TEXT NOT NULL DEFAULT 'enabled',
    "disabledReason" TEXT,
    "failingSince" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "WebhookMessage" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "endpointId" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastStatusCode" INTEGER,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebhookMessage_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "WebhookMessage_eventId_endpointId_key" ON "WebhookMessage"("eventId", "endpointId");
CREATE INDEX "WebhookMessage_endpointId_status_idx" ON "WebhookMessage"("endpointId", "status");
ALTER TABLE "WebhookMessage" ADD CONSTRAINT "WebhookMessage_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "DeliveryEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WebhookMessage" ADD CONSTRAINT "WebhookMessage_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "WebhookAttempt" (
    "id" SERIAL NOT NULL,
    "messageId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "statusCode" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "error" TEXT,
    "responseExcerpt" TEXT,
    CONSTRAINT "WebhookAttempt_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "WebhookAttempt_messageId_idx" ON "WebhookAttempt"("messageId");
ALTER TABLE "WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "WebhookMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
