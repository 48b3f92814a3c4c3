// What a digest reports. Today one section exists in this tree: leads that reached a
// subscribed tier in the newest scan finished since the watermark (and were not in that tier
// in the scan before). Passed-back, changed and stale leads come from the teams and history
// work: each is a DigestSectionSource returning its rows, registered next to newLeadsSection.
import type { PrismaClient } from '@prospector/core';

export interface DigestRow {
  prospectId: number;
  name: string;
  place: string;
  tier: string;
  score: number;
  isp: string | null;
  domain: string | null;
  url: string;
}

export interface DigestSection {
  key: 'new-leads' | 'passed-back' | 'changes' | 'stale';
  title: string;
  rows: DigestRow[];
}

export interface DigestSubject {
  id: number;
  campaignId: number;
  tiers: string[];
  watermark: Date | null;
}

export interface DigestContent {
  sections: DigestSection[];
  /** The watermark after this digest: the finish time of the newest scan it covered. */
  nextWatermark: Date | null;
}

export type DigestSectionSource = (prisma: PrismaClient, subject: DigestSubject, publicUrl: string) => Promise<{ section: DigestSection; watermark: Date | null } | null>;

export const newLeadsSection: DigestSectionSource = async (prisma, subject, publicUrl) => {
  const scan = await prisma.scan.findFirst({
    where: { campaignId: subject.campaignId, status: 'done', ...(subject.watermark ? { finishedAt: { gt: subject.watermark } } : {}) },
    orderBy: { number: 'desc' },
  });
  if (!scan) return null;
  const previous = await prisma.scan.findFirst({ where: { campaignId: subject.campaignId, status: 'done', number: { lt: scan.number } }, orderBy: { number: 'desc' } });
  const already = previous
    ? new Set((await prisma.finding.findMany({ where: { scanId: previous.id, tier: { in: subject.tiers } }, select: { prospectId: true } })).map((f) => f.prospectId))
    : new Set<number>();
  const findings = await prisma.finding.findMany({
    where: { scanId: scan.id, tier: { in: subject.tiers } },
    include: { prospect: { select: { name: true, city: true, region: true } } },
    orderBy: [{ tier: 'asc' }, { score: 'desc' }, { prospectId: 'asc' }],
  });
  const rows = findings
    .filter((f) => !already.has(f.prospectId))
    .map((f) => ({
      prospectId: f.prospectId,
      name: f.prospect.name,
      place: [f.prospect.city, f.prospect.region].filter(Boolean).join(', '),
      tier: f.tier,
      score: f.score,
      isp: f.isp,
      domain: f.domain,
      url: new URL(`/api/prospects/${f.prospectId}`, publicUrl).toString(),
    }));
  return { section: { key: 'new-leads', title: `New tier ${subject.tiers.join('/')} leads (scan ${scan.number})`, rows }, watermark: scan.finishedAt };
};

export const DIGEST_SECTION_SOURCES: readonly DigestSectionSource[] = [newLeadsSection];

export async function buildDigestContent(prisma: PrismaClient, subject: DigestSubject, publicUrl: string, sources = DIGEST_SECTION_SOURCES): Promise<DigestContent> {
  const sections: DigestSection[] = [];
  let nextWatermark = subject.watermark;
  for (const source of sources) {
    const part = await source(prisma, subject, publicUrl);
    if (!part) continue;
    if (part.section.rows.length) sections.push(part.section);
    if (part.watermark && (!nextWatermark || part.watermark > nextWatermark)) nextWatermark = part.watermark;
  }
  return { sections, nextWatermark };
}
