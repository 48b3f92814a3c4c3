// Case 2: Redis, then Postgres, restarted in the middle of a campaign (private instances:
// the shared ones are never touched). Workers reconnect, failed jobs retry, and the scan
// completes with exactly one finding per prospect.
import { afterAll, describe, expect, it } from 'vitest';
import { startScan } from '@prospector/scheduler';
import { createPrivatePostgres, createPrivateRedis, waitFor, type PrivatePostgres, type PrivateRedis } from '../helpers/private-services.ts';
import { reportDuplicatedWork } from '../helpers/duplicated-work.ts';
import { completeIntegrity, createCampaignFixture, integrityOf, queueCounts, spawnWorker, waitForScanDone, type CampaignFixture, type ChildRun } from './campaign.fixture.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

async function runUntilSomeDone(f: CampaignFixture, label: string): Promise<{ scanId: number; total: number; worker: ChildRun }> {
  const worker = await spawnWorker(f);
  cleanups.push(() => worker.stop('SIGKILL'));
  const scan = await startScan(f.prisma, f.queues, label);
  await waitFor('a few findings', async () => (await f.prisma.finding.count({ where: { scanId: scan.scanId } })) >= 3, 40_000, 50);
  expect(await f.prisma.finding.count({ where: { scanId: scan.scanId } })).toBeLessThan(scan.total);
  return { scanId: scan.scanId, total: scan.total, worker };
}

describe('dependency restarts mid-campaign', () => {
  it('survives a Redis restart (append-only file keeps the queue)', async () => {
    const redis: PrivateRedis = await createPrivateRedis();
    cleanups.push(() => redis.destroy());
    // Jobs whose completion hit the outage stay active until the stalled check: keep the lock short.
    const f = await createCampaignFixture({ label: 'redisrestart', size: 40, seed: 82, octet: 82, redisUrl: redis.url, latency: { httpMs: 100 }, env: { WORKER_LOCK_MS: '3000' } });
    cleanups.push(() => f.close());
    const { scanId, total, worker } = await runUntilSomeDone(f, 'redisrestart');

    const activeAtStop = (await queueCounts(f.queues)).active!;
    const before = worker.output().length;
    await redis.stop();
    // The outage lasts until the worker has met it: its connection error is logged.
    await waitFor('the worker to see Redis gone', async () => /connection error/.test(worker.output().slice(before)), 20_000, 50);
    await redis.start();

    await waitForScanDone(f.prisma, scanId, 60_000);
    expect(worker.child.exitCode).toBeNull();
    expect(await integrityOf(f.prisma, 'redisrestart', scanId)).toEqual(completeIntegrity(total));
    // Jobs in flight when Redis went away may run once more (their completion was lost); nothing else.
    const work = await reportDuplicatedWork(`redis restart (${activeAtStop} jobs active at the stop)`, f.queues, scanId);
    expect(work.duplicated).toBeLessThanOrEqual(activeAtStop);
    await waitFor('queues drained', async () => {
      const c = await queueCounts(f.queues);
      return c.active === 0 && c.wait === 0 && c.delayed === 0 && c['waiting-children'] === 0;
    }, 10_000);
  }, 90_000);

  it('survives a Postgres restart (jobs that hit the outage retry)', async () => {
    const postgres: PrivatePostgres = await createPrivatePostgres();
    cleanups.push(() => postgres.destroy());
    const f = await createCampaignFixture({
      label: 'pgrestart', size: 40, seed: 83, octet: 83, adminUrl: postgres.adminUrl, latency: { httpMs: 100 },
      // The production retry budget (4 attempts, 1 s exponential backoff ≈ 7 s) outlasts a restart.
      attempts: 4, backoffMs: 1000,
    });
    cleanups.push(() => f.close());
    const { scanId, total, worker } = await runUntilSomeDone(f, 'pgrestart');

    const activeAtRestart = (await queueCounts(f.queues)).active!;
    await postgres.restart();

    await waitForScanDone(f.prisma, scanId, 70_000);
    expect(worker.child.exitCode).toBeNull();
    expect(await integrityOf(f.prisma, 'pgrestart', scanId)).toEqual(completeIntegrity(total));
    // A job that meets the restart waits without spending an attempt (one more run per
    // wait) or spends a retry; the restart is shorter than one wait, so each job runs at
    // most once more. Which jobs meet it is not only those active when it began: the jobs
    // taken while Postgres is still coming back meet it too, at most one more worker-full,
    // so the bound is twice the jobs active at the start (measured: 18 to 22 for 18 to 20).
    const work = await reportDuplicatedWork(`postgres restart (${activeAtRestart} jobs active at the restart)`, f.queues, scanId);
    expect(work.duplicated).toBeLessThanOrEqual(2 * activeAtRestart);
  }, 90_000);
});
