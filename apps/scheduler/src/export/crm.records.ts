// What the CRM layouts need beyond the standard export record: the list's own address,
// website, e-mail and firmographics. Streamed page by page like exportRecords.
import type { PrismaClient } from '@prospector/core';
import { latestScan } from '../scan/scan.service.ts';

export interface CrmRecord {
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
  domain: string | null;
  presence: string | null;
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
}

const PAGE = 1000;

export async function* crmRecords(prisma: PrismaClient, campaignName: string, country = 'US'): AsyncGenerator<CrmRecord> {
  const { campaign, scan } = await latestScan(prisma, campaignName);
  let cursor = 0;
  for (;;) {
    const prospects = await prisma.prospect.findMany({
      where: { campaignId: campaign.id, id: { gt: cursor } },
      orderBy: { id: 'asc' },
      take: PAGE,
      include: { findings: { where: { scanId: scan?.id ?? -1 } } },
    });
    if (prospects.length === 0) return;
    for (const p of prospects) {
      const f = p.findings[0];
      yield {
        externalId: p.externalId, name: p.name, address: p.address, city: p.city, region: p.region, postalCode: p.postalCode,
        country, phone: p.phone, website: p.website, email: p.email, employees: p.employees, revenue: p.revenue, industryCode: p.industryCode,
        domain: f?.domain ?? p.websiteDomain ?? null,
        presence: f?.presence ?? null,
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
        reasons: Array.isArray(f?.reasons) ? f.reasons.filter((r): r is string => typeof r === 'string') : [],
      };
    }
    cursor = prospects[prospects.length - 1]!.id;
  }
}
