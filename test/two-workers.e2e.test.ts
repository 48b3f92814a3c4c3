// README: "run as many workers as you like". Two `prospector worker` processes on one host
// with the same health port: the second serves /health on a free port, says so and which
// variable chooses it, and both consume. A `status --wait` started before any worker says
// that nobody consumes the queue it waits on, then completes once the workers run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScan } from '@prospector/scheduler';
import { freePort, waitFor } from './helpers/private-services.ts';
import { createCampaignFixture, spawnProspector, spawnWorker, type CampaignFixture, type ChildRun } from './reliability/campaign.fixture.ts';

let f: CampaignFixture;
const children: ChildRun[] = [];

beforeAll(async () => {
  f = await createCampaignFixture({ label: 'twoworkers', size: 12, seed: 73, octet: 73 });
}, 60_000);
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop('SIGTERM')));
  await f?.close();
});

describe('two workers on one host with the defaults', () => {
  it('both work, the second on a free health port; a waiting status --wait says when no worker consumes its queue', async () => {
    const scan = await startScan(f.prisma, f.queues, 'twoworkers');
    const waiting = await spawnProspector(['status', '--campaign', 'twoworkers', '--wait'], f.env);
    children.push(waiting);
    await waitFor('the wait to say that no worker consumes search', async () => /no worker is consuming the search queue/.test(waiting.output()), 30_000);
    expect(waiting.output()).toMatch(/start one with prospector worker/);

    const healthPort = await freePort();
    const first = await spawnWorker(f, { HEALTH_PORT: String(healthPort), LOG_LEVEL: 'info' });
    children.push(first);
    await waitFor('the first worker to serve /health', async () => (await fetch(`http://127.0.0.1:${healthPort}/health`)).ok, 30_000);
    const second = await spawnWorker(f, { HEALTH_PORT: String(healthPort), LOG_LEVEL: 'info' });
    children.push(second);
    await waitFor('the second worker to start', async () => /worker started/.test(second.output()), 30_000);

    expect(second.child.exitCode).toBeNull();
    expect(second.output()).toMatch(/health port in use .*set HEALTH_PORT or --health-port/);
    const started = second.output().split('\n').find((l) => l.includes('worker started'))!;
    const secondPort = (JSON.parse(started) as { healthPort: number }).healthPort;
    expect(secondPort).not.toBe(healthPort);
    expect((await fetch(`http://127.0.0.1:${secondPort}/health`)).status).toBe(200);
    // Both processes hold a worker connection on every queue.
    for (const q of Object.values(f.queues.queues)) expect(await q.getWorkersCount()).toBe(2);

    expect(await waiting.exited).toBe(0);
    expect(waiting.output()).toMatch(/a worker is consuming the search queue again/);
    expect(waiting.output()).toMatch(new RegExp(`scan #1 done: ${scan.total}/${scan.total} prospects classified`));
  }, 120_000);
});
