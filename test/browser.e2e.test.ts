// A person's path through the product, in headless Chromium: sign in with a token, read
// the campaign report (every chart drawn with data, hostile names shown as text), look
// at the queues in Bull Board, download the CSV. Screenshots go to out/browser/.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiServer, createApiToken } from '@prospector/scheduler';
import { launchTestBrowser, type TestBrowser } from './helpers/browser.ts';
import { runMarket, type MarketRun } from './helpers/market-run.ts';
import { REDIS_URL } from './helpers/pipeline-harness.ts';

const OUT = resolve(import.meta.dirname, '../out/browser');
const CAMPAIGN = 'browser';
const CHARTS = ['presence', 'tiers', 'share-isp', 'share-email', 'share-web-host', 'share-dns', 'share-ecommerce', 'competitor-tiers', 'regions'];
const QUEUES = ['search', 'dns', 'verify', 'classify'];
const HOSTILE = `<script>window.__xss=1</script><img src=x onerror="window.__xss=2">Evil & Co`;

let browser: TestBrowser;
let run: MarketRun;
let app: FastifyInstance;
let redis: Redis;
let pool: pg.Pool;
let base: string;
let token: string;
let page: Page;
const foreignRequests: string[] = [];

beforeAll(async () => {
  await mkdir(OUT, { recursive: true });
  // First, so a missing browser fails in seconds, not after the market run.
  browser = await launchTestBrowser();
  run = await runMarket({ label: CAMPAIGN, size: 60, seed: 20261124, octet: 70 });
  const prisma = run.harness.prisma;
  // The best lead gets a name full of markup: the report must show it as text.
  const best = await prisma.finding.findFirstOrThrow({ orderBy: [{ tier: 'asc' }, { score: 'desc' }, { prospectId: 'asc' }] });
  await prisma.prospect.update({ where: { id: best.prospectId }, data: { name: HOSTILE } });
  redis = new Redis(REDIS_URL);
  pool = new pg.Pool({ connectionString: run.harness.db.url, max: 2 });
  app = await buildApiServer({ prisma, pool, queues: run.harness.queues, redis, defaultCountry: 'US', logLevel: 'silent' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  token = await createApiToken(prisma, 'ops', 'browser-test');
  page = await browser.context.newPage();
  page.on('request', (r) => {
    if (!r.url().startsWith(base)) foreignRequests.push(r.url());
  });
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await redis?.quit();
  await pool?.end();
  await run?.close();
});

describe('in a browser', () => {
  it('signs in with a token through the login form and lands on the report', async () => {
    const reportUrl = `${base}/campaigns/${CAMPAIGN}/report`;
    await page.goto(reportUrl);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.screenshot({ path: join(OUT, 'login.png') });
    await page.fill('input[name="token"]', token);
    await Promise.all([page.waitForURL(reportUrl), page.click('button[type="submit"]')]);
    await expect(page.title()).resolves.toBe(`Campaign report — ${CAMPAIGN}`);
  });

  it('draws every chart with data', async () => {
    const charts = await page.$$eval('figure[data-chart]', (figures) =>
      figures.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          name: f.getAttribute('data-chart'),
          points: Number(f.getAttribute('data-points')),
          marks: svg ? svg.querySelectorAll('.role-mark path, .role-mark rect').length : 0,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
        };
      }),
    );
    expect(charts.map((c) => c.name)).toEqual(CHARTS);
    for (const c of charts) {
      expect(c.points, `${c.name} data points`).toBeGreaterThan(0);
      expect(c.marks, `${c.name} marks`).toBeGreaterThan(0);
      expect(c.width * c.height, `${c.name} size`).toBeGreaterThan(100 * 50);
    }
    await page.screenshot({ path: join(OUT, 'report.png'), fullPage: true });
    await writeFile(join(OUT, 'report.html'), await page.content());
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(OUT, 'report-print.png'), fullPage: true });
    await page.pdf({ path: join(OUT, 'report.pdf'), format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows headline figures and top leads, with a hostile name as text', async () => {
    const prospects = await page.textContent('[data-figure="prospects"] dd');
    expect(Number(prospects?.replace(/,/g, ''))).toBe(run.records.length);
    const firstLead = page.locator('table.leads tbody tr').first();
    await expect(firstLead.locator('strong').textContent()).resolves.toBe(HOSTILE);
    expect(await page.locator('body script, table.leads img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('table.leads tbody tr').count()).toBeGreaterThan(0);
    expect(foreignRequests).toEqual([]);
  });

  it('downloads the CSV export from the report', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[data-export="csv"]')]);
    expect(download.suggestedFilename()).toBe(`${CAMPAIGN}.csv`);
    const file = join(OUT, 'export.csv');
    await download.saveAs(file);
    const rows = parse(await readFile(file, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(run.records.length);
    expect(Object.keys(rows[0]!).slice(0, 2)).toEqual(['externalId', 'name']);
    expect(rows.find((r) => r.name === HOSTILE)).toBeDefined();
    expect(rows.filter((r) => r.tier).length).toBe(run.records.filter((r) => r.tier).length);
  });

  it('serves the spreadsheet and CRM layouts over the API', async () => {
    const get = (format: string) => fetch(`${base}/api/campaigns/${CAMPAIGN}/export?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
    const xlsx = await get('xlsx');
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    for (const [format, first] of [['salesforce', 'Last Name'], ['hubspot', 'Company name']] as const) {
      const res = await get(format);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${CAMPAIGN}.${format}.csv"`);
      const rows = parse(await res.text()) as string[][];
      expect(rows[0]![0]).toBe(first);
      expect(rows).toHaveLength(run.records.length + 1);
    }
  });

  it('shows the four queues in Bull Board', async () => {
    await page.goto(`${base}/admin/queues`);
    for (const name of QUEUES) {
      await page.getByRole('link', { name, exact: true }).first().waitFor({ timeout: 15_000 });
    }
    await page.screenshot({ path: join(OUT, 'bull-board.png'), fullPage: true });
  });
});
