// The digest sections that follow the subscription's team's leads: leads passed back to the
// team, notable changes of its leads (what `prospect.changed` reports), and leads that went
// stale and still wait for a decision. Each reports what happened after the watermark (or,
// before the first digest, after the subscription was made) and moves it to the newest
// moment it reported: nothing new, nothing sent.
import { NOTABLE_CHANGE_KINDS, Prisma, type PrismaClient } from '@prospector/core';
import type { DigestRow, DigestSection, DigestSectionSource, DigestSubject } from './digest.types.ts';

interface LeadLine {
  leadId: number;
  prospectId: number;
  name: string;
  city: string | null;
  region: string | null;
  tier: string | null;
  score: number | null;
  isp: string | null;
  domain: string | null;
  at: Date;
  note: string | null;
}

/** The team's id when the subscription is for a team (undefined: a team not loaded, so no leads). */
async function teamFilter(prisma: PrismaClient, subject: DigestSubject): Promise<Prisma.Sql | undefined> {
  if (!subject.team) return Prisma.empty;
  const team = await prisma.team.findUnique({ where: { name: subject.team }, select: { id: true } });
  return team ? Prisma.sql`AND l."teamId" = ${team.id}` : undefined;
}

const LATEST_FINDING = Prisma.sql`
  LEFT JOIN LATERAL (SELECT tier, score, isp, domain FROM "Finding" WHERE "prospectId" = p.id ORDER BY "scanId" DESC LIMIT 1) f ON true`;

function toSection(key: DigestSection['key'], title: string, lines: LeadLine[], publicUrl: string): { section: DigestSection; watermark: Date | null } {
  const rows: DigestRow[] = lines.map((l) => ({
    prospectId: l.prospectId,
    name: l.name,
    place: [l.city, l.region].filter(Boolean).join(', '),
    tier: l.tier ?? '?',
    score: l.score ?? 0,
    isp: l.isp,
    domain: l.domain,
    note: l.note,
    url: new URL(`/my/leads/${l.leadId}`, publicUrl).toString(),
  }));
  const watermark = lines.reduce<Date | null>((max, l) => (!max || l.at > max ? l.at : max), null);
  return { section: { key, title, rows }, watermark };
}

const since = (s: DigestSubject) => s.watermark ?? s.createdAt;

export const passedBackSection: DigestSectionSource = async (prisma, subject, publicUrl) => {
  const team = await teamFilter(prisma, subject);
  if (team === undefined) return null;
  const lines = await prisma.$queryRaw<LeadLine[]>`
    SELECT DISTINCT ON (l.id) l.id AS "leadId", p.id AS "prospectId", p.name, p.city, p.region, f.tier, f.score, f.isp, f.domain, e.at, e.reason AS note
    FROM "LeadEvent" e JOIN "Lead" l ON l.id = e."leadId" JOIN "Prospect" p ON p.id = l."prospectId" ${LATEST_FINDING}
    WHERE l."campaignId" = ${subject.campaignId} AND e.action = 'pass-back' AND e.at > ${since(subject)} ${team}
    ORDER BY l.id, e.at DESC`;
  return toSection('passed-back', 'Leads passed back', lines, publicUrl);
};

export const staleSection: DigestSectionSource = async (prisma, subject, publicUrl) => {
  const team = await teamFilter(prisma, subject);
  if (team === undefined) return null;
  // Stale and still stale: the ones the sweep passed back are in the section above.
  const lines = await prisma.$queryRaw<LeadLine[]>`
    SELECT DISTINCT ON (l.id) l.id AS "leadId", p.id AS "prospectId", p.name, p.city, p.region, f.tier, f.score, f.isp, f.domain, e.at,
           'stale since ' || to_char(l."stateSince", 'YYYY-MM-DD') || coalesce('; ' || e.reason, '') AS note
    FROM "LeadEvent" e JOIN "Lead" l ON l.id = e."leadId" JOIN "Prospect" p ON p.id = l."prospectId" ${LATEST_FINDING}
    WHERE l."campaignId" = ${subject.campaignId} AND e.action = 'stale' AND l.status = 'stale' AND e.at > ${since(subject)} ${team}
    ORDER BY l.id, e.at DESC`;
  return toSection('stale', 'Stale leads waiting for a decision', lines, publicUrl);
};

export const changesSection: DigestSectionSource = async (prisma, subject, publicUrl) => {
  const team = await teamFilter(prisma, subject);
  if (team === undefined) return null;
  const lines = await prisma.$queryRaw<LeadLine[]>`
    SELECT l.id AS "leadId", p.id AS "prospectId", p.name, p.city, p.region, f.tier, f.score, f.isp, f.domain, e."detectedAt" AS at,
           e.field || ': ' || coalesce(e."fromValue", '?') || ' → ' || coalesce(e."toValue", '?') || ' (' || e.kind || ', scans #' || e."fromScanNumber" || ' → #' || e."toScanNumber" || ')' AS note
    FROM "ChangeEvent" e JOIN "Lead" l ON l."prospectId" = e."prospectId" JOIN "Prospect" p ON p.id = l."prospectId" ${LATEST_FINDING}
    WHERE e."campaignId" = ${subject.campaignId} AND e.kind = ANY(${[...NOTABLE_CHANGE_KINDS]}::text[]) AND NOT e.flapping
      AND e."detectedAt" > ${since(subject)} ${team}
    ORDER BY e."toScanNumber", p.name, e.field`;
  return toSection('changes', 'Notable changes of your leads', lines, publicUrl);
};
