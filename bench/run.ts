// Prospector's benchmark: `npx tsx bench/run.ts [--quick]` (or `npm run bench -- --quick`).
// On generated markets in the simulated Internet (DNS answers after 30 ms, sites after 80 ms)
// it measures the adapters, whole scans with 1, 2 and 4 worker processes, and the import
// of a large list; prints the figures and writes them to out/bench-results.json.
//   --quick                 500 prospects with 1 and 2 workers (each scan cut at 4 min), a 200,000-row import (< 10 min)
//   --sizes 10000,100000    prospects per scan (full default)
//   --workers 1,2,4         worker processes per size (full default)
//   --large-workers 4       worker counts for sizes above 20,000 (a 100k scan per count takes long)
//   --concurrency search=50,dns=100,verify=50,classify=20   (WORKER_CONCURRENCY of each worker)
//   --import-rows 1000000   --skip micro,pipeline,import   --timeout-min 60 (per scan)
//   --octet 92              the simulated Internet's 127.<octet>.0.0/16 (default 91)
//   --window 4000 --window-chunk 500   the scans' admission window (SCAN_WINDOW, SCAN_WINDOW_CHUNK)
// The learning figure (held-out lift of refitted weights) is bench/learning.bench.ts (npm run bench:learning).
//   BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the worker processes,
//   BENCH_CLIENT_NODE_ARGS the same the adapter benchmarks' client processes.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SCAN_WINDOW } from '@prospector/core';
import { generateMarket, simnetEnv, startSimnet, writePurchasedList } from '@prospector/simnet';
import { createTestDatabase } from '../test/helpers/test-db.ts';
import { floorOf, type Floor } from './floor.ts';
import { runImportBench, type ImportFigures } from './import.bench.ts';
import { runMicroBenches, type MicroFigure } from './micro.bench.ts';
import { runPipeline, type PipelineRunResult } from './pipeline.bench.ts';
import { startPrivateRedis } from './private-redis.ts';
import { formatFloor, formatImport, formatMicro, formatPipeline } from './report.format.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    workers: { type: 'string' },
    'large-workers': { type: 'string' },
    'import-rows': { type: 'string' },
    skip: { type: 'string', default: '' },
    'timeout-min': { type: 'string' },
    'shared-redis': { type: 'boolean', default: false },
    concurrency: { type: 'string', default: 'search=50,dns=100,verify=50,classify=20' },
    // Another benchmark on the same machine holds 127.91.0.0/16's ports 80/443: pick another /16.
    octet: { type: 'string', default: '91' },
    window: { type: 'string', default: String(DEFAULT_SCAN_WINDOW.size) },
    'window-chunk': { type: 'string', default: String(DEFAULT_SCAN_WINDOW.chunk) },
  },
});
const ints = (s: string) => s.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const quick = values.quick;
const sizes = ints(values.sizes ?? (quick ? '500' : '10000,100000'));
const workerCounts = ints(values.workers ?? (quick ? '1,2' : '1,2,4'));
const largeWorkers = ints(values['large-workers'] ?? '4');
const importRows = Number(values['import-rows'] ?? (quick ? 200_000 : 1_000_000));
const skip = new Set(values.skip.split(','));
const timeoutMs = Number(values['timeout-min'] ?? (quick ? 4 : 90)) * 60_000;
const LATENCY = { dnsMs: 30, httpMs: 80 };
const OCTET = Number(values.octet);

