// Runs the leads queue: route-scan jobs (enqueued when a scan completes) and the lead
// sweep, a BullMQ job scheduler that catches up on completed scans nobody routed (a
// status reader closed them, or the signal was lost) and passes stale leads back.
import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { LEAD_SWEEP_JOB, LEADS_QUEUE, ROUTE_SCAN_JOB, routeScanJobSchema, type Logger, type PrismaClient } from '@prospector/core';
import { rerouteUnassigned, routeScan, scansAwaitingRouting, ScanNotDoneError } from './routing.service.ts';
import { sweepStaleLeads } from './stale.service.ts';

export interface LeadJobsOptions {
  prisma: PrismaClient;
  connection: ConnectionOptions;
  prefix: string;
  logger: Logger;
  staleAfterMs: number;
  passBackCap: number;
  sweepEveryMs: number;
  /** The automatic CRM push of qualified leads, run after each sweep (connections with --auto-push). */
  crmAutoPush?: () => Promise<string[]>;
}

export interface LeadJobs {
  queue: Queue;
  worker: Worker;
  close(): Promise<void>;
}

export interface LeadSweepOutcome {
  routedScans: number[];
  /** Leads taken from the unassigned queue by a territory loaded since. */
  rerouted: number;
  stale: number;
  passedBack: number;
  capped: number;
}

export async function startLeadJobs(o: LeadJobsOptions): Promise<LeadJobs> {
  const queue = new Queue(LEADS_QUEUE, { connection: o.connection, prefix: o.prefix });
  queue.on('error', (err) => o.logger.warn({ err: err.message }, 'leads queue error'));
  const worker = new Worker(
    LEADS_QUEUE,
    async (job: Job) => {
      if (job.name === ROUTE_SCAN_JOB) {
        const { scanId } = routeScanJobSchema.parse(job.data);
        try {
          const report = await routeScan(o.prisma, scanId);
          o.logger.info({ scanId, routed: report.lines.length, alreadyRouted: report.alreadyRouted }, 'scan routed');
          return { routed: report.lines.length };
        } catch (error) {
          if (error instanceof ScanNotDoneError) throw new UnrecoverableError(error.message);
          throw error;
        }
      }
      if (job.name === LEAD_SWEEP_JOB) {
        const sweep = await runLeadSweep(o);
        const crmPushes = o.crmAutoPush ? await o.crmAutoPush() : [];
        if (crmPushes.length) o.logger.info({ crmPushes }, 'automatic CRM pushes queued');
        return { ...sweep, crmPushes };
      }
      throw new UnrecoverableError(`unknown leads job ${job.name}`);
    },
    { connection: o.connection, prefix: o.prefix, concurrency: 1 },
  );
  worker.on('error', (err) => o.logger.warn({ err: err.message }, 'leads worker error'));
  await queue.upsertJobScheduler(LEAD_SWEEP_JOB, { every: o.sweepEveryMs }, { name: LEAD_SWEEP_JOB, data: {}, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } });
  return {
    queue,
    worker,
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}

export async function runLeadSweep(o: Pick<LeadJobsOptions, 'prisma' | 'staleAfterMs' | 'passBackCap' | 'logger'>): Promise<LeadSweepOutcome> {
  const routedScans: number[] = [];
  for (const scanId of await scansAwaitingRouting(o.prisma)) {
    await routeScan(o.prisma, scanId);
    routedScans.push(scanId);
  }
  const rerouted = (await rerouteUnassigned(o.prisma)).length;
  const stale = await sweepStaleLeads(o.prisma, { staleAfterMs: o.staleAfterMs, passBackCap: o.passBackCap });
  if (routedScans.length || rerouted || stale.stale) o.logger.info({ routedScans, rerouted, ...stale }, 'lead sweep');
  return { routedScans, rerouted, ...stale };
}
