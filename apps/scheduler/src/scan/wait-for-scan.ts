// `--wait`: block until the scan is complete, for scripts. Exits non-zero when it cannot
// complete: no progress for `stallMs` (no worker running?) or prospects that failed.
import cliProgress from 'cli-progress';
import type { PrismaClient, QueueSet } from '@prospector/core';
import { getScanStatus, type ScanStatus } from '../status/status.service.ts';
import { OutageWatch } from './database-outage.ts';
import { createConsumerWatch } from './consumer-watch.ts';

export interface WaitOptions {
  stallMs: number;
  pollMs?: number;
  progressBar: boolean;
  /** Where outage notices go; default stderr. */
  say?: (line: string) => void;
  /** Where to say that a queue the scan waits on has no worker (and when it has one again). */
  notify(line: string): void;
}

export type WaitOutcome = { ok: true; status: ScanStatus } | { ok: false; status: ScanStatus; reason: string };

export async function waitForScan(prisma: PrismaClient, queues: QueueSet, campaign: string, options: WaitOptions): Promise<WaitOutcome> {
  const bar = options.progressBar
    ? new cliProgress.SingleBar({ format: ' {bar} {percentage}% | {value}/{total} prospects | {stages}', hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  const consumers = createConsumerWatch(queues, (line) => {
    // A line printed under a progress bar would be overwritten on the next redraw.
    if (bar) process.stderr.write('\n');
    options.notify(line);
  });
  let lastProgress = -1;
  let lastChange = Date.now();
  // A database outage is one more way of making no progress: it may last until the stall
  // deadline, then ends the wait with one line instead of the driver's error.
  const outage = new OutageWatch({
    deadline: () => lastChange + options.stallMs,
    doing: `waiting for the scan of ${campaign}`,
    retryMs: options.pollMs,
    say: options.say ?? ((line) => console.error(line)),
    probe: () => prisma.$queryRaw`SELECT 1`,
  });
  try {
    for (;;) {
      const status = await outage.run(() => getScanStatus(prisma, queues, campaign));
      if (status.scanId === null) return { ok: false, status, reason: 'no scan has been started for this campaign' };
      const movement = status.stages.reduce((n, s) => n + s.done + s.failed, 0);
      if (movement !== lastProgress) {
        lastProgress = movement;
        lastChange = Date.now();
      }
      if (bar) {
        if (!bar.getTotal()) bar.start(status.total, status.classified, { stages: '' });
        bar.update(status.classified, { stages: status.stages.map((s) => `${s.stage} ${s.done}`).join(' · ') });
      }
      if (status.state === 'done') {
        await consumers.check(status.stages, true);
        const failed = status.stages.find((s) => s.stage === 'classify')?.failed ?? 0;
        return failed > 0 ? { ok: false, status, reason: `${failed} prospects could not be classified` } : { ok: true, status };
      }
      await consumers.check(status.stages);
      if (Date.now() - lastChange > options.stallMs) {
        return { ok: false, status, reason: `no progress for ${Math.round(options.stallMs / 1000)} s — is a worker running (prospector worker)?` };
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
    }
  } finally {
    bar?.stop();
  }
}
