// One record per prospect of a campaign's latest scan (or a given scan), with every
// answer, its confidence and its evidence; null where unknown.
import type { PrismaClient } from '@prospector/core';
import { ANSWER_FIELDS, type AnswerColumns } from '@prospector/agents';
import { answersOf, campaignRows } from '../scan/campaign-rows.ts';

export interface ExportRecord extends AnswerColumns {
  externalId: string;
  name: string;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  phone: string | null;
  score: number | null;
  tier: string | null;
  reasons: string[];
  confidence: Record<string, number> | null;
  evidence: Record<string, unknown> | null;
  scannedAt: string | null;
  /** Answers a rep's correction overrides (the correction itself is in evidence.corrections). */
  corrected: string[];
}

/** Streams export records page by page so a large campaign never sits in memory whole. */
export async function* exportRecords(prisma: PrismaClient, campaignName: string): AsyncGenerator<ExportRecord> {
  for await (const { prospect: p, finding: f } of campaignRows(prisma, campaignName)) {
    yield {
      externalId: p.externalId,
      name: p.name,
      city: p.city,
      region: p.region,
      postalCode: p.postalCode,
      phone: p.phone,
      ...answersOf(f),
      reasons: (f?.reasons as string[] | undefined) ?? [],
      confidence: (f?.confidence as Record<string, number> | undefined) ?? null,
      evidence: (f?.evidence as Record<string, unknown> | undefined) ?? null,
      scannedAt: f?.classifiedAt.toISOString() ?? null,
      corrected: f?.corrected ?? [],
    };
  }
}

export const CSV_COLUMNS = [
  'externalId', 'name', 'city', 'region', 'postalCode', 'phone', ...ANSWER_FIELDS.filter((f) => f !== 'presence' && f !== 'domain'),
] as const;
