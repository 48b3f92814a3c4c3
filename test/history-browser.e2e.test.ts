// History in a browser (headless Chromium): the lead page's timeline shows the scans of
// this list and of an earlier list of the same business, the change between them, the
// provider periods, the lead's moves and a correction; the campaign report's changes
// section counts the events and charts the provider flows between its two scans. Names
// full of markup stay text. Screenshots: /tmp/hist-timeline.png and /tmp/hist-report.png.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeScanIfFinished } from '@prospector/core';
import { actOnLead, actorForEmail, buildApiServer, createApiToken, importList, routeScan } from '@prospector/scheduler';
import { launchTestBrowser, type TestBrowser } from './helpers/browser.ts';
import { loadTeams } from './helpers/lead-fixtures.ts';
import { createHarness, REDIS_URL, type Harness } from './helpers/pipeline-harness.ts';

const TEAMS = `teams:
  - name: cle-tp
    kind: teleprospecting
    passesTo: cle-sales
    territory: { states: [OH], postalPrefixes: ["441"] }
    members:
      - { name: Dana Reyes, email: dana@example.com, capacity: 40 }
  - name: cle-sales
    kind: sales
    territory: { postalPrefixes: ["441"] }
    members:
      - { name: Lee Park, email: lee@example.com, capacity: 100 }
`;
const HOSTILE = 'Acme <img src=x onerror="window.__xss=1"> Plumbing';

let browser: TestBrowser;
let harness: Harness;
let app: FastifyInstance;
let redis: Redis;
let pool: pg.Pool;
let dir: string;
let base: string;
let page: Page;
let leadId = 0;

type Answers = { isp: string; emailProvider: string; tier?: string; score?: number };

async function importCsv(campaign: string, rows: string): Promise<Map<string, number>> {
  const file = join(dir, `${campaign}-${Date.now()}.csv`);
  await writeFile(file, 'Record ID,Company Name,Address,City,State,ZIP Code,Phone,Website\n' + rows);
  await importList({ pool, campaign, file });
  const ps = await harness.prisma.prospect.findMany({ where: { campaign: { name: campaign } }, select: { id: true, externalId: true } });
  return new Map(ps.map((p) => [p.externalId, p.id]));
}

async function scan(campaign: string, number: number, month: number, answers: Map<number, Answers>): Promise<number> {
  const prisma = harness.prisma;
  const campaignId = (await prisma.campaign.findUniqueOrThrow({ where: { name: campaign } })).id;
  const s = await prisma.scan.create({ data: { campaignId, number, total: answers.size, startedAt: new Date(Date.UTC(2026, month, 1)) } });
  for (const [prospectId, a] of answers) {
    await prisma.finding.create({
      data: {
        scanId: s.id, prospectId, presence: 'website', isp: a.isp, emailProvider: a.emailProvider, score: a.score ?? 70, tier: a.tier ?? 'B', reasons: ['fixture'],
        confidence: { isp: 0.9, emailProvider: 0.9 }, evidence: { isp: [`ASN seen in scan ${campaign} #${number}`] },
      },
    });
    await prisma.stageRun.create({ data: { scanId: s.id, prospectId, stage: 'classify', status: 'done' } });
  }
  expect(await completeScanIfFinished(prisma, s.id)).toBe(true);
  return s.id;
}

