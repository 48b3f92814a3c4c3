// Issue 12, finding 3: an evicting Redis loses jobs silently. Each case runs against its own
// redis-server on a free loopback port (the shared 6379 is never reconfigured):
// - with maxmemory-policy allkeys-lru, the worker, `serve` and `scan` refuse to start with one
//   line naming the setting and the fix;
// - a policy changed at run time turns the worker's /health to 503 with the reason, and
//   /metrics shows Redis memory, maxmemory and the policy;
// - keys really evicted mid-scan (allkeys-lru under a low maxmemory) leave a scan that cannot
//   complete, and `prospector status` names the stuck stage and why.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { jobIdFor } from '@prospector/core';
import { startScan } from '@prospector/scheduler';
import { adminDatabaseUrl } from '../helpers/test-db.ts';
import { createPrivateRedis, freePort, waitFor } from '../helpers/private-services.ts';
import { createCampaignFixture, queueCounts, spawnProspector, spawnWorker, type ChildRun } from './campaign.fixture.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

function track(child: ChildRun): ChildRun {
  cleanups.push(() => child.stop('SIGKILL'));
  return child;
}

function admin(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  cleanups.push(() => redis.quit());
  return redis;
}

async function health(port: number): Promise<{ status: number; body: Record<string, string> }> {
  const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(3000) });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

const REFUSAL = /^error: Redis maxmemory-policy is "allkeys-lru": it may evict queued jobs and lose them silently; set maxmemory-policy noeviction \(redis\.conf, or CONFIG SET maxmemory-policy noeviction\)$/m;

