// Case 2b: a Postgres outage that outlasts the queue's retry budget (a failover, a
// maintenance restart). Jobs that cannot reach the database wait without spending
// attempts; when Postgres is back the campaign completes with nothing lost.
import { afterAll, describe, expect, it } from 'vitest';
import { startScan } from '@prospector/scheduler';
import { createPrivatePostgres, waitFor } from '../helpers/private-services.ts';
import { reportDuplicatedWork } from '../helpers/duplicated-work.ts';
import { completeIntegrity, createCampaignFixture, integrityOf, spawnWorker, waitForScanDone } from './campaign.fixture.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

describe('a long Postgres outage', () => {
  it('keeps every job until the database is back', async () => {
    const postgres = await createPrivatePostgres();
    cleanups.push(() => postgres.destroy());
    // Retry budget ≈ 0.3 s; the outage lasts 10 s.
    const f = await createCampaignFixture({ label: 'pgoutage', size: 30, seed: 89, octet: 89, adminUrl: postgres.adminUrl, latency: { httpMs: 100 }, attempts: 3, backoffMs: 100 });
    cleanups.push(() => f.close());
    const worker = await spawnWorker(f);
    cleanups.push(() => worker.stop('SIGKILL'));
    const scan = await startScan(f.prisma, f.queues, 'pgoutage');
    await waitFor('a few findings', async () => (await f.prisma.finding.count({ where: { scanId: scan.scanId } })) >= 3, 40_000, 50);

    await postgres.stop();
    const downAt = Date.now();
    // The outage lasts 10 s, and the worker must have met it (its warning says so).
    await waitFor('the worker to meet a 10 s outage', async () => /database unavailable; waiting/.test(worker.output()) && Date.now() - downAt > 10_000, 20_000, 200);
    await postgres.start();
    const outageMs = Date.now() - downAt;

    await waitForScanDone(f.prisma, scan.scanId, 60_000);
    const integrity = await integrityOf(f.prisma, 'pgoutage', scan.scanId);
    expect(integrity).toEqual(completeIntegrity(scan.total));
    // Each job that meets the outage goes back to wait every DATABASE_RETRY_MS (2 s)
    // without spending an attempt: at most one extra run per worker slot (60, the fixture's
    // concurrency) per 2 s of the outage, here about 10 s.
    const work = await reportDuplicatedWork(`postgres outage of ${Math.round(outageMs / 1000)} s`, f.queues, scan.scanId);
    expect(work.duplicated).toBeGreaterThan(0);
    expect(work.duplicated).toBeLessThanOrEqual(60 * Math.ceil(outageMs / 2000));
    // And one job: its attempts plus one wait per 2 s of the outage.
    expect(work.worst!.runs).toBeLessThanOrEqual(3 + Math.ceil(outageMs / 2000));
    // Nothing failed because of the outage itself: no stage records a database error.
    const failed = await f.prisma.stageRun.findMany({ where: { scanId: scan.scanId, status: 'failed', errorKind: 'internal' } });
    expect(failed.map((r) => r.error)).toEqual([]);
  }, 90_000);
});
