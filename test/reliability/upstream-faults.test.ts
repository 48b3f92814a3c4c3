// Case 3: the DNS server stops answering for a while, one name never answers, and the
// search engine returns 500 then 429 for a while. Retries are bounded, failures where
// attempts ran out are recorded with their kind, and the campaign completes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@prospector/core';
import { generateMarket, startSimnet, writePurchasedList, type Market, type Simnet } from '@prospector/simnet';
import { importList, startScan } from '@prospector/scheduler';
import { createAgentSet, type AgentSet } from '@prospector/worker';
import { createHarness, REDIS_URL, type Harness } from '../helpers/pipeline-harness.ts';
import { simnetConfig } from '../helpers/market-run.ts';
import { waitFor } from '../helpers/private-services.ts';
import { reportDuplicatedWork } from '../helpers/duplicated-work.ts';
import { completeIntegrity, integrityOf } from './campaign.fixture.ts';

const ATTEMPTS = 3;
let market: Market;
let simnet: Simnet;
let h: Harness;
let agents: AgentSet;
let redis: Redis;
let dir: string;

beforeAll(async () => {
  market = generateMarket({ seed: 84, size: 40, octet: 84 });
  simnet = await startSimnet({ market, httpPort: 8080, httpsPort: 8443 });
  dir = mkdtempSync(join(tmpdir(), 'reliability-faults-'));
  writePurchasedList(market, join(dir, 'list.csv'));
  h = await createHarness('faults', { attempts: ATTEMPTS, backoffMs: 100 });
  const pool = new pg.Pool({ connectionString: h.db.url, max: 2 });
  await importList({ pool, campaign: 'faults', file: join(dir, 'list.csv') });
  await pool.end();
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  agents = await createAgentSet(simnetConfig(simnet, h.db.url, { DNS_TIMEOUT_MS: '500', DNS_TRIES: '1', DNS_RETRIES: '1' }), createLogger('silent', 'test'), redis);
});
afterAll(async () => {
  await h?.close();
  await agents?.close();
  await redis?.quit();
  await simnet?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('upstream faults', () => {
  it('bounds retries, records exhausted attempts, and completes the campaign', async () => {
    // Names listed in the purchased list: they become candidates even when search fails.
    // From the end of the list: the first prospects spend the search outage's 500s and never
    // reach DNS, so a dead name among them would prove nothing (and depends on the market's mix).
    const deadNames = market.businesses.filter((b) => b.truth.domain && b.listWebsite === b.truth.domain).slice(-6).map((b) => b.truth.domain!);
    expect(deadNames.length).toBeGreaterThan(3);
    for (const name of deadNames) simnet.faults.set(name, { type: 'dns-timeout' });
    // Everything answers after the client gave up: DNS is down for everyone.
    simnet.faults.setLatency({ dnsMs: 5000 });
    simnet.faults.failSearch({ status: 500, count: 100 });

    const started = Date.now();
    h.startWorkers(agents);
    const scan = await startScan(h.prisma, h.queues, 'faults');
    await waitFor('the 500s to be served', async () => simnet.stats().searchRequests >= 100, 20_000, 20);
    simnet.faults.failSearch({ status: 429, count: 15, retryAfterSeconds: 1 });
    // DNS stays down until a job that needs it (verify resolves before it fetches; dns comes
    // after verify) has failed an attempt on it and waits for its retry.
    const waitingRetry = async () => (await h.queues.queues.dns.getDelayedCount()) + (await h.queues.queues.verify.getDelayedCount());
    await waitFor('a verify or dns attempt to fail', async () => (await waitingRetry()) > 0, 20_000, 20);
    simnet.faults.setLatency({ dnsMs: 0 });

    await h.waitForScan(scan.scanId, 70_000);
    expect(Date.now() - started).toBeLessThan(70_000);
    expect(await integrityOf(h.prisma, 'faults', scan.scanId)).toEqual(completeIntegrity(scan.total));
    // Duplicated work: a 429 sends its search job back to wait without spending an attempt
    // (one more run per 429 served, 15); the 500s and DNS failures are policy retries.
    const work = await reportDuplicatedWork('upstream faults', h.queues, scan.scanId);
    expect(work.byQueue).toMatchObject({ dns: 0, verify: 0, classify: 0 });
    expect(work.byQueue.search).toBe(15);

    // Search: the 500s spent every attempt for some prospects, recorded with their kind; a
    // 429 never spends an attempt, so no search failure is ever "rate-limited".
    const searchRuns = await h.prisma.stageRun.findMany({ where: { scanId: scan.scanId, stage: 'search' } });
    expect(searchRuns).toHaveLength(scan.total);
    const failedSearch = searchRuns.filter((r) => r.status === 'failed');
    expect(failedSearch.length).toBeGreaterThan(0);
    for (const r of failedSearch) expect(r).toMatchObject({ attempts: ATTEMPTS, errorKind: 'http-500' });
    expect(searchRuns.filter((r) => r.errorKind === 'rate-limited')).toEqual([]);
    expect(searchRuns.every((r) => r.attempts <= ATTEMPTS)).toBe(true);

    // The name that never answers: every attempt spent, then a recorded failure with its
    // kind (or, if some lookups answered, the failed ones kept in the recorded result).
    const dead = await h.prisma.stageRun.findMany({ where: { scanId: scan.scanId, stage: 'dns', subject: { in: deadNames } } });
    expect(dead.length).toBeGreaterThan(0);
    for (const r of dead) {
      expect(r.attempts).toBe(ATTEMPTS);
      if (r.status === 'failed') {
        expect(r.errorKind).toMatch(/^dns-(unanswered|timeout)/);
        expect(r.error).toBeTruthy();
        continue;
      }
      const result = await h.prisma.agentResult.findFirstOrThrow({ where: { scanId: scan.scanId, prospectId: r.prospectId, agent: 'dns', subject: r.subject } });
      expect((result.result as { failures: unknown[] }).failures.length).toBeGreaterThan(0);
    }
    // Retries are bounded everywhere.
    expect(await h.prisma.stageRun.count({ where: { scanId: scan.scanId, attempts: { gt: ATTEMPTS } } })).toBe(0);
    // A failed search still leads to a finding that says why.
    const finding = await h.prisma.finding.findFirstOrThrow({ where: { scanId: scan.scanId, prospectId: failedSearch[0]!.prospectId } });
    expect(JSON.stringify(finding)).toMatch(/search failed/i);
  }, 90_000);
});
