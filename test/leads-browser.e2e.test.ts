// A rep's path in headless Chromium: sign in with a member token, open "my queue", open a
// lead, claim it, work it, qualify it and see it leave the queue; a rep of another team
// is refused the lead (403, and the page says so). Screenshots go to out/screens/.
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiServer, createApiToken, routeScan } from '@prospector/scheduler';
import { loadTeams } from './helpers/lead-fixtures.ts';
import { launchTestBrowser, type TestBrowser } from './helpers/browser.ts';
import { runMarket, type MarketRun } from './helpers/market-run.ts';
import { REDIS_URL } from './helpers/pipeline-harness.ts';

const OUT = resolve(import.meta.dirname, '../out/screens');
const TEAMS = `teams:
  - name: cle-tp
    kind: teleprospecting
    passesTo: cle-sales
    territory: { states: [OH], postalPrefixes: ["440", "441", "442", "443"] }
    members:
      - { name: Dana Reyes, email: dana@example.com, capacity: 1 }
  - name: cin-tp
    kind: teleprospecting
    passesTo: cin-sales
    territory: { states: [OH], postalPrefixes: ["450", "451", "452", "453", "454"] }
    members:
      - { name: Ana Cruz, email: ana@example.com, capacity: 40 }
  - name: cle-sales
    kind: sales
    territory: { postalPrefixes: ["440", "441", "442", "443"] }
    members:
      - { name: Lee Park, email: lee@example.com, capacity: 100 }
  - name: cin-sales
    kind: sales
    territory: { postalPrefixes: ["450", "451", "452", "453", "454"] }
    members:
      - { name: Ed Kim, email: ed@example.com, capacity: 100 }
`;

let browser: TestBrowser;
let run: MarketRun;
let app: FastifyInstance;
let redis: Redis;
let pool: pg.Pool;
let base: string;
let tokens: { dana: string; ana: string };
let page: Page;
let claimedId: number;
const foreignRequests: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  await mkdir(OUT, { recursive: true });
  browser = await launchTestBrowser();
  run = await runMarket({ label: 'repweb', size: 40, seed: 20261201, octet: 77 });
  const prisma = run.harness.prisma;
  await loadTeams(prisma, TEAMS);
  const scan = await prisma.scan.findFirstOrThrow({ where: { status: 'done' } });
  await routeScan(prisma, scan.id);
  redis = new Redis(REDIS_URL);
  pool = new pg.Pool({ connectionString: run.harness.db.url, max: 2 });
  app = await buildApiServer({ prisma, pool, queues: run.harness.queues, redis, defaultCountry: 'US', logLevel: 'silent' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  tokens = { dana: await createApiToken(prisma, 'rep', 'dana', { memberEmail: 'dana@example.com' }), ana: await createApiToken(prisma, 'rep', 'ana', { memberEmail: 'ana@example.com' }) };
  page = await browser.context.newPage();
  watch(page);
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await redis?.quit();
  await pool?.end();
  await run?.close();
});

function watch(p: Page): void {
  p.on('request', (r) => {
    if (!r.url().startsWith(base)) foreignRequests.push(r.url());
  });
  p.on('console', (m) => {
    // A 403 page is logged as a failed resource load; what must never appear is a CSP refusal.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) consoleErrors.push(m.text());
  });
}

async function signIn(context: BrowserContext, p: Page, token: string, path: string): Promise<void> {
  await context.clearCookies();
  await p.goto(`${base}${path}`);
  expect(new URL(p.url()).pathname).toBe('/login');
  await p.fill('input[name="token"]', token);
  await Promise.all([p.waitForURL(`${base}${path}`), p.click('button[type="submit"]')]);
}

