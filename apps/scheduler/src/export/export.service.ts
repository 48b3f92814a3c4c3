// One record per prospect of a campaign's latest scan (or a given scan), with every
// answer, its confidence and its evidence; null where unknown.
import type { PrismaClient } from '@prospector/core';
import { ANSWER_FIELDS, catalogedColumns, type AnswerColumns, type CatalogedColumns, type ProviderField } from '@prospector/agents';
import { answersOf, campaignRows } from '../scan/campaign-rows.ts';
import { latestScan } from '@prospector/core';
import { campaignPlaybook, loadChangeSignals } from '../history/change-priority.ts';

export interface ExportRecord extends AnswerColumns, CatalogedColumns {
  externalId: string;
  name: string;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  phone: string | null;
  score: number | null;
  tier: string | null;
  /** The score plus the boost of a change signal (left a competitor, joined a poor-service one). */
  priority?: number | null;
  reasons: string[];
  confidence: Record<string, number> | null;
  evidence: Record<string, unknown> | null;
  scannedAt: string | null;
  /** Answers a rep's correction overrides (the correction itself is in evidence.corrections). */
  corrected: string[];
}

/** Streams export records page by page so a large campaign never sits in memory whole. */
export async function* exportRecords(prisma: PrismaClient, campaignName: string): AsyncGenerator<ExportRecord> {
  const { campaign, scan } = await latestScan(prisma, campaignName);
  const signals = await loadChangeSignals(prisma, scan?.id ?? null, campaignPlaybook(campaign));
  for await (const { prospect: p, finding: f } of campaignRows(prisma, campaignName)) {
    const answers = answersOf(f);
    const evidence = (f?.evidence as (Record<string, unknown> & { cataloged?: Partial<Record<ProviderField, boolean>> }) | undefined) ?? null;
    const signal = signals.get(p.id);
    yield {
      externalId: p.externalId,
      name: p.name,
      city: p.city,
      region: p.region,
      postalCode: p.postalCode,
      phone: p.phone,
      ...answers,
      ...catalogedColumns(answers, evidence?.cataloged),
      priority: f ? f.score + (signal?.boost ?? 0) : null,
      reasons: [...(signal?.reasons ?? []), ...((f?.reasons as string[] | undefined) ?? [])],
      confidence: (f?.confidence as Record<string, number> | undefined) ?? null,
      evidence,
      scannedAt: f?.classifiedAt.toISOString() ?? null,
      corrected: f?.corrected ?? [],
    };
  }
}

export const CSV_COLUMNS = [
  'externalId', 'name', 'city', 'region', 'postalCode', 'phone', ...ANSWER_FIELDS.filter((f) => f !== 'presence' && f !== 'domain'),
] as const;