beforeAll(async () => {
  browser = await launchTestBrowser();
  harness = await createHarness('histweb');
  const prisma = harness.prisma;
  dir = await mkdtemp(join(tmpdir(), 'histweb-'));
  pool = new pg.Pool({ connectionString: harness.db.url, max: 2 });
  await loadTeams(prisma, TEAMS);

  // Spring's list: Acme on Google mail. Autumn's list has Acme again (same phone) and five more.
  const spring = await importCsv('spring', 'S1,Acme Plumbing,1 Main St,Cleveland,OH,44113,216-555-0101,acme-plumbing.test\n');
  await scan('spring', 1, 0, new Map([[spring.get('S1')!, { isp: 'comcast-business', emailProvider: 'google-workspace' }]]));
  const autumn = await importCsv('autumn',
    'A1,ACME PLUMBING INC,1 Main St,Cleveland,OH,44113,(216) 555-0101,\n' +
    'A2,Bolt Electric,2 Main St,Cleveland,OH,44114,216-555-0102,bolt.test\n' +
    'A3,Carr Dental,3 High St,Cleveland,OH,44115,216-555-0103,carr.test\n' +
    'A4,Dunn Freight,4 High St,Cleveland,OH,44115,216-555-0104,dunn.test\n' +
    'A5,Erie Bakery,5 High St,Cleveland,OH,44115,216-555-0105,erie.test\n' +
    'A6,Flats Cafe,6 High St,Cleveland,OH,44115,216-555-0106,flats.test\n');
  const id = (ext: string) => autumn.get(ext)!;
  await prisma.prospect.update({ where: { id: id('A1') }, data: { name: HOSTILE } });
  const first = await scan('autumn', 1, 3, new Map<number, Answers>([
    [id('A1'), { isp: 'comcast-business', emailProvider: 'microsoft-365', tier: 'A', score: 88 }],
    [id('A2'), { isp: 'comcast-business', emailProvider: 'google-workspace' }],
    [id('A3'), { isp: 'comcast-business', emailProvider: 'google-workspace' }],
    [id('A4'), { isp: 'comcast-business', emailProvider: 'microsoft-365' }],
    [id('A5'), { isp: 'spectrum', emailProvider: 'google-workspace' }],
    [id('A6'), { isp: 'att', emailProvider: 'google-workspace' }],
  ]));
  await routeScan(prisma, first);
  // Between autumn's two scans: Bolt and Carr leave Comcast for AT&T, Erie leaves Spectrum for Comcast, Acme's ISP too.
  await scan('autumn', 2, 5, new Map<number, Answers>([
    [id('A1'), { isp: 'att', emailProvider: 'microsoft-365', tier: 'A', score: 90 }],
    [id('A2'), { isp: 'att', emailProvider: 'google-workspace' }],
    [id('A3'), { isp: 'att', emailProvider: 'microsoft-365' }],
    [id('A4'), { isp: 'comcast-business', emailProvider: 'microsoft-365' }],
    [id('A5'), { isp: 'comcast-business', emailProvider: 'google-workspace' }],
    [id('A6'), { isp: 'att', emailProvider: 'google-workspace' }],
  ]));
  leadId = (await prisma.lead.findUniqueOrThrow({ where: { prospectId: id('A1') } })).id;
  const dana = await actorForEmail(prisma, 'dana@example.com');
  await actOnLead(prisma, { leadId, action: 'work', actor: dana, passBackCap: 2 });
  await actOnLead(prisma, { leadId, action: 'note', actor: dana, reason: 'called: they moved mail to <Microsoft> last month', passBackCap: 2 });
  await prisma.correction.create({ data: { campaignId: (await prisma.campaign.findUniqueOrThrow({ where: { name: 'autumn' } })).id, prospectId: id('A1'), field: 'webHost', value: 'godaddy', note: 'the owner said so', correctedBy: 'dana@example.com' } });

  redis = new Redis(REDIS_URL);
  app = await buildApiServer({ prisma, pool, queues: harness.queues, redis, defaultCountry: 'US', logLevel: 'silent' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  page = await browser.context.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await redis?.quit();
  await pool?.end();
  await harness?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

async function signIn(token: string, path: string): Promise<void> {
  await browser.context.clearCookies();
  await page.goto(`${base}${path}`);
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.fill('input[name="token"]', token);
  await Promise.all([page.waitForURL(`${base}${path}`), page.click('button[type="submit"]')]);
}

describe('history in a browser', () => {
  it('the lead page shows a timeline across both lists of the business: scans, the change, periods, moves, a correction', async () => {
    const token = await createApiToken(harness.prisma, 'rep', 'dana', { memberEmail: 'dana@example.com' });
    await signIn(token, `/my/leads/${leadId}`);
    const timeline = page.locator('section[aria-label="Timeline"]');
    await timeline.waitFor();
    const items = await timeline.locator('ol.timeline li').evaluateAll((li) => li.map((l) => `${l.getAttribute('data-timeline')}: ${l.querySelector('.tl-title')?.textContent ?? ''}`));
    expect(items).toEqual([
      'scan: Scan spring #1 (an earlier list of this business)',
      'scan: Scan autumn #1',
      'change: emailProvider changed',
      'change: tier changed',
      'change: score moved',
      'lead: route: new → assigned by router [cle-tp, Dana Reyes]',
      'scan: Scan autumn #2',
      'change: isp changed',
      'lead: work: assigned → working by dana@example.com [cle-tp, Dana Reyes]',
      'lead: note by dana@example.com [cle-tp, Dana Reyes]',
      'correction: webHost corrected to godaddy by dana@example.com',
    ]);
    const mailChange = timeline.locator('li[data-timeline="change"]').first();
    await expect(mailChange.locator('.tl-detail').textContent()).resolves.toBe('google-workspace → microsoft-365 (spring #1 → autumn #1, confidence 90%)');
    await expect(timeline.locator('li[data-timeline="lead"]').nth(2).locator('.tl-detail').textContent()).resolves.toBe('called: they moved mail to <Microsoft> last month');
    const periods = await timeline.locator('table.periods tr[data-period="emailProvider"]').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    expect(periods).toEqual([
      ['emailProvider', 'google-workspace', 'spring #1', '2026-01-01 → 2026-04-01'],
      ['emailProvider', 'microsoft-365', 'autumn #1 – autumn #2', '2026-04-01 → now'],
    ]);
    await expect(page.locator('h1').textContent()).resolves.toContain(HOSTILE);
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.setViewportSize({ width: 1100, height: 900 });
    await timeline.screenshot({ path: '/tmp/hist-timeline.png' });
  });

  it('the report has a changes section: counts per field and kind, and a kept / lost / won chart per provider', async () => {
    const token = await createApiToken(harness.prisma, 'ops', 'histweb');
    await signIn(token, '/campaigns/autumn/report');
    const section = page.locator('section[aria-label="Changes"]');
    await expect(section.locator('h2').textContent()).resolves.toBe('Changes between scan #1 and scan #2');
    const counts = await section.locator('table.change-counts tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent).join(' ')));
    expect(counts).toEqual(['emailProvider changed 1 0', 'isp changed 4 0']);
    const chart = section.locator('figure[data-chart="flows-isp"]');
    await expect(chart.getAttribute('data-points')).resolves.toBe('6');
    await expect(chart.locator('svg').count()).resolves.toBe(1);
    const isp = await section.locator('table.flows[data-flows="isp"] tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    expect(isp).toEqual([
      ['comcast-business', '1', 'att (3)', 'spectrum (1)'],
      ['att', '1', '—', 'comcast-business (3)'],
      ['spectrum', '0', 'comcast-business (1)', '—'],
    ]);
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await section.screenshot({ path: '/tmp/hist-report.png' });
  });
});
