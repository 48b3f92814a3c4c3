// The stuck-scan diagnosis on real queues: a scan fanned out into Redis (real BullMQ flows, no
// workers), then keys deleted the way eviction deletes them, one kind of loss per prospect.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobIdFor } from '@prospector/core';
import { createHarness, REDIS_URL, type Harness } from '../../../../test/helpers/pipeline-harness.ts';
import { importList } from '../import/import.service.ts';
import { startScan } from '@prospector/core';
import { diagnoseStuckScan, formatStuckReport } from './stuck-scan.ts';
import { formatScanStatus, getScanStatus } from './status.service.ts';

let h: Harness;
let redis: Redis;
let dir: string;
beforeAll(async () => {
  h = await createHarness('stuck-scan');
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  dir = mkdtempSync(join(tmpdir(), 'stuck-scan-'));
  const rows = ['Company Name,Address,City,State,ZIP Code,Phone Number,Website'];
  for (let i = 0; i < 6; i++) rows.push(`Stuck Co ${i},${i} Main St,Springfield,IL,6270${i},217-555-010${i},http://www.stuck${i}.com/`);
  writeFileSync(join(dir, 'list.csv'), rows.join('\n') + '\n');
  const pool = new pg.Pool({ connectionString: h.db.url, max: 2 });
  await importList({ pool, campaign: 'stuck', file: join(dir, 'list.csv') });
  await importList({ pool, campaign: 'windowed', file: join(dir, 'list.csv') });
  await pool.end();
});
afterAll(async () => {
  await redis?.quit();
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('diagnoseStuckScan', () => {
  it('names each lost link under an unclassified prospect, and nothing for an intact one', async () => {
    const scan = await startScan(h.prisma, h.queues, 'stuck');
    const row = await h.prisma.scan.findUniqueOrThrow({ where: { id: scan.scanId } });
    const prospects = await h.prisma.prospect.findMany({ orderBy: { id: 'asc' }, select: { id: true } });
    const data = prospects.map((p) => ({ scanId: scan.scanId, prospectId: p.id }));
    expect((await diagnoseStuckScan(h.prisma, h.queues, row)).stuck).toEqual([]);

    // [0] intact; [1] its search child evicted; [2] its dependency list evicted; [3] the classify
    // job itself; [4] its search child finished but the parent was never released (getState reads
    // the completed set first); [5] the classify job failed for good without a result.
    await redis.del(`${h.prefix}:search:${jobIdFor('search', data[1]!)}`);
    await redis.del(`${h.prefix}:classify:${jobIdFor('classify', data[2]!)}:dependencies`);
    await redis.del(`${h.prefix}:classify:${jobIdFor('classify', data[3]!)}`);
    await redis.zadd(`${h.prefix}:search:completed`, Date.now(), jobIdFor('search', data[4]!));
    await redis.zadd(`${h.prefix}:classify:failed`, Date.now(), jobIdFor('classify', data[5]!));
    const report = await diagnoseStuckScan(h.prisma, h.queues, row, { redis });
    expect(report).toMatchObject({ sampled: 6, unclassified: 6, inProgress: 1 });
    expect(report.stuck).toEqual(
      expect.arrayContaining([
        { stage: 'classify', cause: 'children-gone', prospects: 1, reason: 'classify jobs wait on search jobs whose keys are gone from Redis: they will wait forever' },
        { stage: 'classify', cause: 'no-dependencies', prospects: 1, reason: expect.stringMatching(/dependency lists no longer exist/) },
        { stage: 'classify', cause: 'job-gone', prospects: 1, reason: expect.stringMatching(/classify jobs are gone from Redis/) },
        { stage: 'classify', cause: 'children-finished', prospects: 1, reason: expect.stringMatching(/^classify jobs still wait on search jobs that have finished/) },
        { stage: 'classify', cause: 'finished-without-result', prospects: 1, reason: expect.stringMatching(/without recording a result/) },
      ]),
    );
    expect(report.stuck).toHaveLength(5);
    expect(formatStuckReport(report)).toMatch(/^stuck: classify — 1 of 6 sampled unclassified prospects: classify jobs wait on search jobs/m);
    expect(formatStuckReport(report)).toMatch(/^this scan cannot complete \(6 prospects unclassified\)$/m);
  });

  it('calls prospects waiting for room in the admission window not yet admitted, not stuck', async () => {
    const scan = await startScan(h.prisma, h.queues, 'windowed', { size: 2, chunk: 1 });
    expect(scan).toMatchObject({ total: 6, admitted: 2 });
    const row = await h.prisma.scan.findUniqueOrThrow({ where: { id: scan.scanId } });
    const report = await diagnoseStuckScan(h.prisma, h.queues, row, { redis });
    // Only the two admitted prospects have jobs to read; both are whole and queued.
    expect(report).toMatchObject({ sampled: 2, unclassified: 2, inProgress: 2, notYetAdmitted: 4, stuck: [] });
    expect(formatStuckReport(report)).toBe('');

    const status = await getScanStatus(h.prisma, h.queues, 'windowed');
    expect(status).toMatchObject({ state: 'running', total: 6, classified: 0, notYetAdmitted: 4 });
    expect(formatScanStatus(status)).toMatch(/0\/6 prospects classified \(0%\); 4 not yet admitted/);

    // A loss among the admitted is still named, with the waiting ones counted apart.
    const first = await h.prisma.prospect.findFirstOrThrow({ where: { campaignId: row.campaignId }, orderBy: { id: 'asc' } });
    await redis.del(`${h.prefix}:classify:${jobIdFor('classify', { scanId: scan.scanId, prospectId: first.id })}`);
    const broken = await diagnoseStuckScan(h.prisma, h.queues, row, { redis });
    expect(broken.stuck).toMatchObject([{ stage: 'classify', cause: 'job-gone', prospects: 1 }]);
    expect(formatStuckReport(broken)).toMatch(/^this scan cannot complete \(2 prospects unclassified, 4 more not yet admitted\)$/m);
  });
});