const log = (line: string): void => console.log(line);
const results = {
  startedAt: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  host: { loadAverage1mAtStart: Math.round(os.loadavg()[0]! * 10) / 10, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  latency: LATENCY,
  workerConcurrency: values.concurrency,
  scanWindow: { size: Number(values.window), chunk: Number(values['window-chunk']) },
  micro: [] as MicroFigure[],
  pipeline: [] as (PipelineRunResult & { loadAverage1m: number; simnetRequestsPerProspect: Record<'dns' | 'http' | 'search', number>; floor: Floor | null })[],
  import: null as ImportFigures | null,
  notes: [] as string[],
};

/** Written after every scan too, so an interrupted run keeps what it measured. */
function saveResults(): void {
  mkdirSync('out', { recursive: true });
  writeFileSync('out/bench-results.json', JSON.stringify(results, null, 2) + '\n');
}

const redis = values['shared-redis'] ? null : await startPrivateRedis();
const live = new Set<ChildProcess>();
// Interrupted: stop what this run started (the fresh database of the scan in progress stays;
// its name starts with prospector_bench_).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of live) child.kill('SIGTERM');
    void redis?.close().finally(() => process.exit(130));
  });
}
const redisUrl = redis?.url ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
if (!redis) results.notes.push('shared Redis: used_memory figures include other clients');
const workDir = mkdtempSync(path.join(os.tmpdir(), 'prospector-bench-'));
const privileged = process.getuid?.() === 0;
try {
  for (const [index, size] of sizes.entries()) {
    log(`\n== market of ${size} businesses (seed ${size}, 127.${OCTET}.0.0/16)`);
    let t = performance.now();
    const market = generateMarket({ seed: size, size, octet: OCTET });
    const simnet = await startSimnet({ market, latency: LATENCY, httpPort: privileged ? 80 : 8080, httpsPort: privileged ? 443 : 8443, caDir: workDir });
    const listFile = path.join(workDir, `list-${size}.csv`);
    writePurchasedList(market, listFile);
    log(`  generated and serving in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    try {
      if (index === 0 && !skip.has('micro')) {
        log('-- adapters and the floor\'s pieces (5 s each)');
        const scratch = await createTestDatabase('bench_micro');
        try {
          results.micro = await runMicroBenches(market, simnet, { redisUrl, databaseUrl: scratch.url }, 5, log);
        } finally {
          await scratch.drop();
        }
      }
      if (skip.has('pipeline')) continue;
      const env = workerEnv(simnet);
      for (const workers of size > 20_000 ? largeWorkers : workerCounts) {
        log(`-- scan: ${size} prospects, ${workers} worker process(es)`);
        t = performance.now();
        const traffic0 = simnet.stats();
        const run = await runPipeline({ listFile, market, prospects: size, workers, window: results.scanWindow, redisUrl, redisPid: redis?.pid, workerEnv: env, timeoutMs, stallMs: 120_000, live, log });
        const traffic1 = simnet.stats();
        const perProspect = (n: number) => Math.round((n / Math.max(1, run.classified)) * 100) / 100;
        const requests = {
          dns: perProspect(traffic1.dnsQueries - traffic0.dnsQueries),
          http: perProspect(traffic1.httpRequests - traffic0.httpRequests),
          search: perProspect(traffic1.searchRequests - traffic0.searchRequests),
        };
        const counts = {
          httpRequests: requests.http,
          dnsQueries: requests.dns,
          jobs: perProspect(run.stages.reduce((sum, s) => sum + s.done + s.failed, 0)),
          rows: perProspect(run.rowsWritten),
        };
        const floor = results.micro.length > 0 ? floorOf(results.micro, counts, run.workerCpuMsPerProspect) : null;
        results.pipeline.push({ ...run, loadAverage1m: Math.round(os.loadavg()[0]! * 10) / 10, simnetRequestsPerProspect: requests, floor });
        if (floor) log(`  floor ${floor.floorMsPerProspect} ms/prospect, measured ${floor.measuredMsPerProspect}, ratio ${floor.ratio}`);
        saveResults();
        log(`  ${run.complete ? 'complete' : 'INCOMPLETE'}: ${run.classified} classified, ${run.prospectsPerSecond} prospects/s, ${run.workerCpuMsPerProspect} worker CPU ms/prospect, Redis peak ${run.redisPeakBytes === null ? '—' : (run.redisPeakBytes / 2 ** 20).toFixed(1)} MiB (${((performance.now() - t) / 1000).toFixed(0)} s with setup)`);
      }
    } finally {
      await simnet.close();
    }
  }
  if (!skip.has('import')) {
    log(`\n== import of ${importRows} rows`);
    results.import = await runImportBench(importRows, log);
  }
} finally {
  await redis?.close();
  rmSync(workDir, { recursive: true, force: true });
}

function workerEnv(simnet: Awaited<ReturnType<typeof startSimnet>>): Record<string, string> {
  return {
    ...simnetEnv(simnet),
    // The simulated search engine has no quota: the production default (10/s) would be the only figure measured.
    SEARCH_RATE_MAX: '100000',
    // search=5 (the default, sized for a real engine's quota) would cap a worker at ~2.5 searches/s here.
    WORKER_CONCURRENCY: values.concurrency,
    HEALTH_PORT: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
}

log('\n== adapters');
log(formatMicro(results.micro));
log('\n== scans');
log(formatPipeline(results.pipeline));
if (results.pipeline.some((r) => r.floor)) log(`\n== the floor (worker CPU per prospect; host load shared with other processes, 1-min load ${results.host.loadAverage1mAtStart} at start)\n${formatFloor(results.pipeline)}`);
if (results.import) log(`\n== import\n${formatImport(results.import)}`);
saveResults();
log('\nwritten to out/bench-results.json');
process.exit(0);
