// Campaign statistics over classified prospects: presence rates, market shares of each
// provider kind, competitor customers, tiers and why answers are unknown — for the whole
// campaign, per region and (when rows name one) per campaign. Pure.
import { PRESENCE_VALUES, type AnswerField, type Presence } from '../types.ts';
import {
  SHARE_FIELDS,
  type CampaignStats,
  type CampaignStatsOptions,
  type FindingRow,
  type GroupStats,
  type ShareField,
} from './campaign-stats.types.ts';

export * from './campaign-stats.types.ts';
export { formatStatsTable } from './stats-table.ts';

export function computeCampaignStats(rows: readonly FindingRow[], options: CampaignStatsOptions = {}): CampaignStats {
  const group = (key: (r: FindingRow) => string): GroupStats[] => {
    const groups = new Map<string, FindingRow[]>();
    for (const row of rows) {
      const k = key(row);
      groups.set(k, [...(groups.get(k) ?? []), row]);
    }
    return [...groups.entries()]
      .map(([k, list]) => groupStats(k, list, options))
      .sort((a, b) => b.prospects - a.prospects || a.key.localeCompare(b.key));
  };
  return {
    overall: groupStats('all', rows, options),
    byRegion: group((r) => r.region ?? '(no region)'),
    byCampaign: rows.some((r) => r.campaign) ? group((r) => r.campaign ?? '(no campaign)') : [],
  };
}

function groupStats(key: string, rows: readonly FindingRow[], options: CampaignStatsOptions): GroupStats {
  const n = rows.length;
  const rate = (count: number): number => (n === 0 ? 0 : round(count / n));
  const presence = Object.fromEntries(
    PRESENCE_VALUES.map((p) => {
      const count = rows.filter((r) => r.presence === p).length;
      return [p, { count, rate: rate(count) }];
    }),
  ) as GroupStats['presence'];
  const shares = Object.fromEntries(SHARE_FIELDS.map((f) => [f, sharesOf(rows, f)])) as GroupStats['shares'];
  const isCompetitor = (isp: string): boolean => !options.competitors || options.competitors.includes(isp);
  const byCompetitor = countBy(rows.map((r) => r.isp).filter((isp): isp is string => isp !== null && isCompetitor(isp)));
  const competitorCount = Object.values(byCompetitor).reduce((a, b) => a + b, 0);
  const tiers = { A: 0, B: 0, C: 0, D: 0, none: 0 };
  for (const r of rows) tiers[r.tier ?? 'none'] += 1;
  return {
    key,
    prospects: n,
    presence,
    shares,
    competitorCustomers: { count: competitorCount, rate: rate(competitorCount), byCompetitor },
    tiers,
    unknowns: unknownsOf(rows),
  };
}

function sharesOf(rows: readonly FindingRow[], field: ShareField): GroupStats['shares'][ShareField] {
  const values = rows.map((r) => r[field]).filter((v): v is string => v !== null);
  const counts = countBy(values);
  const top = Object.entries(counts)
    .map(([slug, count]) => ({
      slug,
      count,
      shareOfKnown: round(count / values.length),
      shareOfAll: round(count / rows.length),
    }))
    .sort((a, b) => b.count - a.count || a.slug.localeCompare(b.slug));
  return { known: values.length, unknown: rows.length - values.length, top };
}

function unknownsOf(rows: readonly FindingRow[]): GroupStats['unknowns'] {
  const byField = new Map<AnswerField, string[]>();
  for (const row of rows) {
    for (const [field, reason] of Object.entries(row.unknownReasons) as [AnswerField, string | undefined][]) {
      if (reason === undefined) continue;
      byField.set(field, [...(byField.get(field) ?? []), normalizeReason(reason)]);
    }
  }
  const out: GroupStats['unknowns'] = {};
  for (const [field, reasons] of byField) {
    const counts = Object.entries(countBy(reasons))
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
    out[field] = { count: reasons.length, reasons: counts.slice(0, 5) };
  }
  return out;
}

/** Reasons carry host names and addresses; strip them so like reasons count together. */
function normalizeReason(reason: string): string {
  return reason
    .replace(/\([^)]*\)/g, '')
    .replace(/\b(?:\d{1,3}\.){3}\d{1,3}\b/g, '<ip>')
    .replace(/\b[a-z0-9-]+(?:\.[a-z0-9-]+)+\b/gi, '<host>')
    .replace(/\s+/g, ' ')
    .trim();
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
