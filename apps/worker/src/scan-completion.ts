// Marking a scan done needs a count of its classify outcomes; counting after every
// prospect would make a scan's total work grow with the square of its size. Checks are
// coalesced per scan: at most one per interval, and always one after the last request,
// so the final prospect still closes the scan. A check that fails (Postgres away) is
// logged and tried again with backoff until it succeeds; status readers finalise a scan
// too, should this process die first.
import { completeScanIfFinished, type Logger, type PrismaClient } from '@prospector/core';

export interface ScanCompletion {
  request(scanId: number): void;
  /** Runs the pending checks now (shutdown, tests); a failure is logged and rescheduled. */
  flush(): Promise<void>;
}

const MAX_RETRY_MS = 30_000;

/** onCompleted runs once, in the process whose check closed the scan (it enqueues lead routing). */
export function createScanCompletion(prisma: PrismaClient, logger: Logger, intervalMs = 500, onCompleted?: (scanId: number) => Promise<void>): ScanCompletion {
  const pending = new Map<number, NodeJS.Timeout>();
  const failures = new Map<number, number>();
  const schedule = (scanId: number, delayMs: number) => pending.set(scanId, setTimeout(() => void check(scanId), delayMs));
  const check = async (scanId: number): Promise<void> => {
    pending.delete(scanId);
    try {
      const completed = await completeScanIfFinished(prisma, scanId);
      failures.delete(scanId);
      if (completed) logger.info({ scanId }, 'scan complete');
      // A lost signal is caught up by the lead sweep (apps/scheduler/src/leads/lead-jobs.ts).
      if (completed && onCompleted) {
        await onCompleted(scanId).catch((err: Error) => logger.error({ scanId, err: err.message }, 'could not ask for lead routing; the lead sweep will route the scan'));
      }
    } catch (error) {
      const failed = (failures.get(scanId) ?? 0) + 1;
      failures.set(scanId, failed);
      const retryInMs = Math.min(MAX_RETRY_MS, intervalMs * 2 ** failed);
      logger.error({ scanId, failed, retryInMs, err: (error as Error).message }, 'scan completion check failed; retrying');
      // Unref'd: a retry must not keep a stopping worker alive (status readers close the scan then).
      if (!pending.has(scanId)) schedule(scanId, retryInMs).get(scanId)?.unref();
    }
  };
  return {
    request(scanId) {
      if (pending.has(scanId)) return;
      schedule(scanId, intervalMs);
    },
    async flush() {
      const ids = [...pending.keys()];
      for (const id of ids) clearTimeout(pending.get(id));
      await Promise.all(ids.map(check));
    },
  };
}
