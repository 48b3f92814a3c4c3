// One end-to-end run: a fresh database and queue prefix, the market's list imported, the
// scan started with no worker running (so Redis holds its first admission window, every
// prospect of a market smaller than the window), then N worker processes started and timed
// until the scan is done, Redis memory sampled meanwhile.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createPrisma, createQueueSet, redisConnectionOptions, type ScanWindow } from '@prospector/core';
import { importList, startScan } from '@prospector/scheduler';
import { createTestDatabase } from '../test/helpers/test-db.ts';
import { cpuMsOf, hostCpuTicks, round } from './proc-stats.ts';
import { deletePrefix, usedMemoryBytes } from './private-redis.ts';
import { backendPids, ProcessingSampler, databaseCounters, stageFigures, type StageFigures } from './stage-stats.ts';
import { startWorkerPool } from './worker-pool.ts';
import { scanAccuracy, type ScanAccuracy } from './accuracy.bench.ts';
import type { Market } from '@prospector/simnet';

export interface PipelineRunOptions {
  listFile: string;
  /** The market the list was written from: its ground truth judges the scan's answers. */
  market: Market;
  prospects: number;
  workers: number;
  window: ScanWindow;
  redisUrl: string;
  /** redis-server's pid when it is the benchmark's own (its CPU is then counted). */
  redisPid?: number;
  /** Environment pointing workers at the simulated Internet. */
  workerEnv: Record<string, string>;
  timeoutMs: number;
  /** Gives up when no prospect is classified for this long. */
  stallMs: number;
  /** Running worker processes, for the caller to stop on SIGINT. */
  live: Set<ChildProcess>;
  log(line: string): void;
}

export interface PipelineRunResult {
  prospects: number;
  workers: number;
  complete: boolean;
  classified: number;
  fanOutSeconds: number | null;
  workerStartSeconds: number | null;
  seconds: number | null;
  prospectsPerSecond: number | null;
  workerCpuMsPerProspect: number | null;
  /** CPU ms per second the worker processes burn with nothing to do (sampled after the scan). */
  workerIdleCpuMsPerSecond: number | null;
  /** workerCpuMsPerProspect less the idle rate over the scan's duration. */
  workerBusyCpuMsPerProspect: number | null;
  /** Share of one core each worker process kept busy: near 100 means CPU-bound, lower means waiting. */
  workerCpuPercent: number | null;
  /** The whole machine (every core, every process) busy during the scan: near 100 means nothing more fits. */
  hostCpuBusyPercent: number | null;
  /** Same run, other processes: the simulated Internet (this process), Redis, Postgres backends. */
  simnetCpuMsPerProspect: number | null;
  redisCpuMsPerProspect: number | null;
  postgresCpuMsPerProspect: number | null;
  workerPeakRssMiB: number | null;
  /**
   * Growth of the workers' RSS per 10k prospects classified, from a quarter of the scan to its
   * end. With the heap capped (BENCH_WORKER_NODE_ARGS="--max-old-space-size=192") a leak outside
   * the JS heap shows here; uncapped, V8 grows its heap lazily and this counts that too.
   */
  workerRssGrowthMiBPer10k: number | null;
  rowsWrittenPerSecond: number | null;
  rowsWritten: number;
  /** Transactions committed per prospect: each statement of the workers is one, unless batched. */
  commitsPerProspect: number | null;
  /** Prospects whose flows the scan's start added (its first window). */
  admittedAtStart: number;
  redisBytesPer10kInFlight: number | null;
  /** Highest used_memory (less the start) sampled once a second while the scan ran: what a scan costs Redis at most. */
  redisPeakBytes: number | null;
  /** Left when the scan is done: retained jobs and event streams are capped per queue, so this does not grow with the scan. */
  redisBytesAfter: number | null;
  stages: StageFigures[];
  /** The same run's answers against the ground truth. */
  accuracy: ScanAccuracy;
}

const IDLE_SAMPLE_MS = 5000;

