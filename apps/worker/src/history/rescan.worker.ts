// Consumes the rescan queue: each job of a campaign's job scheduler starts a scan of it,
// or joins the running one (the same idempotent call as `prospector scan`), so a tick
// that lands during a long scan adds nothing.
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { RESCAN_QUEUE, rescanJobSchema, type Logger, type PrismaClient, type QueueSet, type ScanWindow } from '@prospector/core';
import { startScan, type StartScanResult } from '@prospector/core';

export interface RescanWorkerOptions {
  connection: ConnectionOptions;
  prefix: string;
  prisma: PrismaClient;
  queues: QueueSet;
  logger: Logger;
  /** The admission window of the scans it starts (default: DEFAULT_SCAN_WINDOW). */
  window?: ScanWindow;
}

export function createRescanProcessor(deps: Pick<RescanWorkerOptions, 'prisma' | 'queues' | 'logger' | 'window'>) {
  return async (job: Job): Promise<StartScanResult> => {
    const { campaignId } = rescanJobSchema.parse(job.data);
    const campaign = await deps.prisma.campaign.findUnique({ where: { id: campaignId } });
    // The campaign was deleted under its schedule: retrying cannot help.
    if (!campaign) throw new UnrecoverableError(`campaign ${campaignId} no longer exists; remove its schedule`);
    const scan = await startScan(deps.prisma, deps.queues, campaign.name, deps.window);
    deps.logger.info({ queue: RESCAN_QUEUE, jobId: job.id, campaign: campaign.name, scan: scan.number, joined: scan.joinedExisting }, 'rescan');
    return scan;
  };
}

export function startRescanWorker(options: RescanWorkerOptions): Worker {
  const worker = new Worker(RESCAN_QUEUE, createRescanProcessor(options), {
    connection: options.connection,
    prefix: options.prefix,
    // Starting a scan admits a window of a campaign: one at a time per process is plenty.
    concurrency: 1,
  });
  worker.on('error', (err) => options.logger.error({ queue: RESCAN_QUEUE, err: err.message }, 'worker error'));
  return worker;
}
