// Tops up running scans' admission windows (packages/core/src/db/scan-admission.ts): after
// classify outcomes (coalesced per scan: at most one top-up per interval, and one after the
// last request), and on a sweep of every running scan that still has prospects to admit, so
// a window drained while no worker saw it (the one that classified its last prospects died
// first, or every one of them failed before a worker started) is still topped up. A failed
// top-up is logged; the next request or sweep does it, and a top-up done twice adds nothing.
import type { FlowProducer } from 'bullmq';
import { admitProspects, scansAwaitingAdmission, type Logger, type PrismaClient } from '@prospector/core';

export interface ScanAdmission {
  request(scanId: number): void;
  /** Tops up every running scan with prospects left to admit. */
  sweep(): Promise<void>;
  /** Stops the timers and waits for top-ups under way. */
  close(): Promise<void>;
}

export interface ScanAdmissionOptions {
  prisma: PrismaClient;
  flows: FlowProducer;
  logger: Logger;
  intervalMs?: number;
  /** 0: no periodic sweep (tests call sweep()). */
  sweepMs?: number;
}

export function createScanAdmission(options: ScanAdmissionOptions): ScanAdmission {
  const intervalMs = options.intervalMs ?? 250;
  const pending = new Map<number, NodeJS.Timeout>();
  const running = new Map<number, Promise<void>>();
  // A request while a top-up of the same scan runs: one more once it is over.
  const again = new Set<number>();
  let closed = false;

  const topUp = (scanId: number): Promise<void> => {
    const current = running.get(scanId);
    if (current) {
      again.add(scanId);
      return current;
    }
    const run = (async () => {
      try {
        const result = await admitProspects(options.prisma, options.flows, scanId);
        if (result.added > 0) options.logger.debug({ scanId, ...result }, 'scan window topped up');
      } catch (error) {
        options.logger.error({ scanId, err: (error as Error).message }, 'could not top up the scan window; the next request or sweep will');
      } finally {
        running.delete(scanId);
        if (again.delete(scanId) && !closed) schedule(scanId);
      }
    })();
    running.set(scanId, run);
    return run;
  };
  const schedule = (scanId: number) => {
    if (pending.has(scanId)) return;
    const timer = setTimeout(() => {
      pending.delete(scanId);
      void topUp(scanId);
    }, intervalMs);
    timer.unref();
    pending.set(scanId, timer);
  };
  const sweep = async () => {
    let ids: number[];
    try {
      ids = await scansAwaitingAdmission(options.prisma);
    } catch (error) {
      options.logger.warn({ err: (error as Error).message }, 'could not list scans awaiting admission; the next sweep will');
      return;
    }
    for (const id of ids) await topUp(id);
  };
  const sweeper = options.sweepMs ? setInterval(() => void sweep(), options.sweepMs) : undefined;
  sweeper?.unref();
  // A worker (re)started under a drained window tops it up at once, not a sweep later.
  if (sweeper) void sweep();

  return {
    request(scanId) {
      if (!closed) schedule(scanId);
    },
    sweep,
    async close() {
      closed = true;
      if (sweeper) clearInterval(sweeper);
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
      await Promise.all(running.values());
    },
  };
}
