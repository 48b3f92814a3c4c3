// What a digest reports, section by section, as the subscription's content option picks:
// leads that reached a subscribed tier in the newest scan finished since the watermark (and
// were not in that tier in the scan before), and the team's leads passed back, changed or
// gone stale since (digest.lead-sections.ts). Each section is a DigestSectionSource.
import type { PrismaClient } from '@prospector/core';
import { changesSection, passedBackSection, staleSection } from './digest.lead-sections.ts';
import { DIGEST_CONTENT, type DigestContent, type DigestContentKey, type DigestSection, type DigestSectionSource, type DigestSubject } from './digest.types.ts';

export * from './digest.types.ts';

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

export const DIGEST_SECTION_SOURCES: Readonly<Record<DigestContentKey, DigestSectionSource>> = {
  'new-leads': newLeadsSection,
  'passed-back': passedBackSection,
  changes: changesSection,
  stale: staleSection,
};

export async function buildDigestContent(prisma: PrismaClient, subject: DigestSubject, publicUrl: string, sources = DIGEST_SECTION_SOURCES): Promise<DigestContent> {
  const sections: DigestSection[] = [];
  let nextWatermark = subject.watermark;
  for (const key of DIGEST_CONTENT) {
    if (!subject.content.includes(key)) continue;
    const part = await sources[key](prisma, subject, publicUrl);
    if (!part) continue;
    if (part.section.rows.length) sections.push(part.section);
    if (part.watermark && (!nextWatermark || part.watermark > nextWatermark)) nextWatermark = part.watermark;
  }
  return { sections, nextWatermark };
}
