import { describe, expect, it } from 'vitest';
import { computeCampaignStats, type FindingRow } from '@prospector/agents';
import { renderCharts } from './report.charts.ts';
import type { ReportData } from './report.data.ts';
import { escapeHtml, renderReportHtml } from './report.html.ts';

const row = (over: Partial<FindingRow>): FindingRow => ({
  region: 'OH', presence: 'website', emailProvider: 'microsoft-365', emailGateway: null, webHost: 'squarespace', dnsProvider: 'godaddy',
  isp: 'comcast-business', ecommercePlatform: null, tier: 'A', unknownReasons: {}, ...over,
});

function fixture(): ReportData {
  const rows = [
    row({}),
    row({ tier: 'B', isp: 'att', region: '<img src=x onerror=alert(1)>' }),
    row({ tier: 'C', presence: 'none', emailProvider: null, webHost: null, dnsProvider: null, isp: null }),
    row({ tier: 'D', presence: 'social-only', ecommercePlatform: 'shopify', webHost: 'shopify' }),
    row({ tier: null }),
  ];
  return {
    campaign: 'Ohio <Q4>',
    scan: { number: 2, status: 'done', startedAt: new Date('2026-11-23T10:00:00Z'), finishedAt: new Date('2026-11-23T10:20:00Z') },
    stats: computeCampaignStats(rows, { competitors: ['comcast-business', 'att'] }),
    competitorTiers: [{ tier: 'A', competitor: 'comcast-business', count: 2 }, { tier: 'B', competitor: 'att', count: 1 }],
    leads: [
      { name: '<script>alert("x")</script> Bakery', city: 'Columbus', region: 'OH', domain: 'bakery.com', tier: 'A', score: 91, isp: 'comcast-business', emailProvider: 'microsoft-365', webHost: 'squarespace', reasons: ['Uses <b>Comcast</b> & more'] },
      { name: 'Plain Co', city: null, region: null, domain: null, tier: 'B', score: 70, isp: null, emailProvider: null, webHost: null, reasons: [] },
    ],
    changes: null,
    generatedAt: new Date('2026-11-24T08:00:00Z'),
  };
}

const CHANGES: NonNullable<ReportData['changes']> = {
  fromScan: 1,
  toScan: 2,
  counts: [{ field: 'isp', kind: 'changed', count: 3, flapping: 1 }, { field: 'isp', kind: 'not-seen', count: 4, flapping: 0 }],
  flows: [
    {
      field: 'isp',
      title: 'Internet providers (ISP)',
      providers: [
        { provider: 'comcast-business', kept: 5, lost: 2, won: 0, lostTo: [{ provider: 'att', count: 1 }, { provider: '<b>evil</b>', count: 1 }], wonFrom: [] },
        { provider: 'att', kept: 1, lost: 0, won: 1, lostTo: [], wonFrom: [{ provider: 'comcast-business', count: 1 }] },
        { provider: '<b>evil</b>', kept: 0, lost: 0, won: 1, lostTo: [], wonFrom: [{ provider: 'comcast-business', count: 1 }] },
      ],
    },
    { field: 'emailProvider', title: 'E-mail providers', providers: [{ provider: 'google-workspace', kept: 4, lost: 0, won: 0, lostTo: [], wonFrom: [] }] },
  ],
};

describe('campaign report', () => {
  it('escapes every HTML special character', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('renders every chart as inline SVG with its data-point count', async () => {
    const data = fixture();
    const html = renderReportHtml(data, await renderCharts(data));
    const charts = [...html.matchAll(/<figure class="chart" data-chart="([^"]+)" data-points="(\d+)">/g)].map((m) => [m[1], Number(m[2])]);
    // The presence chart has four slices since presence 'no-website' (issue 13).
    expect(charts).toEqual([
      ['presence', 4], ['tiers', 5], ['share-isp', 3], ['share-email', 2], ['share-web-host', 3], ['share-dns', 2], ['share-ecommerce', 2],
      ['competitor-tiers', 2], ['regions', 5],
    ]);
    expect(html.match(/<svg /g)).toHaveLength(charts.length);
    expect(html).not.toMatch(/<script|src="http|href="http|@import|url\(/i);
  });

  it('renders names from the data as text, never as markup', async () => {
    const data = fixture();
    const html = renderReportHtml(data, await renderCharts(data));
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Bakery');
    expect(html).toContain('Uses &lt;b&gt;Comcast&lt;/b&gt; &amp; more');
    expect(html).toContain('Campaign report — Ohio &lt;Q4&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('shows the headline figures', async () => {
    const data = fixture();
    const html = renderReportHtml(data, await renderCharts(data));
    const figure = (key: string) => html.match(new RegExp(`data-figure="${key}"><dt>[^<]*</dt><dd>([^<]*)</dd>`))?.[1];
    expect(figure('prospects')).toBe('5');
    expect(figure('classified')).toBe('4 (80.0%)');
    expect(figure('presence')).toBe('60.0%');
    expect(figure('competitor-customers')).toBe('4 (80.0%)');
    expect(figure('tiers')).toBe('1 / 1 / 1 / 1');
    expect(figure('scan-date')).toBe('2026-11-23');
  });

  it('says so instead of drawing an empty chart', async () => {
    const data = { ...fixture(), competitorTiers: [] };
    const html = renderReportHtml(data, await renderCharts(data));
    expect(html).toMatch(/data-chart="competitor-tiers" data-points="0"><figcaption>[^<]*<\/figcaption><p class="empty">/);
  });
});

describe('changes section', () => {
  it('counts events per field and kind and charts the flows of a field whose providers moved, as escaped text', async () => {
    const data = { ...fixture(), changes: CHANGES };
    const html = renderReportHtml(data, await renderCharts(data));
    expect(html).toContain('<h2>Changes between scan #1 and scan #2</h2>');
    expect(html).toContain('<tr data-field="isp" data-kind="changed"><td>isp</td><td>changed</td><td class="num">3</td><td class="num">1</td></tr>');
    // kept + lost for Comcast, kept + won for AT&T, won for the third: five stacked segments.
    expect(html).toMatch(/data-chart="flows-isp" data-points="5"><figcaption>Internet providers \(ISP\): kept \/ lost \/ won, scan #1 → #2<\/figcaption><svg /);
    // Nothing moved between e-mail providers: no chart for them.
    expect(html).not.toContain('data-chart="flows-emailProvider"');
    expect(html).toContain('<td>comcast-business</td><td class="num">5</td><td>att (1), &lt;b&gt;evil&lt;/b&gt; (1)</td><td>—</td>');
    expect(html).not.toContain('<b>evil</b>');
  });

  it('is left out before there is a scan to compare with', async () => {
    const html = renderReportHtml(fixture(), await renderCharts(fixture()));
    expect(html).not.toContain('aria-label="Changes"');
  });
});

describe('export links', () => {
  it('are only in the served page, with the campaign name URL-encoded', async () => {
    const data = fixture();
    const charts = await renderCharts(data);
    expect(renderReportHtml(data, charts)).not.toContain('data-export');
    const served = renderReportHtml(data, charts, { exportLinks: true });
    expect(served).toContain('href="/api/campaigns/Ohio%20%3CQ4%3E/export?format=csv" data-export="csv"');
  });
});
