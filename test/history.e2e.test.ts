// History through the real pipeline on the simulated Internet: a short rescan schedule
// runs two scans of a still market (no change may be claimed), then the market moves
// (mail Google → Microsoft, an office changes ISP, mail goes dark, a move that reverts)
// and the change events and `prospector changes --json` say exactly that. The pipeline
// answers with catalog slugs and the simulated world's truth names organisations, so every
// answer is judged against the truth (test/helpers/answer.judge.ts), never compared as a slug.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeScanIfFinished, createLogger, createRescanQueue, deriveScanHistory, redisConnectionOptions, type Finding, type RescanJobData } from '@prospector/core';
import {
  changeIsp, generateMarket, hideMail, moveMailToMicrosoft, saveMail, startSimnet, writePurchasedList,
  type Business, type Market, type ProviderTruth, type Simnet, type TruthChange,
} from '@prospector/simnet';
import {
  exportRecords, importList, LEFT_COMPETITOR_POINTS, listSchedules, loadReportData, queryChanges, removeSchedule, startScan, upsertSchedule,
  type ChangeView, type ExportRecord,
} from '@prospector/scheduler';
import { loadCatalog, loadPlaybook } from '@prospector/agents';
import { createAgentSet, startRescanWorker, type AgentSet, type WorkerRuntime } from '@prospector/worker';
import { names } from './helpers/answer.judge.ts';
import { createHarness, REDIS_URL, type Harness } from './helpers/pipeline-harness.ts';
import { simnetConfig } from './helpers/market-run.ts';

const CAMPAIGN = 'history';
const run = promisify(execFile);
const catalog = loadCatalog();

let market: Market;
let simnet: Simnet;
let h: Harness;
let pool: pg.Pool;
let redis: Redis;
let agents: AgentSet | undefined;
let runtime: WorkerRuntime | undefined;
let rescans: Queue<RescanJobData>;
let rescanWorker: Worker;
let dir: string;

beforeAll(async () => {
  market = generateMarket({ seed: 1717, size: 60, octet: 117 });
  simnet = await startSimnet({ market });
  dir = await mkdtemp(join(tmpdir(), 'prospector-history-'));
  const file = join(dir, 'list.csv');
  writePurchasedList(market, file);
  h = await createHarness('history', { attempts: 3, backoffMs: 100 });
  pool = new pg.Pool({ connectionString: h.db.url, max: 2 });
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  await importList({ pool, campaign: CAMPAIGN, file });
  await freshWorkers();
  const connection = redisConnectionOptions(REDIS_URL);
  rescans = createRescanQueue(connection, h.prefix);
  rescanWorker = startRescanWorker({ connection, prefix: h.prefix, prisma: h.prisma, queues: h.queues, logger: createLogger('silent', 'test') });
}, 60_000);

