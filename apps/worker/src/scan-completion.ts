// Marking a scan done needs a count of its classify outcomes; counting after every
// prospect would make a scan's total work grow with the square of its size. Checks are
// coalesced per scan: at most one per interval, and always one after the last request,
// so the final prospect still closes the scan. (Status readers finalise it too, should
// this process die inside the interval.)
import { completeScanIfFinished, type PrismaClient } from '@prospector/core';

export interface ScanCompletion {
  request(scanId: number): void;
  /** Runs the pending checks now (shutdown, tests). */
  flush(): Promise<void>;
}

/** onCompleted runs once, in the process whose check closed the scan (it enqueues lead routing). */
export function createScanCompletion(prisma: PrismaClient, intervalMs = 500, onCompleted?: (scanId: number) => Promise<void>): ScanCompletion {
  const pending = new Map<number, NodeJS.Timeout>();
  const check = async (scanId: number) => {
    pending.delete(scanId);
    const closed = await completeScanIfFinished(prisma, scanId).catch(() => false);
    // A lost signal is caught up by the lead sweep (apps/scheduler/src/leads/lead-jobs.ts).
    if (closed && onCompleted) await onCompleted(scanId).catch(() => undefined);
  };
  return {
    request(scanId) {
      if (pending.has(scanId)) return;
      pending.set(scanId, setTimeout(() => void check(scanId), intervalMs));
    },
    async flush() {
      const ids = [...pending.keys()];
      for (const id of ids) clearTimeout(pending.get(id));
      await Promise.all(ids.map(check));
    },
  };
}
