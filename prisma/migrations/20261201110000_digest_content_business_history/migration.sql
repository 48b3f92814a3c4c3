-- What a digest reports, per subscription: any of new-leads, passed-back, changes, stale.
ALTER TABLE "DigestSubscription" ADD COLUMN "content" TEXT[] NOT NULL DEFAULT ARRAY['new-leads', 'passed-back', 'changes', 'stale']::TEXT[];

-- History is derived per business: the findings of a business's other prospects (earlier
-- lists, other campaigns) are read by prospect id.
CREATE INDEX "Finding_prospectId_idx" ON "Finding"("prospectId");
