// The campaign report as one self-contained HTML document: inline CSS and SVG, no
// scripts, no external resources. Every value from the data goes through escapeHtml.
import type { GroupStats } from '@prospector/agents';
import type { RenderedChart } from './report.charts.ts';
import type { ReportData, ReportLead } from './report.data.ts';
import { REPORT_CSS } from './report.style.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const int = (n: number) => n.toLocaleString('en-US');
const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '—');

export interface ReportHtmlOptions {
  /** Links to the campaign's exports: only when served, since a saved file has no server behind it. */
  exportLinks?: boolean;
}

const EXPORT_LINKS: [string, string][] = [['csv', 'CSV'], ['xlsx', 'Excel'], ['json', 'JSON'], ['salesforce', 'Salesforce leads'], ['hubspot', 'HubSpot companies']];

export function renderReportHtml(data: ReportData, charts: RenderedChart[], options: ReportHtmlOptions = {}): string {
  const chart = (name: string) => {
    const c = charts.find((x) => x.name === name);
    return c ? chartFigure(c) : '';
  };
  const shareNames = ['share-isp', 'share-email', 'share-web-host', 'share-dns', 'share-ecommerce'];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Campaign report — ${escapeHtml(data.campaign)}</title>
<style>${REPORT_CSS}</style></head>
<body>
<header><h1>Campaign report: <span class="campaign">${escapeHtml(data.campaign)}</span></h1>
<p class="meta">${scanLine(data)} · generated ${escapeHtml(day(data.generatedAt))}</p>${options.exportLinks ? exportLinks(data.campaign) : ''}</header>
${headline(data)}
<section class="charts" aria-label="Overview"><h2>Presence and tiers</h2><div class="grid">${chart('presence')}${chart('tiers')}</div></section>
<section class="charts" aria-label="Market shares"><h2>Market shares</h2>
<p class="note">Counts of prospects per provider; grey bars are prospects for which none was found.</p>
<div class="grid">${shareNames.map(chart).join('')}</div></section>
<section class="charts" aria-label="Competitor customers"><h2>Competitor customers</h2>
<div class="grid">${chart('competitor-tiers')}${competitorTable(data.stats.overall)}</div></section>
<section class="regions page-break" aria-label="Regions"><h2>Per region</h2>${chart('regions')}${regionTable(data.stats.byRegion)}</section>
${changesSection(data, chart)}
<section class="leads page-break" aria-label="Top leads"><h2>Top leads</h2>${leadTable(data.leads)}</section>
<footer>Prospector · figures are for the latest scan of the campaign · evidence for each answer is in the export.</footer>
</body></html>
`;
}

function exportLinks(campaign: string): string {
  const base = `/api/campaigns/${encodeURIComponent(campaign)}/export?format=`;
  const links = EXPORT_LINKS.map(([format, label]) => `<a href="${escapeHtml(base + format)}" data-export="${format}" download>${label}</a>`);
  return `<nav class="exports" aria-label="Downloads">Download: ${links.join(' · ')}</nav>`;
}

function scanLine(data: ReportData): string {
  if (!data.scan) return 'not scanned yet';
  const s = data.scan;
  return `scan #${escapeHtml(s.number)} (${escapeHtml(s.status)}) started ${escapeHtml(day(s.startedAt))}${s.finishedAt ? `, finished ${escapeHtml(day(s.finishedAt))}` : ''}`;
}

function headline(data: ReportData): string {
  const o = data.stats.overall;
  const classified = o.prospects - o.tiers.none;
  const figures: [string, string, string][] = [
    ['prospects', 'Prospects', int(o.prospects)],
    ['classified', 'Classified', `${int(classified)} (${pct(o.prospects ? classified / o.prospects : 0)})`],
    ['presence', 'With a website', pct(o.presence.website.rate)],
    ['competitor-customers', 'Competitor customers', `${int(o.competitorCustomers.count)} (${pct(o.competitorCustomers.rate)})`],
    ['tiers', 'Tiers A / B / C / D', `${o.tiers.A} / ${o.tiers.B} / ${o.tiers.C} / ${o.tiers.D}`],
    ['scan-date', 'Scan date', data.scan ? day(data.scan.finishedAt ?? data.scan.startedAt).slice(0, 10) : '—'],
  ];
  const items = figures.map(([key, label, value]) => `<div class="figure" data-figure="${key}"><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd></div>`);
  return `<section class="headline" aria-label="Headline figures"><dl>${items.join('')}</dl></section>`;
}

function chartFigure(c: RenderedChart): string {
  const body = c.points > 0 ? c.svg : '<p class="empty">Nothing to chart for this scan.</p>';
  return `<figure class="chart" data-chart="${escapeHtml(c.name)}" data-points="${c.points}"><figcaption>${escapeHtml(c.title)}</figcaption>${body}</figure>`;
}

