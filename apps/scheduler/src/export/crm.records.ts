// What the CRM layouts need beyond the standard export record: the list's own address,
// website, e-mail and firmographics. Streamed page by page like exportRecords.
import type { PrismaClient } from '@prospector/core';
import type { AnswerColumns } from '@prospector/agents';
import { answersOf, campaignRows } from '../scan/campaign-rows.ts';

export interface CrmRecord extends AnswerColumns {
  externalId: string;
  name: string;
  address: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  /** ISO 3166 alpha-2; the list has no country column, so it is the import's default. */
  country: string;
  phone: string | null;
  website: string | null;
  email: string | null;
  employees: number | null;
  revenue: number | null;
  industryCode: string | null;
  score: number | null;
  tier: string | null;
  reasons: string[];
}

export async function* crmRecords(prisma: PrismaClient, campaignName: string, country = 'US'): AsyncGenerator<CrmRecord> {
  for await (const { record } of crmRecordsWithIds(prisma, campaignName, country)) yield record;
}

/** The same records with their prospect's id: the CRM push keys each by it. */
export async function* crmRecordsWithIds(prisma: PrismaClient, campaignName: string, country = 'US'): AsyncGenerator<{ prospectId: number; record: CrmRecord }> {
  for await (const { prospect: p, finding: f } of campaignRows(prisma, campaignName)) {
    const record: CrmRecord = {
      externalId: p.externalId, name: p.name, address: p.address, city: p.city, region: p.region, postalCode: p.postalCode,
      country, phone: p.phone, website: p.website, email: p.email, employees: p.employees, revenue: p.revenue, industryCode: p.industryCode,
      ...answersOf(f),
      domain: f?.domain ?? p.websiteDomain ?? null,
      reasons: Array.isArray(f?.reasons) ? f.reasons.filter((r): r is string => typeof r === 'string') : [],
    };
    yield { prospectId: p.id, record };
  }
}