/** The page's width and any element reaching past a phone's 390 px: the page must not scroll sideways. */
async function overflowing(p: Page): Promise<string[]> {
  const page = await p.$eval('html', (html) => html.scrollWidth);
  const wide = await p.$$eval('body *', (els) =>
    els.filter((e) => e.getBoundingClientRect().right > 391).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)} ${(e.textContent ?? '').slice(0, 40)}`),
  );
  return [...(page > 390 ? [`page scrolls to ${page}px`] : []), ...wide];
}

const rowIds = async (p: Page) => p.$$eval('table.queue tbody tr[data-lead]', (rows) => rows.map((r) => Number(r.getAttribute('data-lead'))));

describe("a rep's web page", () => {
  it('signs a rep in and shows their team queue with counts per state, strict CSP, nothing from elsewhere', async () => {
    await signIn(browser.context, page, tokens.dana, '/my/queue');
    await expect(page.locator('h1').textContent()).resolves.toBe('Queue of cle-tp');
    const response = await page.reload();
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    const counts = await page.$$eval('ul.counts li', (li) => li.map((l) => l.getAttribute('data-count')));
    expect(counts).toContain('new');
    const leads = await run.harness.prisma.lead.count({ where: { teamId: (await run.harness.prisma.team.findUniqueOrThrow({ where: { name: 'cle-tp' } })).id } });
    expect(await rowIds(page)).toHaveLength(leads);
    expect(leads).toBeGreaterThan(2);
    await page.screenshot({ path: join(OUT, 'queue-laptop.png'), fullPage: true });
  });

  it('filters and sorts the queue', async () => {
    await page.selectOption('select[name="status"]', 'new');
    await Promise.all([page.waitForURL(/status=new/), page.click('form.filters button[type="submit"]')]);
    const statuses = await page.$$eval('table.queue tbody tr[data-lead]', (rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['new']));
    await Promise.all([page.waitForURL(/sort=score/), page.click('th a[data-sort="score"]')]);
    const scores = await page.$$eval('table.queue tbody td.num', (tds) => tds.map((t) => Number(t.textContent)));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });

  it('opens a lead: business, tel: link, every answer with confidence and evidence, score, history', async () => {
    const first = page.locator('table.queue tbody tr[data-lead] a').first();
    claimedId = Number(await page.locator('table.queue tbody tr[data-lead]').first().getAttribute('data-lead'));
    await Promise.all([page.waitForURL(`${base}/my/leads/${claimedId}`), first.click()]);
    const lead = await run.harness.prisma.lead.findUniqueOrThrow({ where: { id: claimedId }, include: { prospect: true } });
    await expect(page.locator('h1').textContent()).resolves.toContain(lead.prospect.name);
    if (lead.prospect.phone) await expect(page.locator('a[data-tel]').getAttribute('href')).resolves.toBe(`tel:${lead.prospect.phone}`);
    expect(await page.locator('ul.answers li[data-answer]').count()).toBe(10);
    const answered = await page.$$eval('ul.answers li[data-answer]', (li) => li.filter((l) => l.querySelector('.badge')).length);
    expect(answered).toBeGreaterThan(0);
    await expect(page.locator('ol.history li').first().textContent()).resolves.toContain('router route');
    expect(await page.locator('button[data-action]').evaluateAll((b) => b.map((x) => x.getAttribute('data-action')))).toEqual(['claim', 'disqualify', 'note']);
    await page.screenshot({ path: join(OUT, 'lead-page.png'), fullPage: true });
  });

  it('validates and stores a correction, then claims, works and qualifies the lead, which leaves the queue', async () => {
    await page.selectOption('select[name="field"]', 'domain');
    await page.fill('input[name="value"]', 'not a domain');
    await page.click('form.correction button[type="submit"]');
    await expect(page.locator('[data-error="value"]').textContent()).resolves.toBe('a domain such as acme-plumbing.com');
    await page.screenshot({ path: join(OUT, 'lead-correction-invalid.png'), fullPage: true });

    await page.goto(`${base}/my/leads/${claimedId}`);
    await page.selectOption('select[name="field"]', 'emailProvider');
    await page.fill('input[name="value"]', 'microsoft-365');
    await page.click('form.correction button[type="submit"]');
    await expect(page.locator('[data-correction="outcome"]').textContent()).resolves.toMatch(/^Correction stored: emailProvider is now microsoft-365/);
    const corrected = await run.harness.prisma.lead.findUniqueOrThrow({ where: { id: claimedId } });
    await expect(run.harness.prisma.correction.findMany({ where: { prospectId: corrected.prospectId } })).resolves.toEqual([
      expect.objectContaining({ field: 'emailProvider', value: 'microsoft-365', status: 'active' }),
    ]);

    await page.goto(`${base}/my/leads/${claimedId}`);
    await Promise.all([page.waitForURL(/done=claim/), page.click('button[data-action="claim"]')]);
    await expect(page.locator('[data-lead-status]').textContent()).resolves.toBe('assigned');
    await Promise.all([page.waitForURL(/done=work/), page.click('button[data-action="work"]')]);
    await expect(page.locator('[data-lead-status]').textContent()).resolves.toBe('working');
    await Promise.all([page.waitForURL(/\/my\/queue\?.*done=qualify/), page.click('button[data-action="qualify"]')]);
    await expect(page.locator('p.notice').textContent()).resolves.toBe(`Lead #${claimedId} qualified: handed to cle-sales.`);
    expect(await rowIds(page)).not.toContain(claimedId);
    await page.screenshot({ path: join(OUT, 'queue-after-qualify.png'), fullPage: true });
    const lead = await run.harness.prisma.lead.findUniqueOrThrow({ where: { id: claimedId } });
    expect(lead.status).toBe('qualified');
  });

  it('fits a phone screen', async () => {
    const phone = await browser.context.newPage();
    watch(phone);
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${base}/my/queue`);
    expect(await overflowing(phone)).toEqual([]);
    await phone.screenshot({ path: join(OUT, 'queue-phone.png'), fullPage: true });
    const open = await run.harness.prisma.lead.findFirstOrThrow({ where: { status: 'new', teamId: (await run.harness.prisma.team.findUniqueOrThrow({ where: { name: 'cle-tp' } })).id } });
    await phone.goto(`${base}/my/leads/${open.id}`);
    expect(await overflowing(phone)).toEqual([]);
    await phone.screenshot({ path: join(OUT, 'lead-phone.png'), fullPage: true });
    await phone.close();
  });

  it("refuses a rep of another team the lead (403, and the page says so) and changes nothing", async () => {
    const cle = await run.harness.prisma.lead.findFirstOrThrow({ where: { status: 'new', teamId: (await run.harness.prisma.team.findUniqueOrThrow({ where: { name: 'cle-tp' } })).id } });
    await signIn(browser.context, page, tokens.ana, '/my/queue');
    await expect(page.locator('h1').textContent()).resolves.toBe('Queue of cin-tp');
    expect(await rowIds(page)).not.toContain(cle.id);
    const res = await page.goto(`${base}/my/leads/${cle.id}`);
    expect(res?.status()).toBe(403);
    await expect(page.locator('[role="alert"]').textContent()).resolves.toBe(`lead ${cle.id} belongs to another team; ana@example.com cannot see or change it`);
    await page.screenshot({ path: join(OUT, 'foreign-lead-403.png'), fullPage: true });
    const other = await page.goto(`${base}/my/queue?team=cle-tp`);
    expect(other?.status()).toBe(403);
    const post = await page.request.post(`${base}/my/leads/${cle.id}/actions`, { form: { action: 'claim' }, headers: { origin: base } });
    expect(post.status()).toBe(403);
    expect(await post.text()).toContain('ana@example.com is not an active member of cle-tp, which holds this lead');
    expect(await run.harness.prisma.lead.findUniqueOrThrow({ where: { id: cle.id } })).toEqual(cle);
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