afterAll(async () => {
  await rescanWorker?.close();
  await rescans?.close();
  await pool?.end();
  await h?.close();
  await agents?.close();
  await redis?.quit();
  await simnet?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * Workers with empty DNS caches, as after the weeks between two real rescans (the
 * resolver keeps answers for their TTL, and the test's scans are seconds apart).
 */
async function freshWorkers(): Promise<void> {
  await runtime?.close(5000);
  await agents?.close();
  agents = await createAgentSet(simnetConfig(simnet, h.db.url), createLogger('silent', 'test'), redis);
  runtime = h.startWorkers(agents);
}

async function cli(...args: string[]): Promise<string> {
  const env = { ...process.env, DATABASE_URL: h.db.url, REDIS_URL, QUEUE_PREFIX: h.prefix, LOG_LEVEL: 'silent' };
  return (await run(process.execPath, ['apps/scheduler/bin/prospector.mjs', ...args], { env })).stdout;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 240_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function findingsOf(scanNumber: number): Promise<Map<string, Finding>> {
  const scan = await h.prisma.scan.findFirstOrThrow({ where: { number: scanNumber, campaign: { name: CAMPAIGN } } });
  const rows = await h.prisma.finding.findMany({ where: { scanId: scan.id }, include: { prospect: { select: { externalId: true } } } });
  return new Map(rows.map((r) => [r.prospect.externalId, r]));
}

async function scanOnce(): Promise<number> {
  await freshWorkers();
  const scan = await startScan(h.prisma, h.queues, CAMPAIGN);
  expect(scan.joinedExisting).toBe(false);
  await h.waitForScan(scan.scanId, 240_000);
  return scan.number;
}

/** Whether an answer (a catalog slug, or the evidence's own name) names the truth's provider. */
const namesTruth = (answer: string | null | undefined, truth: ProviderTruth | null | undefined): boolean =>
  answer !== null && answer !== undefined && truth !== null && truth !== undefined && names(catalog, answer, truth);

/** The finding names the truth's provider, with confidence. */
const confident = (f: Finding | undefined, field: 'emailProvider' | 'isp', truth: ProviderTruth | null) =>
  f !== undefined && namesTruth(f[field], truth) && ((f.confidence as Record<string, number>)[field] ?? 0) >= 0.5;

/** A claimed change is right when it is the business's true change: both ends name the truth's providers. */
const matches = (c: ChangeView, t: TruthChange) => c.externalId === t.recordId && c.field === t.field && namesTruth(c.from, t.from) && namesTruth(c.to, t.to);

/** Precision and recall of claimed provider changes against the truth, per field. */
function score(claimed: ChangeView[], truth: TruthChange[], fields: string[]) {
  return fields.map((field) => {
    const want = truth.filter((t) => t.field === field && t.from && t.to);
    const got = claimed.filter((c) => c.field === field && c.kind === 'changed');
    const hits = got.filter((c) => want.some((t) => matches(c, t))).length;
    const found = want.filter((t) => got.some((c) => matches(c, t))).length;
    return { field, claimed: got.length, truth: want.length, precision: got.length ? hits / got.length : 1, recall: want.length ? found / want.length : 1 };
  });
}

describe('history on an evolving market', () => {
  let gmailMover: Business;
  let flapper: Business;
  let darkMail: Business;
  let ispMover: Business;
  let lastScan = 0;
  /** The flapper's move to Microsoft and its return, as the truth saw them. */
  let moveTruth: TruthChange | undefined;
  let revertTruth: TruthChange | undefined;

  it('a schedule with a short interval runs two scans, and a still market claims no change', async () => {
    await expect(upsertSchedule(h.prisma, rescans, CAMPAIGN, { every: '0s' })).rejects.toThrow(/at least 1s/);
    await expect(upsertSchedule(h.prisma, rescans, CAMPAIGN, { cron: '61 3 * * 1' })).rejects.toThrow(/--cron "61 3 \* \* 1"/);
    await expect(upsertSchedule(h.prisma, rescans, CAMPAIGN, { cron: '0 3 * * 1', tz: 'Mars/Olympus' })).rejects.toThrow(/not an IANA time zone/);
    await expect(upsertSchedule(h.prisma, rescans, 'no-such-campaign', { every: '1d' })).rejects.toThrow(/does not exist/);

    const view = await upsertSchedule(h.prisma, rescans, CAMPAIGN, { every: '2s' });
    expect(view).toMatchObject({ campaign: CAMPAIGN, every: '2s', cron: null });
    // Upserting again replaces the timing; it never adds a second scheduler.
    await upsertSchedule(h.prisma, rescans, CAMPAIGN, { every: '1s' });
    expect((await listSchedules(h.prisma, rescans)).map((s) => [s.campaign, s.every])).toEqual([[CAMPAIGN, '1s']]);

    await until('two scheduled scans done', async () => (await h.prisma.scan.count({ where: { status: 'done' } })) >= 2);
    expect(await removeSchedule(h.prisma, rescans, CAMPAIGN)).toBe(true);
    expect(await listSchedules(h.prisma, rescans)).toEqual([]);
    // A tick taken just before the removal may still have started a scan: let it finish.
    await until('no rescan job left', async () => {
      const counts = await rescans.getJobCounts('waiting', 'active', 'delayed');
      return Object.values(counts).every((n) => n === 0);
    });
    await until('no running scan', async () => (await h.prisma.scan.count({ where: { status: 'running' } })) === 0);
    const scans = await h.prisma.scan.findMany({ orderBy: { number: 'asc' } });
    expect(scans.length).toBeGreaterThanOrEqual(2);
    lastScan = scans[scans.length - 1]!.number;

    const claimed = await queryChanges(h.prisma, { campaign: CAMPAIGN, kinds: ['changed'] });
    expect(claimed.filter((c) => c.field !== 'tier')).toEqual([]);

    // The same through the CLI: a bad interval is refused by name; a weekly cron in Paris is listed, then removed.
    await expect(cli('schedule', '--campaign', CAMPAIGN, '--every', '0s')).rejects.toMatchObject({ stderr: expect.stringContaining('--every "0s": the interval must be at least 1s') });
    expect(await cli('schedule', '--campaign', CAMPAIGN, '--cron', '0 3 * * 1', '--tz', 'Europe/Paris')).toContain(`scheduled ${CAMPAIGN}: cron "0 3 * * 1" (Europe/Paris), next `);
    expect(JSON.parse(await cli('schedule', 'list', '--json'))).toMatchObject([{ campaign: CAMPAIGN, cron: '0 3 * * 1', tz: 'Europe/Paris', every: null }]);
    expect(await cli('schedule', 'remove', '--campaign', CAMPAIGN)).toContain(`removed the schedule of ${CAMPAIGN}`);
    expect(await listSchedules(h.prisma, rescans)).toEqual([]);
  }, 300_000);

  it('mail moved to Microsoft and an office that left its ISP are claimed changes; nothing else is', async () => {
    const before = await findingsOf(lastScan);
    const owns = (b: Business) => b.truth.presence === 'website' && b.truth.domain !== null;
    const onGoogle = (truth: ProviderTruth | null) => truth !== null && !truth.selfHosted && truth.domains.includes('google.com');
    const gmail = market.businesses.filter((b) => owns(b) && !b.truth.emailGateway && onGoogle(b.truth.emailProvider) && confident(before.get(b.recordId), 'emailProvider', b.truth.emailProvider));
    expect(gmail.length, 'Google Workspace businesses seen with confidence').toBeGreaterThanOrEqual(3);
    [gmailMover, flapper, darkMail] = gmail as [Business, Business, Business];
    const google = gmailMover.truth.emailProvider!;
    const onIsp = market.businesses.filter(
      (b) => owns(b) && b.truth.isp.observable && !b.truth.emailProvider?.selfHosted && !b.truth.webHost?.selfHosted && confident(before.get(b.recordId), 'isp', b.truth.isp) && ![gmailMover, flapper, darkMail].includes(b),
    );
    expect(onIsp.length, 'businesses whose ISP is seen with confidence').toBeGreaterThanOrEqual(1);
    ispMover = onIsp[0]!;
    // simnet's own ISP ids: AT&T, or Spectrum (Charter) for an office already on AT&T.
    const newIsp = ispMover.truth.isp.domains.includes('att.com') ? 'charter' : 'att';

    const restoreFlapper = saveMail(simnet, flapper);
    const truth = [
      moveMailToMicrosoft(simnet, market, gmailMover),
      moveMailToMicrosoft(simnet, market, flapper),
      hideMail(simnet, darkMail),
      changeIsp(simnet, market, ispMover, newIsp, 1),
    ];
    const moved = await scanOnce();
    const claimed = (await queryChanges(h.prisma, { campaign: CAMPAIGN, kinds: ['changed'] })).filter((c) => c.toScan === moved);
    const lines = score(claimed, truth, ['emailProvider', 'emailGateway', 'webHost', 'dnsProvider', 'isp', 'ecommercePlatform', 'cms', 'voipProvider', 'presence', 'domain']);
    console.log(lines.map((l) => `${l.field.padEnd(18)} claimed ${l.claimed}  truth ${l.truth}  precision ${l.precision.toFixed(2)}  recall ${l.recall.toFixed(2)}`).join('\n'));
    for (const l of lines) expect(l, l.field).toMatchObject({ precision: 1, recall: 1 });

    const mail = claimed.find((c) => c.externalId === gmailMover.recordId && c.field === 'emailProvider');
    expect(mail).toMatchObject({ fromScan: lastScan, toScan: moved, flapping: false });
    expect(matches(mail!, truth[0]!), `${mail!.from}→${mail!.to} is ${truth[0]!.from!.name}→${truth[0]!.to!.name}`).toBe(true);
    expect(mail!.confidence).toBeGreaterThanOrEqual(0.5);
    const isp = claimed.find((c) => c.externalId === ispMover.recordId && c.field === 'isp');
    expect(isp).toMatchObject({ fromScan: lastScan, toScan: moved });
    expect(matches(isp!, truth[3]!), `${isp!.from}→${isp!.to} is ${truth[3]!.from!.name}→${truth[3]!.to!.name}`).toBe(true);

    // Mail gone dark is "not seen", never a change.
    const dark = await queryChanges(h.prisma, { campaign: CAMPAIGN, kinds: ['not-seen'], field: 'emailProvider' });
    const darkEvent = dark.find((c) => c.externalId === darkMail.recordId && c.toScan === moved);
    expect(darkEvent).toMatchObject({ to: null });
    expect(namesTruth(darkEvent!.from, google), `${darkEvent!.from} is ${google.name}`).toBe(true);
    expect(claimed.some((c) => c.externalId === darkMail.recordId && c.field === 'emailProvider')).toBe(false);

    // The CLI says the same in JSON, filtered by the answers the mover's change was judged right with.
    const stdout = await cli('changes', '--campaign', CAMPAIGN, '--field', 'emailProvider', '--from', mail!.from!, '--to', mail!.to!, '--json');
    const json = JSON.parse(stdout) as { externalId: string; field: string; from: string; to: string; fromScan: number; toScan: number; confidence: number }[];
    expect(json.map((c) => [c.externalId, c.field, c.from, c.to, c.fromScan, c.toScan]).sort()).toEqual(
      [gmailMover, flapper].map((b) => [b.recordId, 'emailProvider', mail!.from, mail!.to, lastScan, moved]).sort(),
    );
    expect(json.every((c) => c.confidence >= 0.5)).toBe(true);

    // The office that left a competitor rises in priority, and the export says why.
    const competitors = new Map(loadPlaybook().competitors.map((c) => [c.slug, c.name]));
    expect(competitors.has(isp!.from!), `${isp!.from} is a competitor of the playbook`).toBe(true);
    const records: ExportRecord[] = [];
    for await (const r of exportRecords(h.prisma, CAMPAIGN)) records.push(r);
    const lead = records.find((r) => r.externalId === ispMover.recordId)!;
    expect(lead.reasons[0]).toBe(`left ${competitors.get(isp!.from!)} for ${competitors.get(isp!.to!) ?? isp!.to} between scans #${lastScan} and #${moved}`);
    expect(lead.priority).toBe(lead.score! + LEFT_COMPETITOR_POINTS);
    const report = await loadReportData(h.prisma, CAMPAIGN, { topLeads: market.businesses.length });
    expect(report.leads.find((l) => l.reasons[0] === lead.reasons[0])).toBeDefined();

    moveTruth = truth[1]!;
    revertTruth = restoreFlapper();
    lastScan = moved;
  }, 300_000);

  it('a move reverted at the next scan marks both events flapping; the lasting move is not', async () => {
    const reverted = await scanOnce();
    const events = (await queryChanges(h.prisma, { campaign: CAMPAIGN, kinds: ['changed'], field: 'emailProvider' })).filter((c) => c.externalId === flapper.recordId);
    expect(events.map((c) => [c.toScan, c.flapping])).toEqual([[lastScan, true], [reverted, true]]);
    expect(matches(events[0]!, moveTruth!), 'the move').toBe(true);
    expect(matches(events[1]!, revertTruth!), 'the revert').toBe(true);
    const lasting = await queryChanges(h.prisma, { campaign: CAMPAIGN, kinds: ['changed'], field: 'emailProvider', from: events[0]!.from! });
    expect(lasting.find((c) => c.externalId === gmailMover.recordId)?.flapping).toBe(false);
  }, 300_000);

  it('re-running completion and derivation for every scan adds nothing', async () => {
    const count = () => Promise.all([h.prisma.changeEvent.count(), h.prisma.providerPeriod.count()]);
    const before = await count();
    for (const scan of await h.prisma.scan.findMany()) {
      expect(await completeScanIfFinished(h.prisma, scan.id)).toBe(false);
      expect(await h.prisma.$transaction((tx) => deriveScanHistory(tx, scan.id))).toEqual({ periods: 0, events: 0, flapping: 0 });
    }
    expect(await count()).toEqual(before);
  });
});
