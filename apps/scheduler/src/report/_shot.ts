import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { computeCampaignStats, type FindingRow } from '@prospector/agents/stats/campaign-stats.ts';
import { renderCharts } from './report.charts.ts';
import { renderReportHtml } from './report.html.ts';
import type { ReportData } from './report.data.ts';
const isps = ['spectrum', 'att', 'comcast-business', 'brightspeed', 'frontier', null, null, null];
const emails = ['microsoft-365', 'google-workspace', 'godaddy', 'zoho', null];
const hosts = ['squarespace', 'wix', 'godaddy', 'aws', 'cloudflare', 'shopify', 'bluehost', 'siteground', 'wp-engine', 'netlify', null];
const rows: FindingRow[] = Array.from({ length: 60 }, (_, i) => ({
  region: ['OH', 'PA', 'MI'][i % 3]!, presence: (['website', 'website', 'social-only', 'none'] as const)[i % 4]!,
  emailProvider: emails[i % 5]!, emailGateway: null, webHost: hosts[i % 11]!, dnsProvider: emails[(i + 1) % 5]!, isp: isps[i % 8]!,
  ecommercePlatform: i % 9 === 0 ? 'shopify' : null, tier: (['A', 'B', 'C', 'D', null] as const)[i % 5]!, unknownReasons: {},
}));
const data: ReportData = {
  campaign: 'demo', scan: { number: 1, status: 'done', startedAt: new Date(), finishedAt: new Date() },
  stats: computeCampaignStats(rows, { competitors: ['spectrum', 'att', 'comcast-business', 'brightspeed', 'frontier'] }),
  competitorTiers: [{ tier: 'A', competitor: 'spectrum', count: 3 }, { tier: 'A', competitor: 'att', count: 2 }, { tier: 'B', competitor: 'spectrum', count: 4 }, { tier: 'C', competitor: 'frontier', count: 1 }],
  leads: Array.from({ length: 5 }, (_, i) => ({ name: `Business ${i}`, city: 'Columbus', region: 'OH', domain: 'x.com', tier: 'A', score: 90 - i, isp: 'spectrum', emailProvider: 'microsoft-365', webHost: 'wix', reasons: ['Spectrum Business customer — competitor with poor service', '75 employees — inside the 20–500 target'] })),
  generatedAt: new Date(),
};
const html = renderReportHtml(data, await renderCharts(data), { exportLinks: true });
writeFileSync('/tmp/rshot.html', html);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
await p.setContent(html);
const h = await p.evaluate(() => document.body.scrollHeight);
for (let y = 0, i = 0; y < h; y += 1100, i++) await p.screenshot({ path: `/tmp/rshot-${i}.png`, clip: { x: 0, y, width: 1280, height: Math.min(1100, h - y) }, fullPage: true });
await p.emulateMedia({ media: 'print' });
await p.pdf({ path: '/tmp/rshot.pdf', format: 'A4' });
console.log(h);
await b.close();
