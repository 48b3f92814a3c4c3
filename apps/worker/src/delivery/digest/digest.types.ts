// The shapes a digest is made of: its sections and rows, what a subscription asks for, and
// the signature of a section's source.
import type { PrismaClient } from '@prospector/core';

export interface DigestRow {
  prospectId: number;
  name: string;
  place: string;
  tier: string;
  score: number;
  isp: string | null;
  domain: string | null;
  /** What happened to the lead (passed back why, what changed); absent for a new lead. */
  note?: string | null;
  url: string;
}

export const DIGEST_CONTENT = ['new-leads', 'passed-back', 'changes', 'stale'] as const;
export type DigestContentKey = (typeof DIGEST_CONTENT)[number];

export interface DigestSection {
  key: DigestContentKey;
  title: string;
  rows: DigestRow[];
}

export interface DigestSubject {
  id: number;
  campaignId: number;
  tiers: string[];
  team: string | null;
  /** The sections this subscription asked for (DIGEST_CONTENT). */
  content: string[];
  watermark: Date | null;
  createdAt: Date;
}

export interface DigestContent {
  sections: DigestSection[];
  /** The watermark after this digest: the finish time of the newest scan it covered. */
  nextWatermark: Date | null;
}

export type DigestSectionSource = (prisma: PrismaClient, subject: DigestSubject, publicUrl: string) => Promise<{ section: DigestSection; watermark: Date | null } | null>;

