// The report's charts: Vega-Lite specs rendered to SVG on the server (headless Vega
// view, no canvas), so the report is one file with no scripts and prints as it shows.
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { TopLevelUnitSpec } from 'vega-lite/types_unstable/spec/unit.js';
import type { GroupStats, ShareField } from '@prospector/agents';
import type { ChangeSummary, FieldFlows } from './report.changes.ts';
import type { ReportData } from './report.data.ts';

type Row = Record<string, string | number>;

export interface ChartDef {
  /** Stable identifier, written as data-chart (the browser test looks for it). */
  name: string;
  title: string;
  values: Row[];
  spec: Omit<TopLevelUnitSpec<string>, 'data'>;
}

export interface RenderedChart {
  name: string;
  title: string;
  points: number;
  svg: string;
}

const SHARE_CHARTS: { field: ShareField; name: string; title: string }[] = [
  { field: 'isp', name: 'share-isp', title: 'Internet providers (ISP)' },
  { field: 'emailProvider', name: 'share-email', title: 'E-mail providers' },
  { field: 'webHost', name: 'share-web-host', title: 'Web hosts' },
  { field: 'dnsProvider', name: 'share-dns', title: 'DNS providers' },
  { field: 'ecommercePlatform', name: 'share-ecommerce', title: 'E-commerce platforms' },
];
const TOP_SHARES = 8;
const TIER_ORDER = ['A', 'B', 'C', 'D', 'none'];
const TIER_COLORS = ['#1b7837', '#5aae61', '#f1a340', '#d6604d', '#bababa'];
const CONFIG: vegaLite.TopLevelSpec['config'] = {
  font: 'Helvetica, Arial, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, labelLimit: 160 },
  legend: { labelFontSize: 11, titleFontSize: 11 },
};

export function buildChartDefs(data: ReportData): ChartDef[] {
  const o = data.stats.overall;
  return [
    presenceChart(o),
    tierChart(o),
    ...SHARE_CHARTS.map((c) => shareChart(c.name, c.title, o.shares[c.field])),
    competitorTierChart(data.competitorTiers),
    regionChart(data.stats.byRegion),
    ...(data.changes ? data.changes.flows.filter((f) => f.providers.some((p) => p.lost || p.won)).map((f) => flowChart(f, data.changes!)) : []),
  ];
}

const MOVEMENTS = ['kept', 'lost', 'won'];

/** One stacked bar per provider: prospects it kept, lost to others and won from others between the two scans. */
function flowChart(flows: FieldFlows, summary: ChangeSummary): ChartDef {
  const label = { kept: 'kept', lost: 'lost to another', won: 'won from another' } as const;
  const values = flows.providers.flatMap((p) =>
    MOVEMENTS.map((m, rank) => ({ provider: p.provider, movement: label[m as keyof typeof label], rank, count: p[m as 'kept' | 'lost' | 'won'] })).filter((v) => v.count > 0),
  );
  const between = summary.fromScan === null ? `into scan #${summary.toScan}` : `scan #${summary.fromScan} → #${summary.toScan}`;
  return {
    name: `flows-${flows.field}`,
    title: `${flows.title}: kept / lost / won, ${between}`,
    values,
    spec: {
      width: 320,
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'provider', type: 'nominal', sort: flows.providers.map((p) => p.provider), title: null },
        x: { field: 'count', type: 'quantitative', title: 'Prospects', stack: true, axis: { format: 'd', tickMinStep: 1 } },
        color: { field: 'movement', type: 'nominal', title: null, sort: Object.values(label), scale: { domain: Object.values(label), range: ['#9ecae1', '#d6604d', '#1b7837'] } },
        // Kept first, then lost, then won, left to right.
        order: { field: 'rank', type: 'quantitative', sort: 'ascending' },
        tooltip: [{ field: 'provider' }, { field: 'movement' }, { field: 'count' }],
      },
    },
  };
}

function presenceChart(o: GroupStats): ChartDef {
  const labels = { website: 'Website', 'no-website': 'Own domain, no website', 'social-only': 'Social only', none: 'No presence found' } as const;
  const values = (Object.keys(labels) as (keyof typeof labels)[]).map((p) => ({ presence: labels[p], count: o.presence[p].count, rate: o.presence[p].rate }));
  return {
    name: 'presence',
    title: 'Online presence',
    values,
    spec: {
      width: 200,
      height: 200,
      mark: { type: 'arc', innerRadius: 50, outerRadius: 95 },
      encoding: {
        theta: { field: 'count', type: 'quantitative', stack: true },
        color: { field: 'presence', type: 'nominal', title: null, sort: Object.values(labels), scale: { range: ['#2166ac', '#4393c3', '#92c5de', '#d1e5f0'] } },
        tooltip: [{ field: 'presence' }, { field: 'count' }, { field: 'rate', format: '.0%' }],
      },
    },
  };
}