describe('an evicting Redis', () => {
  it('is refused at start-up by the worker, serve and scan, in one line', async () => {
    const redis = await createPrivateRedis({ maxmemoryPolicy: 'allkeys-lru' });
    cleanups.push(() => redis.destroy());
    const env = { REDIS_URL: redis.url, DATABASE_URL: adminDatabaseUrl(), QUEUE_PREFIX: '{rel-evict}', LOG_LEVEL: 'warn', SEARCH_PROVIDER: 'none' };
    for (const args of [['worker'], ['serve', '--port', String(await freePort())], ['scan', '--campaign', 'none']]) {
      const run = track(await spawnProspector(args, env));
      expect(await run.exited, args[0]).toBe(1);
      expect(run.output(), args[0]).toMatch(REFUSAL);
      expect(run.output(), args[0]).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }
    // Nothing was queued into it (queue handles only write their :meta key).
    const keys = await admin(redis.url).keys('{rel-evict}*');
    expect(keys.filter((key) => !key.endsWith(':meta'))).toEqual([]);
  }, 60_000);

  it('turns /health unhealthy when the policy changes at run time, and shows memory and policy in /metrics', async () => {
    const redis = await createPrivateRedis();
    cleanups.push(() => redis.destroy());
    const f = await createCampaignFixture({ label: 'evict-health', size: 5, seed: 132, octet: 132, redisUrl: redis.url });
    cleanups.push(() => f.close());
    const worker = track(await spawnWorker(f));
    await waitFor('worker healthy', async () => (await health(worker.healthPort)).status === 200, 30_000, 200);
    const metrics = async () => (await fetch(`http://127.0.0.1:${worker.healthPort}/metrics`, { signal: AbortSignal.timeout(3000) })).text();
    expect(await metrics()).toMatch(/^prospector_redis_maxmemory_policy\{policy="noeviction"\} 1$/m);

    const control = admin(redis.url);
    await control.config('SET', 'maxmemory', String(512 * 1024 * 1024));
    await control.config('SET', 'maxmemory-policy', 'allkeys-lru');
    await waitFor('/health to turn unhealthy', async () => (await health(worker.healthPort)).status === 503, 10_000, 200);
    const unhealthy = await health(worker.healthPort);
    expect(unhealthy.body).toMatchObject({ status: 'unhealthy', redis: 'ready', postgres: 'ok', workers: 'running' });
    expect(unhealthy.body.redisEviction).toMatch(/maxmemory-policy is "allkeys-lru".*set maxmemory-policy noeviction/);
    const text = await metrics();
    expect(text).toMatch(/^prospector_redis_maxmemory_policy\{policy="allkeys-lru"\} 1$/m);
    expect(text).toMatch(/^prospector_redis_evicting 1$/m);
    expect(text).toMatch(/^prospector_redis_maxmemory_bytes 536870912$/m);
    expect(Number(/^prospector_redis_used_memory_bytes (\d+)$/m.exec(text)?.[1])).toBeGreaterThan(100_000);
    expect(text).toMatch(/^prospector_redis_evicted_keys 0$/m);

    await control.config('SET', 'maxmemory-policy', 'noeviction');
    await waitFor('/health to recover', async () => (await health(worker.healthPort)).status === 200, 10_000, 200);
  }, 90_000);

  it('leaves a scan that cannot complete, and status names the stuck stage and why', async () => {
    const redis = await createPrivateRedis();
    cleanups.push(() => redis.destroy());
    const f = await createCampaignFixture({ label: 'evict-scan', size: 30, seed: 133, octet: 133, redisUrl: redis.url });
    cleanups.push(() => f.close());
    // Searches only: every prospect's classify job then waits on its first verify job in Redis.
    const searcher = track(await spawnWorker(f, { WORKER_QUEUES: 'search' }));
    const scan = await startScan(f.prisma, f.queues, 'evict-scan');
    await waitFor('every search done', async () => (await f.prisma.stageRun.count({ where: { scanId: scan.scanId, stage: 'search' } })) === scan.total, 60_000, 200);
    expect(await searcher.stop('SIGTERM')).toBe(0);
    const candidates = await f.prisma.candidate.findMany({ where: { scanId: scan.scanId }, select: { prospectId: true, domain: true } });
    expect(candidates.length).toBeGreaterThan(0);

    // Memory pressure under allkeys-lru: fresh junk pushes out the least recently used keys,
    // the queued jobs among them, until some verify jobs of this scan are gone.
    const verifyIds = candidates.map((c) => jobIdFor('verify', { scanId: scan.scanId, prospectId: c.prospectId, domain: c.domain }));
    const queued: string[] = [];
    for (const id of verifyIds) if (await f.queues.queues.verify.getJob(id)) queued.push(id);
    expect(queued.length).toBeGreaterThan(0);
    const control = admin(redis.url);
    const used = Number(/used_memory:(\d+)/.exec(await control.info('memory'))?.[1]);
    await control.config('SET', 'maxmemory-policy', 'allkeys-lru');
    await control.config('SET', 'maxmemory', String(used + 2 * 1024 * 1024));
    const verifyGone = async () => {
      let gone = 0;
      for (const id of queued) if (!(await f.queues.queues.verify.getJob(id))) gone++;
      return gone;
    };
    await waitFor('queued jobs evicted', async () => {
      const pipeline = control.pipeline();
      for (let i = 0; i < 200; i++) pipeline.set(`junk:${randomBytes(8).toString('hex')}`, randomBytes(8 * 1024).toString('hex'));
      await pipeline.exec();
      return (await verifyGone()) > 0;
    }, 30_000, 0);
    const evicted = Number(/evicted_keys:(\d+)/.exec(await control.info('stats'))?.[1]);
    expect(evicted).toBeGreaterThan(0);
    // The operator fixes the setting; what was evicted stays lost.
    await control.config('SET', 'maxmemory', '0');
    await control.config('SET', 'maxmemory-policy', 'noeviction');

    const worker = track(await spawnWorker(f));
    await waitFor('the surviving jobs to run out', async () => {
      const c = await queueCounts(f.queues);
      return c.active === 0 && c.wait === 0 && c.delayed === 0 && c.prioritized === 0 && (await health(worker.healthPort)).status === 200;
    }, 60_000, 500);
    const classified = await f.prisma.stageRun.count({ where: { scanId: scan.scanId, stage: 'classify' } });
    expect(classified).toBeLessThan(scan.total);

    const status = await spawnProspector(['status', '--campaign', 'evict-scan'], f.env);
    expect(await status.exited).toBe(0);
    const out = status.output();
    console.info(`evict-scan: ${evicted} keys evicted, ${await verifyGone()} of ${queued.length} queued verify jobs gone, ${classified}/${scan.total} classified\n${out}`);
    expect(out).toMatch(/^stuck: (classify|verify|dns) — \d+ of \d+ sampled unclassified prospects: .*(gone from Redis|no longer exist in Redis)/m);
    expect(out).toMatch(new RegExp(`^this scan cannot complete \\(${scan.total - classified} prospects unclassified\\); ${evicted} keys evicted since Redis started \\(maxmemory-policy is now "noeviction"\\)$`, 'm'));
    const json = await spawnProspector(['status', '--campaign', 'evict-scan', '--json'], f.env);
    expect(await json.exited).toBe(0);
    const parsed = JSON.parse(json.output()) as { stuck: { stuck: { stage: string; cause: string; prospects: number }[]; unclassified: number; inProgress: number } };
    expect(parsed.stuck.unclassified).toBe(scan.total - classified);
    // Every queue has drained: no unclassified prospect is still in progress, each is explained.
    expect(parsed.stuck.inProgress, JSON.stringify(parsed.stuck)).toBe(0);
    expect(parsed.stuck.stuck.reduce((n, s) => n + s.prospects, 0)).toBe(scan.total - classified);
  }, 180_000);
});
