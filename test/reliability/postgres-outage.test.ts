// Case 2b: a Postgres outage that outlasts the queue's retry budget (a failover, a
// maintenance restart). Jobs that cannot reach the database wait without spending
// attempts; when Postgres is back the campaign completes with nothing lost.
import { afterAll, describe, expect, it } from 'vitest';
import { startScan } from '@prospector/scheduler';
import { createPrivatePostgres, waitFor } from '../helpers/private-services.ts';
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

    await waitForScanDone(f.prisma, scan.scanId, 60_000);
    const integrity = await integrityOf(f.prisma, 'pgoutage', scan.scanId);
    expect(integrity).toEqual(completeIntegrity(scan.total));
    // Nothing failed because of the outage itself: no stage records a database error.
    const failed = await f.prisma.stageRun.findMany({ where: { scanId: scan.scanId, status: 'failed', errorKind: 'internal' } });
    expect(failed.map((r) => r.error)).toEqual([]);
  }, 90_000);
});
