-- Windowed admission: a scan adds its prospects' flows a window at a time (at most
-- "admitWindow" prospects in flight, topped up "admitChunk" at a time), up to the campaign's
-- last prospect when it started ("admitUpTo"), and records how far it got: the highest
-- prospect id admitted ("admittedTo", the cursor) and how many ("admitted").
ALTER TABLE "Scan" ADD COLUMN "admitUpTo" INTEGER NOT NULL DEFAULT 0,
                   ADD COLUMN "admittedTo" INTEGER NOT NULL DEFAULT 0,
                   ADD COLUMN "admitted" INTEGER NOT NULL DEFAULT 0,
                   ADD COLUMN "admitWindow" INTEGER NOT NULL DEFAULT 0,
                   ADD COLUMN "admitChunk" INTEGER NOT NULL DEFAULT 0;

-- Scans started before this migration fanned out their whole campaign at once: record them as
-- fully admitted, so a top-up never re-adds their flows.
UPDATE "Scan" s SET "admitted" = s.total, "admitUpTo" = m.last, "admittedTo" = m.last
  FROM (SELECT c.id, COALESCE(max(p.id), 0) AS last FROM "Campaign" c LEFT JOIN "Prospect" p ON p."campaignId" = c.id GROUP BY c.id) m
  WHERE m.id = s."campaignId";
