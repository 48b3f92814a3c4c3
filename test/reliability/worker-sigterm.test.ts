// Case 4: SIGTERM during a campaign. The worker stops fetching, gives in-flight jobs
// SHUTDOWN_GRACE_MS, and exits within a bound; whatever did not finish returns to the
// queue (via the stalled check, after the short lock) and a second worker completes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScan } from '@prospector/scheduler';
import { waitFor } from '../helpers/private-services.ts';
import { fetchWorkOf, formatFetchWork, loggedStalls, MAX_FETCHES_PER_VERIFY_RUN, reportDuplicatedWork } from '../helpers/duplicated-work.ts';
import { completeIntegrity, createCampaignFixture, integrityOf, queueCounts, spawnWorker, waitForScanDone, type CampaignFixture, type ChildRun } from './campaign.fixture.ts';

const GRACE_MS = 500;
const LOCK_MS = 3000;
let f: CampaignFixture;
const children: ChildRun[] = [];

beforeAll(async () => {
  // Slow sites: verify jobs take longer than the grace, so some must be handed back.
  f = await createCampaignFixture({
    label: 'sigterm', size: 30, seed: 85, octet: 85, latency: { httpMs: 800 },
    env: { SHUTDOWN_GRACE_MS: String(GRACE_MS), WORKER_LOCK_MS: String(LOCK_MS), HTTP_TOTAL_TIMEOUT_MS: '8000' },
  });
});
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop('SIGKILL')));
  await f?.close();
});

describe('SIGTERM during a campaign', () => {
  it('exits within the grace period and a second worker finishes everything', async () => {
    const first = await spawnWorker(f);
    children.push(first);
    const scan = await startScan(f.prisma, f.queues, 'sigterm');
    await waitFor('verify jobs in flight', async () => (await f.queues.queues.verify.getActiveCount()) > 0, 40_000, 50);
    expect(await f.prisma.finding.count({ where: { scanId: scan.scanId } })).toBeLessThan(scan.total);

    const signalled = Date.now();
    const code = await first.stop('SIGTERM');
    const shutdownMs = Date.now() - signalled;
    expect(code).toBe(0);
    // Grace, then closing clients: bounded, not "whenever the last job ends".
    expect(shutdownMs).toBeLessThan(GRACE_MS + 5000);
    const leftActive = (await queueCounts(f.queues)).active!;

    const second = await spawnWorker(f);
    children.push(second);
    await waitForScanDone(f.prisma, scan.scanId, 60_000);
    expect(await integrityOf(f.prisma, 'sigterm', scan.scanId)).toEqual(completeIntegrity(scan.total));
    // Duplicated work: one more run of each job handed back at shutdown (each stalls once),
    // and of any job whose lock a loaded worker failed to renew (logged too); nothing else.
    const stalls = loggedStalls(first.output(), second.output());
    const work = await reportDuplicatedWork(`sigterm (${leftActive} jobs handed back, ${stalls} stalls logged)`, f.queues, scan.scanId);
    expect(stalls).toBeGreaterThanOrEqual(leftActive);
    expect(work.duplicated).toBe(stalls);
    // HTTP fetches per (scan, domain), counted by the simulated Internet: within what the
    // runs of each domain's verify job may make, so a re-run fetches again only as often as it runs.
    const fetches = await fetchWorkOf(f.queues, scan.scanId, f.simnet.stats().httpRequestsByHost);
    console.info(`%s: %s`, 'sigterm', formatFetchWork(fetches));
    expect(fetches.fetches).toBeGreaterThan(0);
    expect(fetches.worst!.fetches).toBeLessThanOrEqual(fetches.worst!.runs * MAX_FETCHES_PER_VERIFY_RUN);
    await waitFor('nothing stuck in active', async () => {
      const c = await queueCounts(f.queues);
      return c.active === 0 && c.wait === 0 && c.delayed === 0 && c['waiting-children'] === 0;
    }, 10_000);
    console.info(`sigterm: shutdown ${shutdownMs} ms, ${leftActive} job(s) left active for the stalled check`);
  }, 90_000);
});
