// Case 1: a worker process killed with SIGKILL in the middle of a campaign. Its jobs
// are locked by a dead process; once the (short) lock runs out, a second worker takes
// them over and the scan completes with exactly one finding per prospect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScan } from '@prospector/scheduler';
import { fetchWorkOf, formatFetchWork, loggedStalls, MAX_FETCHES_PER_VERIFY_RUN, reportDuplicatedWork } from '../helpers/duplicated-work.ts';
import { waitFor } from '../helpers/private-services.ts';
import { completeIntegrity, createCampaignFixture, integrityOf, queueCounts, spawnWorker, waitForScanDone, type CampaignFixture, type ChildRun } from './campaign.fixture.ts';

let f: CampaignFixture;
const children: ChildRun[] = [];

beforeAll(async () => {
  // Latency keeps jobs in flight long enough for the kill to land mid-job.
  f = await createCampaignFixture({ label: 'sigkill', size: 40, seed: 81, octet: 81, latency: { httpMs: 150, dnsMs: 20 }, env: { WORKER_LOCK_MS: '3000' } });
});
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop('SIGKILL')));
  await f?.close();
});

describe('a worker killed with SIGKILL mid-campaign', () => {
  it('loses nothing, and runs twice only the jobs that stalled, once a second worker takes over', async () => {
    const first = await spawnWorker(f);
    children.push(first);
    const scan = await startScan(f.prisma, f.queues, 'sigkill');
    expect(scan.total).toBeGreaterThan(30);

    await waitFor('some findings and jobs in flight', async () => {
      const findings = await f.prisma.finding.count({ where: { scanId: scan.scanId } });
      return findings >= 3 && (await queueCounts(f.queues)).active! > 0;
    }, 40_000, 50);
    const beforeKill = await f.prisma.finding.count({ where: { scanId: scan.scanId } });
    expect(beforeKill).toBeLessThan(scan.total);
    first.child.kill('SIGKILL');
    await first.exited;
    // The dead worker's locked jobs are still "active": only the stalled check can free them.
    const killed = (await queueCounts(f.queues)).active!;
    expect(killed).toBeGreaterThan(0);

    const second = await spawnWorker(f);
    children.push(second);
    await waitForScanDone(f.prisma, scan.scanId, 60_000);

    expect(await integrityOf(f.prisma, 'sigkill', scan.scanId)).toEqual(completeIntegrity(scan.total));
    // Duplicated work: one more run per stalled job, and nothing else. The killed jobs all
    // stall; under CPU pressure a live worker can miss a lock renewal too (a 3 s lock here),
    // and that job also runs twice: the workers log each stall, so each extra run is accounted for.
    const stalls = loggedStalls(first.output(), second.output());
    const work = await reportDuplicatedWork(`sigkill (${killed} jobs killed mid-flight, ${stalls} stalls logged)`, f.queues, scan.scanId);
    expect(stalls).toBeGreaterThanOrEqual(killed);
    expect(work.duplicated).toBe(stalls);
    // HTTP fetches per (scan, domain), counted by the simulated Internet: within what the
    // runs of each domain's verify job may make, so a re-run fetches again only as often as it runs.
    const fetches = await fetchWorkOf(f.queues, scan.scanId, f.simnet.stats().httpRequestsByHost);
    console.info(`%s: %s`, 'sigkill', formatFetchWork(fetches));
    expect(fetches.fetches).toBeGreaterThan(0);
    expect(fetches.worst!.fetches).toBeLessThanOrEqual(fetches.worst!.runs * MAX_FETCHES_PER_VERIFY_RUN);
    await waitFor('queues drained', async () => {
      const c = await queueCounts(f.queues);
      return c.active === 0 && c.wait === 0 && c.delayed === 0 && c['waiting-children'] === 0;
    }, 10_000);
    // Every domain stage that was enqueued has an outcome (done or failed), none was dropped:
    // each selected candidate was verified, but for those left unfetched because an earlier
    // one was confidently the prospect's site (their prospect has its website).
    const candidates = await f.prisma.candidate.count({ where: { scanId: scan.scanId, status: { notIn: ['not-selected', 'pending', 'not-verified'] } } });
    const verifyRuns = await f.prisma.stageRun.count({ where: { scanId: scan.scanId, stage: 'verify' } });
    expect(verifyRuns).toBe(candidates);
    expect(await f.prisma.candidate.count({ where: { scanId: scan.scanId, status: 'pending' } })).toBe(0);
    const unfetched = await f.prisma.candidate.findMany({ where: { scanId: scan.scanId, status: 'not-verified' }, select: { prospectId: true } });
    const withSite = await f.prisma.finding.count({ where: { scanId: scan.scanId, prospectId: { in: unfetched.map((c) => c.prospectId) }, presence: 'website' } });
    expect(withSite).toBe(new Set(unfetched.map((c) => c.prospectId)).size);
  }, 90_000);
});