function competitorTable(o: GroupStats): string {
  const rows = Object.entries(o.competitorCustomers.byCompetitor).sort((a, b) => b[1] - a[1]);
  if (rows.length === 0) return '<p class="empty">No competitor customers found.</p>';
  const body = rows.map(([slug, n]) => `<tr><td>${escapeHtml(slug)}</td><td class="num">${int(n)}</td><td class="num">${pct(o.prospects ? n / o.prospects : 0)}</td></tr>`);
  return `<table class="competitors"><thead><tr><th>Current ISP</th><th>Prospects</th><th>Of all</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

function regionTable(regions: GroupStats[]): string {
  const top = (g: GroupStats, f: 'isp' | 'emailProvider') => g.shares[f].top[0]?.slug ?? '—';
  const body = regions.map(
    (g) => `<tr><td>${escapeHtml(g.key)}</td><td class="num">${int(g.prospects)}</td><td class="num">${pct(g.presence.website.rate)}</td>` +
      `<td class="num">${int(g.competitorCustomers.count)}</td><td class="num">${g.tiers.A}</td><td class="num">${g.tiers.B}</td>` +
      `<td>${escapeHtml(top(g, 'isp'))}</td><td>${escapeHtml(top(g, 'emailProvider'))}</td></tr>`,
  );
  return `<table class="regions"><thead><tr><th>Region</th><th>Prospects</th><th>Website</th><th>Competitor customers</th><th>Tier A</th><th>Tier B</th><th>Top ISP</th><th>Top e-mail</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

function leadTable(leads: ReportLead[]): string {
  if (leads.length === 0) return '<p class="empty">No classified prospects yet.</p>';
  const body = leads.map((l) => {
    const place = [l.city, l.region].filter(Boolean).join(', ');
    const reasons = l.reasons.length ? `<ul>${l.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : '—';
    return `<tr class="tier-${escapeHtml(l.tier)}"><td><span class="tier">${escapeHtml(l.tier)}</span></td><td class="num">${escapeHtml(l.score)}</td>` +
      `<td><strong>${escapeHtml(l.name)}</strong><br><span class="sub">${escapeHtml(place)}${l.domain ? ` · ${escapeHtml(l.domain)}` : ''}</span></td>` +
      `<td>${escapeHtml(l.isp ?? '—')}</td><td>${escapeHtml(l.emailProvider ?? '—')}</td><td>${escapeHtml(l.webHost ?? '—')}</td><td class="reasons">${reasons}</td></tr>`;
  });
  return `<table class="leads"><thead><tr><th>Tier</th><th>Score</th><th>Business</th><th>ISP</th><th>E-mail</th><th>Web host</th><th>Why</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

function changesSection(data: ReportData, chart: (name: string) => string): string {
  const c = data.changes;
  if (!c) return '';
  const between = c.fromScan === null ? `into scan #${escapeHtml(c.toScan)}` : `between scan #${escapeHtml(c.fromScan)} and scan #${escapeHtml(c.toScan)}`;
  const counts = c.counts.length
    ? `<table class="change-counts"><thead><tr><th>Field</th><th>Kind</th><th>Events</th><th>Of which flapping</th></tr></thead><tbody>${c.counts
        .map((r) => `<tr data-field="${escapeHtml(r.field)}" data-kind="${escapeHtml(r.kind)}"><td>${escapeHtml(r.field)}</td><td>${escapeHtml(r.kind)}</td><td class="num">${int(r.count)}</td><td class="num">${int(r.flapping)}</td></tr>`)
        .join('')}</tbody></table>`
    : '<p class="empty">No change events for this scan.</p>';
  const flows = c.flows.filter((f) => f.providers.some((p) => p.lost || p.won));
  const moves = (list: { provider: string; count: number }[]) => (list.length ? list.map((m) => `${escapeHtml(m.provider)} (${int(m.count)})`).join(', ') : '—');
  const flowTables = flows.map(
    (f) =>
      `<table class="flows" data-flows="${escapeHtml(f.field)}"><thead><tr><th>${escapeHtml(f.title)}</th><th>Kept</th><th>Lost to</th><th>Won from</th></tr></thead><tbody>${f.providers
        .map((p) => `<tr><td>${escapeHtml(p.provider)}</td><td class="num">${int(p.kept)}</td><td>${moves(p.lostTo)}</td><td>${moves(p.wonFrom)}</td></tr>`)
        .join('')}</tbody></table>`,
  );
  const charts = flows.map((f) => chart(`flows-${f.field}`)).join('');
  return `<section class="changes page-break" aria-label="Changes"><h2>Changes ${between}</h2>
<p class="note">Change events per field and kind. Only claimed changes (both answers confident, not flapping) count as flows between providers; "not-seen" is an answer missing this time, not a move.</p>
${counts}
${flows.length ? `<div class="grid">${charts}</div>${flowTables.join('')}` : '<p class="empty">No provider moved between these scans.</p>'}</section>`;
}
