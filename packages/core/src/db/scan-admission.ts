// Windowed admission: a scan does not put its whole campaign into Redis at once (a 100k
// campaign would be 100k flows, ~24 MiB per 10k, and every search would run before any
// classify). It admits prospects in id order: at most `admitWindow` in flight (admitted, no
// classify outcome yet), topped up `admitChunk` at a time once the window has drained by a
// chunk. Starting the scan admits the first window; after that every classify outcome asks
// for a top-up (coalesced per scan by the worker), and workers sweep running scans now and
// then, so a window whose last outcome was seen by a worker that died is still topped up.
//
// At-least-once and idempotent across processes: the flows are added first (deterministic
// job ids: adding one twice adds nothing), then the cursor moves with a compare-and-set. A
// crash between the two leaves the cursor behind; the next top-up adds the same flows again,
// harmlessly. Two processes topping up at once add the same chunk; one of them moves the cursor.
import type { FlowProducer } from 'bullmq';
import { prospectFlow } from '../queues/pipeline.ts';
import type { PrismaClient } from './prisma.ts';

export interface ScanWindow {
  /** Prospects in flight at most. */
  size: number;
  /** Prospects added per top-up; a top-up waits until the window has room for a chunk. */
  chunk: number;
}

/** The defaults of SCAN_WINDOW / SCAN_WINDOW_CHUNK (config.ts), and of a scan started without a config. */
export const DEFAULT_SCAN_WINDOW: ScanWindow = { size: 4000, chunk: 500 };

export interface AdmissionResult {
  /** Flows this call added (some may have been added by another process too). */
  added: number;
  /** Admitted prospects without a classify outcome, after this call. */
  inFlight: number;
  /** Prospects of the scan not admitted yet. */
  remaining: number;
}

const NONE: AdmissionResult = { added: 0, inFlight: 0, remaining: 0 };

/** Admits prospects until the window is full (or none is left); nothing while it is fuller than size − chunk. */
export async function admitProspects(prisma: PrismaClient, flows: FlowProducer, scanId: number): Promise<AdmissionResult> {
  let added = 0;
  for (;;) {
    const scan = await prisma.scan.findUnique({
      where: { id: scanId },
      select: { status: true, campaignId: true, total: true, admitUpTo: true, admittedTo: true, admitted: true, admitWindow: true, admitChunk: true },
    });
    if (!scan || scan.status !== 'running') return { ...NONE, added };
    const inFlight = Math.max(0, scan.admitted - (await classifiedCount(prisma, scanId)));
    const remaining = scan.admittedTo < scan.admitUpTo ? Math.max(0, scan.total - scan.admitted) : 0;
    if (scan.admittedTo >= scan.admitUpTo) return { added, inFlight, remaining };
    const room = scan.admitWindow - inFlight;
    // A first top-up waits for a chunk's worth of room (one per finished prospect would add tiny
    // batches); once started, it fills the window.
    if (room <= 0 || (added === 0 && room < Math.min(scan.admitChunk, scan.admitWindow))) return { added, inFlight, remaining };
    const next = await prisma.prospect.findMany({
      where: { campaignId: scan.campaignId, id: { gt: scan.admittedTo, lte: scan.admitUpTo } },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: Math.min(room, Math.max(1, scan.admitChunk)),
    });
    if (next.length === 0) {
      // The prospects left were deleted under the scan: nothing more to admit.
      await prisma.scan.updateMany({ where: { id: scanId, admittedTo: scan.admittedTo }, data: { admittedTo: scan.admitUpTo } });
      return { added, inFlight, remaining: 0 };
    }
    await flows.addBulk(next.map((p) => prospectFlow({ scanId, prospectId: p.id })));
    added += next.length;
    // Moves only from where this call read it: another process that got there first has added
    // the same flows (or more), and the next round re-reads.
    await prisma.scan.updateMany({
      where: { id: scanId, admittedTo: scan.admittedTo },
      data: { admittedTo: next[next.length - 1]!.id, admitted: { increment: next.length } },
    });
  }
}

/**
 * Adds again the flows of the admitted prospects without a classify outcome (at most a
 * window): those present are left as they are (same job ids), those Redis lost (a crash
 * before its AOF was written, a flush) are back. What a second `scan start` does for the
 * scan it joins, instead of re-adding the whole campaign.
 */
export async function readmitInFlight(prisma: PrismaClient, flows: FlowProducer, scanId: number): Promise<number> {
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    SELECT p.id FROM "Scan" s JOIN "Prospect" p ON p."campaignId" = s."campaignId" AND p.id <= s."admittedTo"
    WHERE s.id = ${scanId} AND s.status = 'running'
      AND NOT EXISTS (SELECT 1 FROM "StageRun" r WHERE r."scanId" = s.id AND r."prospectId" = p.id AND r.stage = 'classify')
    ORDER BY p.id`;
  for (let i = 0; i < rows.length; i += READMIT_BATCH) {
    await flows.addBulk(rows.slice(i, i + READMIT_BATCH).map((p) => prospectFlow({ scanId, prospectId: p.id })));
  }
  return rows.length;
}

const READMIT_BATCH = 500;

/** Classify outcomes (done or failed): one per prospect, however often a job ran. */
export async function classifiedCount(prisma: PrismaClient, scanId: number): Promise<number> {
  return prisma.stageRun.count({ where: { scanId, stage: 'classify' } });
}

/** Running scans that still have prospects to admit: what a sweep tops up. */
export async function scansAwaitingAdmission(prisma: PrismaClient): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    SELECT id FROM "Scan" WHERE status = 'running' AND "admittedTo" < "admitUpTo" ORDER BY id`;
  return rows.map((r) => r.id);
}
