// Issue 12, finding 2: one page of 100,000 nested <div>s (1.1 MB, under the body cap) next to
// an ordinary market, through a real worker process. The hostile domain ends as a recorded
// permanent failure naming the limit, tried once; every other prospect finishes on time; the
// worker's /health answers throughout and no job loses its lock (a short lock, so a blocked
// event loop would show as stalls within seconds).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importList } from '@prospector/scheduler';
import { startScan } from '@prospector/scheduler';
import { waitFor } from '../helpers/private-services.ts';
import { completeIntegrity, createCampaignFixture, integrityOf, queueCounts, spawnWorker, waitForScanDone, type CampaignFixture, type ChildRun } from './campaign.fixture.ts';

const HOSTILE = 'hostile-nested.com';
const DEPTH = 100_000;
const LOCK_MS = 3000;
let f: CampaignFixture;
let worker: ChildRun | undefined;
let dir: string;

beforeAll(async () => {
  f = await createCampaignFixture({ label: 'nested', size: 30, seed: 131, octet: 131, env: { WORKER_LOCK_MS: String(LOCK_MS) } });
  const page = `<!doctype html><html><head><title>Nested Trap</title></head><body>${'<div>'.repeat(DEPTH)}Nested Trap Inc${'</div>'.repeat(DEPTH)}</body></html>`;
  expect(Buffer.byteLength(page)).toBeGreaterThan(1_000_000);
  f.simnet.addHostileSite(HOSTILE, { type: 'page', html: page });
  dir = mkdtempSync(join(tmpdir(), 'reliability-nested-'));
  const file = join(dir, 'nested.csv');
  writeFileSync(file, `Company Name,Address,City,State,ZIP Code,Phone Number,Website\r\nNested Trap Inc,1 Trap St,Springfield,IL,62701,217-555-1000,http://www.${HOSTILE}/\r\n`);
  const pool = new pg.Pool({ connectionString: f.databaseUrl, max: 2 });
  await importList({ pool, campaign: 'nested', file });
  await pool.end();
});
afterAll(async () => {
  await worker?.stop('SIGKILL');
  await f?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Polls /health until stopped; the slowest answer and every answer that was not a 200. */
function watchHealth(port: number): { stop(): Promise<{ slowestMs: number; failures: string[]; polls: number }> } {
  let running = true;
  let slowestMs = 0;
  let polls = 0;
  const failures: string[] = [];
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      try {
        // 5 s: far below the ~95 s a blocked event loop took, far above a busy shared machine's lag.
        const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(5000) });
        if (res.status !== 200) failures.push(`${res.status} ${await res.text()}`);
        else await res.text();
      } catch (error) {
        failures.push((error as Error).message);
      }
      slowestMs = Math.max(slowestMs, Date.now() - started);
      polls++;
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { slowestMs, failures, polls };
    },
  };
}

describe('a deeply nested page next to ordinary ones', () => {
  it('is recorded as a permanent failure of its domain while the rest finish on time', async () => {
    worker = await spawnWorker(f);
    await waitFor('worker healthy', async () => (await fetch(`http://127.0.0.1:${worker!.healthPort}/health`)).status === 200, 30_000, 200);
    const health = watchHealth(worker.healthPort);
    const started = Date.now();
    const scan = await startScan(f.prisma, f.queues, 'nested');
    await waitForScanDone(f.prisma, scan.scanId, 60_000);
    const elapsedMs = Date.now() - started;
    const watched = await health.stop();
    console.info(`nested: ${scan.total} prospects in ${elapsedMs} ms; /health ${watched.polls} polls, slowest ${watched.slowestMs} ms`);

    expect(await integrityOf(f.prisma, 'nested', scan.scanId)).toEqual(completeIntegrity(scan.total));
    const hostile = await f.prisma.stageRun.findFirstOrThrow({ where: { scanId: scan.scanId, stage: 'verify', subject: HOSTILE } });
    expect(hostile).toMatchObject({ status: 'failed', attempts: 1, errorKind: 'page-too-complex' });
    expect(hostile.error).toMatch(/nest deeper than \d+/);
    // Every other verify finished: none failed as stalled while the hostile page was read.
    const otherFailures = await f.prisma.stageRun.findMany({ where: { scanId: scan.scanId, status: 'failed', NOT: { subject: HOSTILE } } });
    expect(otherFailures).toEqual([]);
    const counts = await queueCounts(f.queues);
    expect(counts.failed).toBe(1);
    const [failedJob] = await f.queues.queues.verify.getFailed();
    expect(failedJob).toMatchObject({ attemptsMade: 1, failedReason: hostile.error, stalledCounter: 0 });
    expect(watched.failures).toEqual([]);
    expect(worker.output()).not.toMatch(/stalled|Maximum call stack/i);
  }, 90_000);
});
