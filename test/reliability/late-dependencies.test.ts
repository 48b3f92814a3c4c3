// Case 7: the worker and the scheduler started before Redis and Postgres are up. The
// worker's /health says unhealthy (naming what is missing) and the worker begins once both
// appear; the scheduler fails clearly. (An evicting Redis is refused: evicting-redis.test.ts.)
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDatabase, migrateDatabase } from '@prospector/core';
import { importList, startScan } from '@prospector/scheduler';
import { adminDatabaseUrl } from '../helpers/test-db.ts';
import { createPrivatePostgres, createPrivateRedis, waitFor } from '../helpers/private-services.ts';
import { reportDuplicatedWork } from '../helpers/duplicated-work.ts';
import { completeIntegrity, createCampaignFixture, integrityOf, spawnProspector, spawnWorker, waitForScanDone, type ChildRun } from './campaign.fixture.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

async function health(port: number): Promise<{ status: number; body: Record<string, string> }> {
  const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(3000) });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

function track(child: ChildRun): ChildRun {
  cleanups.push(() => child.stop('SIGKILL'));
  return child;
}

describe('dependencies that come up late', () => {
  it('reports unhealthy, waits, and begins when Redis and Postgres appear', async () => {
    const redis = await createPrivateRedis({ started: false });
    cleanups.push(() => redis.destroy());
    const postgres = await createPrivatePostgres({ started: false });
    cleanups.push(() => postgres.destroy());
    const f = await createCampaignFixture({ label: 'late', size: 30, seed: 87, octet: 87, adminUrl: postgres.adminUrl, redisUrl: redis.url, skipDatabase: true });
    cleanups.push(() => f.close());

    const worker = track(await spawnWorker(f));
    await waitFor('/health to answer unhealthy', async () => (await health(worker.healthPort)).status === 503, 20_000, 200);
    expect((await health(worker.healthPort)).body).toMatchObject({ status: 'unhealthy' });

    await redis.start();
    await waitFor('/health to see Redis', async () => (await health(worker.healthPort)).body.redis === 'ready', 20_000, 200);
    const half = await health(worker.healthPort);
    expect(half.status).toBe(503);
    expect(half.body.postgres).not.toBe('ok');

    // The scheduler cannot start a scan without Postgres (Redis is up now): one line naming the fix, no stack trace.
    const scheduler = await spawnProspector(['scan', '--campaign', 'late'], f.env);
    expect(await scheduler.exited).toBe(2);
    expect(scheduler.output().trim()).toMatch(/^Postgres at 127\.0\.0\.1:\d+ is not reachable \(ECONNREFUSED\): start it .* or set DATABASE_URL$/);

    await postgres.start();
    await ensureDatabase(f.databaseUrl);
    await migrateDatabase(f.databaseUrl);
    const pool = new pg.Pool({ connectionString: f.databaseUrl, max: 2 });
    await importList({ pool, campaign: 'late', file: f.listFile });
    await pool.end();
    await waitFor('/health to turn healthy', async () => (await health(worker.healthPort)).status === 200, 30_000, 200);

    const scan = await startScan(f.prisma, f.queues, 'late');
    await waitForScanDone(f.prisma, scan.scanId, 60_000);
    expect(await integrityOf(f.prisma, 'late', scan.scanId)).toEqual(completeIntegrity(scan.total));
    // The worker waited for its dependencies before taking a job: nothing ran twice.
    expect((await reportDuplicatedWork('late dependencies', f.queues, scan.scanId)).duplicated).toBe(0);
    expect(worker.child.exitCode).toBeNull();
    // Queue depths and the process's own figures, for dashboards and for telling a leak apart.
    const metrics = await (await fetch(`http://127.0.0.1:${worker.healthPort}/metrics`, { signal: AbortSignal.timeout(3000) })).text();
    expect(metrics).toMatch(/^bullmq_job_count\{queue="classify", state="completed"\} \d+$/m);
    expect(metrics).toMatch(/^prospector_worker_process_resident_memory_bytes \d+/m);
    expect(metrics).toMatch(/^prospector_worker_nodejs_heap_size_used_bytes \d+/m);
  }, 90_000);
});
