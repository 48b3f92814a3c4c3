// Plain-text rendering of campaign statistics for the CLI.
import { SHARE_FIELDS, type CampaignStats, type GroupStats, type ShareField } from './campaign-stats.types.ts';

const FIELD_TITLE: Record<ShareField, string> = {
  isp: 'ISP',
  emailProvider: 'E-mail provider',
  emailGateway: 'E-mail gateway',
  webHost: 'Web host',
  dnsProvider: 'DNS provider',
  ecommercePlatform: 'E-commerce',
};

export function formatStatsTable(stats: CampaignStats, options: { topN?: number } = {}): string {
  const topN = options.topN ?? 5;
  const sections = [formatGroup('All prospects', stats.overall, topN)];
  if (stats.byCampaign.length > 0) sections.push(formatSummary('By campaign', stats.byCampaign));
  if (stats.byRegion.length > 0) sections.push(formatSummary('By region', stats.byRegion));
  return sections.join('\n\n');
}

function formatGroup(title: string, g: GroupStats, topN: number): string {
  const lines = [`${title}: ${g.prospects} prospects`];
  lines.push(
    `  Presence: website ${pct(g.presence.website.rate)}, no-website ${pct(g.presence['no-website'].rate)}, social-only ${pct(g.presence['social-only'].rate)}, none ${pct(g.presence.none.rate)}`,
  );
  lines.push(`  Tiers: A ${g.tiers.A}  B ${g.tiers.B}  C ${g.tiers.C}  D ${g.tiers.D}${g.tiers.none ? `  unscored ${g.tiers.none}` : ''}`);
  const competitors = Object.entries(g.competitorCustomers.byCompetitor)
    .sort((a, b) => b[1] - a[1])
    .map(([slug, n]) => `${slug} ${n}`)
    .join(', ');
  lines.push(`  Competitor customers: ${g.competitorCustomers.count} (${pct(g.competitorCustomers.rate)})${competitors ? `: ${competitors}` : ''}`);
  for (const field of SHARE_FIELDS) {
    const s = g.shares[field];
    const rows = s.top.slice(0, topN).map((t) => [`    ${t.slug}`, String(t.count), pct(t.shareOfKnown)]);
    lines.push(`  ${FIELD_TITLE[field]} (known ${s.known}, unknown ${s.unknown})`);
    lines.push(...table(rows));
    const why = g.unknowns[field]?.reasons.slice(0, 2).map((r) => `${r.reason} ×${r.count}`);
    if (why && why.length > 0) lines.push(`    unknown because: ${why.join('; ')}`);
  }
  return lines.join('\n');
}

function formatSummary(title: string, groups: GroupStats[]): string {
  const header = ['  key', 'prospects', 'website', 'social', 'competitor', 'A', 'B', 'C', 'D', 'top ISP'];
  const rows = groups.map((g) => [
    `  ${g.key}`,
    String(g.prospects),
    pct(g.presence.website.rate),
    pct(g.presence['social-only'].rate),
    pct(g.competitorCustomers.rate),
    String(g.tiers.A),
    String(g.tiers.B),
    String(g.tiers.C),
    String(g.tiers.D),
    g.shares.isp.top[0]?.slug ?? '-',
  ]);
  return [title, ...table([header, ...rows])].join('\n');
}

function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '));
}

function pct(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}
