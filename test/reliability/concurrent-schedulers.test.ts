// Case 6: two schedulers started at once (two `prospector scan` processes, then two
// in-process startScan calls). One scan is created, the other joins it, and each
// prospect's jobs exist once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScan } from '@prospector/scheduler';
import { reportDuplicatedWork } from '../helpers/duplicated-work.ts';
import { completeIntegrity, createCampaignFixture, integrityOf, queueCounts, spawnProspector, spawnWorker, waitForScanDone, type CampaignFixture, type ChildRun } from './campaign.fixture.ts';

let f: CampaignFixture;
const children: ChildRun[] = [];

beforeAll(async () => {
  f = await createCampaignFixture({ label: 'twoschedulers', size: 30, seed: 86, octet: 86 });
});
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop('SIGKILL')));
  await f?.close();
});

describe('two schedulers at once', () => {
  it('creates one scan and one set of jobs, then completes it once', async () => {
    const total = await f.prisma.prospect.count();
    const clis = await Promise.all([1, 2].map(() => spawnProspector(['scan', '--campaign', 'twoschedulers'], f.env)));
    children.push(...clis);
    const codes = await Promise.all(clis.map((c) => c.exited));
    expect(codes).toEqual([0, 0]);
    const said = clis.map((c) => c.output()).join('\n');
    expect(said.match(/started scan #1/g)).toHaveLength(1);
    expect(said.match(/joined running scan #1/g)).toHaveLength(1);

    // And two more in-process, racing each other.
    const again = await Promise.all([startScan(f.prisma, f.queues, 'twoschedulers'), startScan(f.prisma, f.queues, 'twoschedulers')]);
    expect(again.map((s) => s.joinedExisting)).toEqual([true, true]);
    expect(new Set(again.map((s) => s.scanId)).size).toBe(1);

    expect(await f.prisma.scan.count()).toBe(1);
    expect(await f.queues.queues.search.getJobCountByTypes('wait', 'prioritized')).toBe(total);
    expect(await f.queues.queues.classify.getJobCountByTypes('waiting-children')).toBe(total);

    const worker = await spawnWorker(f);
    children.push(worker);
    const scanId = again[0]!.scanId;
    await waitForScanDone(f.prisma, scanId, 60_000);
    expect(await integrityOf(f.prisma, 'twoschedulers', scanId)).toEqual(completeIntegrity(total));
    // Four fan-outs of one scan, and every job still ran once.
    const work = await reportDuplicatedWork('two schedulers', f.queues, scanId);
    expect(work.duplicated).toBe(0);
    expect(work.runs).toBe(work.jobs + work.retries);
    const c = await queueCounts(f.queues);
    expect(c.completed! + c.failed!).toBeGreaterThanOrEqual(2 * total);
    expect(await f.queues.queues.classify.getJobCountByTypes('completed', 'failed')).toBe(total);
    expect(await f.queues.queues.search.getJobCountByTypes('completed', 'failed')).toBe(total);
  }, 90_000);
});
