// The report's changes section: what the latest scan's change events say, counted per field
// and kind, and the flows between providers into that scan (per provider: prospects kept,
// lost to another, won from another). Only claimed, non-flapping changes are flows: an
// unconfirmed move or a "not seen this time" moves nobody.
import type { PrismaClient } from '@prospector/core';

/** The fields whose provider flows the report charts. */
export const FLOW_FIELDS = [
  { field: 'isp', title: 'Internet providers (ISP)' },
  { field: 'emailProvider', title: 'E-mail providers' },
  { field: 'webHost', title: 'Web hosts' },
] as const;
const TOP_PROVIDERS = 10;

export interface ProviderFlow {
  provider: string;
  kept: number;
  lost: number;
  won: number;
  lostTo: { provider: string; count: number }[];
  wonFrom: { provider: string; count: number }[];
}

export interface FieldFlows {
  field: string;
  title: string;
  providers: ProviderFlow[];
}

export interface ChangeSummary {
  /** The two scans the section compares (the latest one and the one before it). */
  fromScan: number | null;
  toScan: number;
  counts: { field: string; kind: string; count: number; flapping: number }[];
  flows: FieldFlows[];
}

export async function loadChangeSummary(prisma: PrismaClient, scanId: number): Promise<ChangeSummary | null> {
  const scan = await prisma.scan.findUniqueOrThrow({ where: { id: scanId } });
  const previous = await prisma.scan.findFirst({ where: { campaignId: scan.campaignId, status: 'done', number: { lt: scan.number } }, orderBy: { number: 'desc' } });
  const counts = await prisma.$queryRaw<{ field: string; kind: string; count: number; flapping: number }[]>`
    SELECT field, kind, count(*)::int AS count, (count(*) FILTER (WHERE flapping))::int AS flapping
    FROM "ChangeEvent" WHERE "toScanId" = ${scanId} GROUP BY field, kind ORDER BY field, kind`;
  if (!previous && counts.length === 0) return null;
  const moves = await prisma.$queryRaw<{ field: string; fromValue: string; toValue: string; count: number }[]>`
    SELECT field, "fromValue", "toValue", count(*)::int AS count FROM "ChangeEvent"
    WHERE "toScanId" = ${scanId} AND kind = 'changed' AND NOT flapping AND "fromValue" IS NOT NULL AND "toValue" IS NOT NULL
    GROUP BY field, "fromValue", "toValue"`;
  // Kept: a period that started before this scan and was still seen by it.
  const kept = await prisma.$queryRaw<{ field: string; value: string; count: number }[]>`
    SELECT field, value, count(*)::int AS count FROM "ProviderPeriod"
    WHERE "lastScanId" = ${scanId} AND "firstScanId" <> ${scanId} GROUP BY field, value`;
  const flows = FLOW_FIELDS.map(({ field, title }) => ({ field, title, providers: providerFlows(field, moves, kept) }));
  return { fromScan: previous?.number ?? null, toScan: scan.number, counts, flows };
}

function providerFlows(field: string, moves: { field: string; fromValue: string; toValue: string; count: number }[], kept: { field: string; value: string; count: number }[]): ProviderFlow[] {
  const byProvider = new Map<string, ProviderFlow>();
  const entry = (provider: string) => {
    let e = byProvider.get(provider);
    if (!e) byProvider.set(provider, (e = { provider, kept: 0, lost: 0, won: 0, lostTo: [], wonFrom: [] }));
    return e;
  };
  for (const k of kept) if (k.field === field) entry(k.value).kept += k.count;
  for (const m of moves) {
    if (m.field !== field) continue;
    const from = entry(m.fromValue);
    from.lost += m.count;
    from.lostTo.push({ provider: m.toValue, count: m.count });
    const to = entry(m.toValue);
    to.won += m.count;
    to.wonFrom.push({ provider: m.fromValue, count: m.count });
  }
  const byCount = (a: { count: number; provider: string }, b: { count: number; provider: string }) => b.count - a.count || a.provider.localeCompare(b.provider);
  return [...byProvider.values()]
    .map((e) => ({ ...e, lostTo: e.lostTo.sort(byCount), wonFrom: e.wonFrom.sort(byCount) }))
    // Providers with movement first (that is what the section is about), then the biggest.
    .sort((a, b) => b.lost + b.won - (a.lost + a.won) || b.kept - a.kept || a.provider.localeCompare(b.provider))
    .slice(0, TOP_PROVIDERS);
}