function tierChart(o: GroupStats): ChartDef {
  return {
    name: 'tiers',
    title: 'Lead tiers',
    values: TIER_ORDER.map((tier) => ({ tier, count: o.tiers[tier as keyof GroupStats['tiers']] })),
    spec: {
      width: 300,
      height: 200,
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'tier', type: 'nominal', sort: TIER_ORDER, axis: { labelAngle: 0 }, title: 'Tier' },
        y: { field: 'count', type: 'quantitative', title: 'Prospects' },
        color: { field: 'tier', type: 'nominal', legend: null, scale: { domain: TIER_ORDER, range: TIER_COLORS } },
      },
    },
  };
}

/** Top providers by count, the rest folded into "other", and the unknowns shown apart in grey. */
function shareChart(name: string, title: string, share: GroupStats['shares'][ShareField]): ChartDef {
  const top = share.top.slice(0, TOP_SHARES);
  const rest = share.top.slice(TOP_SHARES).reduce((sum, s) => sum + s.count, 0);
  const total = share.known + share.unknown;
  const pct = (count: number) => (total === 0 ? 0 : count / total);
  const values: Row[] = top.map((s) => ({ provider: s.slug, count: s.count, kind: 'identified', share: pct(s.count) }));
  if (rest > 0) values.push({ provider: 'other', count: rest, kind: 'identified', share: pct(rest) });
  if (share.unknown > 0) values.push({ provider: 'none / not found', count: share.unknown, kind: 'none / not found', share: pct(share.unknown) });
  return {
    name,
    title,
    values,
    spec: {
      width: 300,
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'provider', type: 'nominal', sort: null, title: null },
        x: { field: 'count', type: 'quantitative', title: 'Prospects' },
        // No legend: the section's note says what the grey bar is, and two charts fit a row.
        color: { field: 'kind', type: 'nominal', legend: null, scale: { domain: ['identified', 'none / not found'], range: ['#2166ac', '#cccccc'] } },
        tooltip: [{ field: 'provider' }, { field: 'count' }, { field: 'share', format: '.1%' }],
      },
    },
  };
}

function competitorTierChart(rows: ReportData['competitorTiers']): ChartDef {
  return {
    name: 'competitor-tiers',
    title: 'Competitor customers by tier',
    values: rows.map((r) => ({ tier: r.tier, competitor: r.competitor, count: r.count })),
    spec: {
      width: 300,
      height: 220,
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'tier', type: 'nominal', sort: TIER_ORDER, axis: { labelAngle: 0 }, title: 'Tier' },
        y: { field: 'count', type: 'quantitative', title: 'Competitor customers', stack: true },
        color: { field: 'competitor', type: 'nominal', title: 'Current ISP' },
      },
    },
  };
}

function regionChart(regions: GroupStats[]): ChartDef {
  const shown = regions.slice(0, 20);
  const values = shown.flatMap((r) => TIER_ORDER.map((tier) => ({ region: r.key, tier, count: r.tiers[tier as keyof GroupStats['tiers']] })).filter((v) => v.count > 0));
  return {
    name: 'regions',
    title: 'Prospects per region, by tier',
    values,
    spec: {
      width: 420,
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'region', type: 'nominal', sort: shown.map((r) => r.key), title: null },
        x: { field: 'count', type: 'quantitative', title: 'Prospects', stack: true },
        color: { field: 'tier', type: 'nominal', title: 'Tier', sort: TIER_ORDER, scale: { domain: TIER_ORDER, range: TIER_COLORS } },
      },
    },
  };
}

export async function renderChart(def: ChartDef): Promise<RenderedChart> {
  const spec = { ...def.spec, data: { values: def.values }, config: CONFIG, background: 'white' } as vegaLite.TopLevelSpec;
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    // Vega escapes text it writes into the SVG, so provider or region names stay text.
    const svg = await view.toSVG();
    return { name: def.name, title: def.title, points: def.values.length, svg };
  } finally {
    view.finalize();
  }
}

export async function renderCharts(data: ReportData): Promise<RenderedChart[]> {
  return Promise.all(buildChartDefs(data).map(renderChart));
}
