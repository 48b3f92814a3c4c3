// Types of the campaign statistics (shared by the computation and the table renderer).
import type { AnswerField, ClassifyResult, Presence } from '../types.ts';

export interface FindingRow {
  campaign?: string | null;
  region: string | null;
  presence: Presence;
  emailProvider: string | null;
  emailGateway: string | null;
  webHost: string | null;
  dnsProvider: string | null;
  isp: string | null;
  ecommercePlatform: string | null;
  tier: ClassifyResult['tier'] | null;
  unknownReasons: Partial<Record<AnswerField, string>>;
}

export const SHARE_FIELDS = ['isp', 'emailProvider', 'emailGateway', 'webHost', 'dnsProvider', 'ecommercePlatform'] as const;
export type ShareField = (typeof SHARE_FIELDS)[number];

export interface Share {
  slug: string;
  count: number;
  /** Of the prospects whose answer is known. */
  shareOfKnown: number;
  /** Of all prospects. */
  shareOfAll: number;
}

export interface GroupStats {
  key: string;
  prospects: number;
  presence: Record<Presence, { count: number; rate: number }>;
  shares: Record<ShareField, { known: number; unknown: number; top: Share[] }>;
  competitorCustomers: { count: number; rate: number; byCompetitor: Record<string, number> };
  tiers: Record<'A' | 'B' | 'C' | 'D' | 'none', number>;
  /** Per field: how many are unknown and the commonest reasons. */
  unknowns: Partial<Record<AnswerField, { count: number; reasons: { reason: string; count: number }[] }>>;
}

export interface CampaignStats {
  overall: GroupStats;
  byRegion: GroupStats[];
  byCampaign: GroupStats[];
}

export interface CampaignStatsOptions {
  /** ISP slugs that are competitors (the playbook's); without it, any known ISP counts. */
  competitors?: readonly string[];
}
