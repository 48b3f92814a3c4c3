// One record per prospect of a campaign's latest scan (or a given scan), with every
// answer, its confidence and its evidence; null where unknown.
import type { PrismaClient } from '@prospector/core';
import { ANSWER_FIELDS } from '@prospector/agents';
import { latestScan } from '../scan/scan.service.ts';

export interface ExportRecord {
  externalId: string;
  name: string;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  phone: string | null;
  presence: string | null;
  domain: string | null;
  emailProvider: string | null;
  emailGateway: string | null;
  webHost: string | null;
  dnsProvider: string | null;
  isp: string | null;
  ecommercePlatform: string | null;
  cms: string | null;
  voipProvider: string | null;
  score: number | null;
  tier: string | null;
  reasons: string[];
  confidence: Record<string, number> | null;
  evidence: Record<string, unknown> | null;
  scannedAt: string | null;
}

const PAGE = 1000;

/** Streams export records page by page so a large campaign never sits in memory whole. */
export async function* exportRecords(prisma: PrismaClient, campaignName: string): AsyncGenerator<ExportRecord> {
  const { campaign, scan } = await latestScan(prisma, campaignName);
  let cursor = 0;
  for (;;) {
    const prospects = await prisma.prospect.findMany({
      where: { campaignId: campaign.id, id: { gt: cursor } },
      orderBy: { id: 'asc' },
      take: PAGE,
      include: { findings: scan ? { where: { scanId: scan.id } } : false },
    });
    if (prospects.length === 0) return;
    for (const p of prospects) {
      const f = p.findings?.[0] ?? null;
      yield {
        externalId: p.externalId,
        name: p.name,
        city: p.city,
        region: p.region,
        postalCode: p.postalCode,
        phone: p.phone,
        presence: f?.presence ?? null,
        domain: f?.domain ?? null,
        emailProvider: f?.emailProvider ?? null,
        emailGateway: f?.emailGateway ?? null,
        webHost: f?.webHost ?? null,
        dnsProvider: f?.dnsProvider ?? null,
        isp: f?.isp ?? null,
        ecommercePlatform: f?.ecommercePlatform ?? null,
        cms: f?.cms ?? null,
        voipProvider: f?.voipProvider ?? null,
        score: f?.score ?? null,
        tier: f?.tier ?? null,
        reasons: (f?.reasons as string[] | undefined) ?? [],
        confidence: (f?.confidence as Record<string, number> | undefined) ?? null,
        evidence: (f?.evidence as Record<string, unknown> | undefined) ?? null,
        scannedAt: f?.classifiedAt.toISOString() ?? null,
      };
    }
    cursor = prospects[prospects.length - 1]!.id;
  }
}

export const CSV_COLUMNS = [
  'externalId', 'name', 'city', 'region', 'postalCode', 'phone', ...ANSWER_FIELDS.filter((f) => f !== 'presence' && f !== 'domain'),
] as const;