export async function runPipeline(o: PipelineRunOptions): Promise<PipelineRunResult> {
  const db = await createTestDatabase(`bench_${o.prospects}_${o.workers}w`);
  const pool = new pg.Pool({ connectionString: db.url, max: 3 });
  const prisma = createPrisma({ databaseUrl: db.url, poolMax: 3 });
  const prefix = `{bench-${randomBytes(4).toString('hex')}}`;
  const queues = createQueueSet({ connection: redisConnectionOptions(o.redisUrl), prefix, attempts: 4, backoffMs: 1000, onError: (queue, err) => console.error(`queue ${queue}: ${err.message}`) });
  const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
  const env = { ...o.workerEnv, DATABASE_URL: db.url, REDIS_URL: o.redisUrl, QUEUE_PREFIX: prefix };
  try {
    await importList({ pool, campaign: 'bench', file: o.listFile });
    const mem0 = await usedMemoryBytes(redis);
    let t = performance.now();
    const scan = await startScan(prisma, queues, 'bench', o.window);
    const fanOutSeconds = (performance.now() - t) / 1000;
    const memInFlight = await usedMemoryBytes(redis);
    const db0 = await databaseCounters(pool, db.name);
    o.log(`  ${scan.total} prospects, ${scan.admitted} admitted (window ${o.window.size}/${o.window.chunk}) in ${fanOutSeconds.toFixed(1)} s; starting ${o.workers} worker process(es)`);

    t = performance.now();
    const workers = startWorkerPool(o.workers, env, o.live);
    try {
      await workers.waitReady(queues.queues.search, 60_000);
      const workerStartSeconds = (performance.now() - t) / 1000;
      const readyAt = new Date();
      const counters = startCounters(o.redisPid, workers.cpuMs());
      const sampler = new ProcessingSampler(queues.queues);
      let memPeak = memInFlight;
      const rssSamples: { classified: number; rss: number }[] = [];
      const outcome = await waitForDone(pool, scan.scanId, scan.total, o, (classified) => {
        rssSamples.push({ classified, rss: workers.sample() });
        void usedMemoryBytes(redis).then((b) => { if (b > memPeak) memPeak = b; }, () => undefined);
        counters.samplePostgres(pool, db.name);
        void sampler.sample().catch(() => undefined);
      });
      const seconds = (Date.now() - readyAt.getTime()) / 1000;
      const cpu = counters.read(workers.cpuMs());
      // What an idle worker burns (queue polling, timers, stalled-job checks), measured right
      // after the scan: a run slowed by other load pays it for longer, so per prospect it is
      // subtracted for a figure comparable across runs.
      const idle0 = workers.cpuMs();
      await new Promise((r) => setTimeout(r, IDLE_SAMPLE_MS));
      const idleMsPerSecond = (workers.cpuMs() - idle0) / (IDLE_SAMPLE_MS / 1000);
      const memAfter = await usedMemoryBytes(redis);
      await workers.stop();
      const db1 = await databaseCounters(pool, db.name);
      const rows = db1.rows - db0.rows;
      const per = (ms: number | null) => round(ms === null || outcome.classified === 0 ? null : ms / outcome.classified, 2);
      const per10k = (bytes: number) => round((bytes / Math.max(1, scan.admitted)) * 10_000, 0);
      return {
        prospects: scan.total,
        workers: o.workers,
        complete: outcome.complete,
        classified: outcome.classified,
        fanOutSeconds: round(fanOutSeconds),
        workerStartSeconds: round(workerStartSeconds),
        seconds: round(seconds),
        prospectsPerSecond: round(outcome.classified / seconds),
        workerCpuMsPerProspect: per(cpu.workers),
        workerIdleCpuMsPerSecond: round(idleMsPerSecond, 1),
        workerBusyCpuMsPerProspect: per(Math.max(0, cpu.workers - idleMsPerSecond * seconds)),
        workerCpuPercent: round((100 * cpu.workers) / (seconds * 1000 * o.workers), 0),
        hostCpuBusyPercent: round(cpu.hostBusyPercent, 0),
        simnetCpuMsPerProspect: per(cpu.simnet),
        redisCpuMsPerProspect: per(cpu.redis),
        postgresCpuMsPerProspect: per(cpu.postgres),
        workerPeakRssMiB: round(workers.peakRssBytes() / 2 ** 20, 0),
        workerRssGrowthMiBPer10k: rssGrowthPer10k(rssSamples, scan.total),
        rowsWritten: rows,
        commitsPerProspect: per(db1.commits - db0.commits),
        rowsWrittenPerSecond: round(rows / seconds, 0),
        admittedAtStart: scan.admitted,
        redisBytesPer10kInFlight: per10k(memInFlight - mem0),
        redisPeakBytes: memPeak - mem0,
        redisBytesAfter: memAfter - mem0,
        stages: await stageFigures(pool, scan.scanId, readyAt, sampler),
        accuracy: await scanAccuracy(prisma, 'bench', o.market),
      };
    } finally {
      await workers.stop();
    }
  } finally {
    await queues.close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
    await prisma.$disconnect();
    await pool.end();
    await db.drop();
  }
}

async function waitForDone(
  pool: pg.Pool,
  scanId: number,
  total: number,
  o: PipelineRunOptions,
  tick: (classified: number) => void,
): Promise<{ complete: boolean; classified: number }> {
  const start = Date.now();
  let last = -1;
  let lastChange = Date.now();
  let lastLog = Date.now();
  for (;;) {
    tick(Math.max(0, last));
    const { rows } = await pool.query<{ status: string; classified: string }>(
      `SELECT status, (SELECT count(*) FROM "StageRun" WHERE "scanId" = $1 AND stage = 'classify') AS classified FROM "Scan" WHERE id = $1`,
      [scanId],
    );
    const classified = Number(rows[0]?.classified ?? 0);
    if (rows[0]?.status === 'done') return { complete: true, classified };
    if (classified !== last) [last, lastChange] = [classified, Date.now()];
    if (Date.now() - lastLog > 15_000) {
      lastLog = Date.now();
      o.log(`  … ${classified}/${total} classified after ${Math.round((Date.now() - start) / 1000)} s`);
    }
    if (Date.now() - lastChange > o.stallMs || Date.now() - start > o.timeoutMs) return { complete: false, classified };
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** MiB of RSS gained per 10k prospects between the first sample past a quarter of the scan and the last. */
function rssGrowthPer10k(samples: { classified: number; rss: number }[], total: number): number | null {
  const from = samples.find((s) => s.classified >= total / 4);
  const to = samples.at(-1);
  if (!from || !to || to.classified - from.classified < total / 4) return null;
  return round(((to.rss - from.rss) / 2 ** 20 / (to.classified - from.classified)) * 10_000, 0);
}

/** CPU of the other processes taking part, measured over the same window as the workers. */
function startCounters(redisPid: number | undefined, workers0: number) {
  const simnet0 = process.cpuUsage();
  const host0 = hostCpuTicks();
  const redis0 = redisPid === undefined ? null : cpuMsOf(redisPid);
  const backends = new Map<number, { first: number; last: number }>();
  return {
    samplePostgres(pool: pg.Pool, database: string): void {
      void backendPids(pool, database).then((pids) => {
        for (const pid of pids) {
          const ms = cpuMsOf(pid);
          if (ms === null) continue;
          const seen = backends.get(pid);
          backends.set(pid, { first: seen?.first ?? ms, last: ms });
        }
      }, () => undefined);
    },
    read(workers1: number) {
      const simnet = process.cpuUsage(simnet0);
      const redis1 = redisPid === undefined ? null : cpuMsOf(redisPid);
      let postgres = 0;
      for (const b of backends.values()) postgres += b.last - b.first;
      const host1 = hostCpuTicks();
      return {
        hostBusyPercent: (100 * (host1.busy - host0.busy)) / Math.max(1, host1.total - host0.total),
        workers: workers1 - workers0,
        simnet: (simnet.user + simnet.system) / 1000,
        redis: redis0 === null || redis1 === null ? null : redis1 - redis0,
        postgres,
      };
    },
  };
}
