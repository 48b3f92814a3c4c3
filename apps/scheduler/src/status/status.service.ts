import { completeScanIfFinished, QUEUE_NAMES, type PrismaClient, type QueueSet, type QueueName } from '@prospector/core';
import { latestScan } from '@prospector/core';

export interface StageProgress {
  stage: QueueName;
  /** Jobs of this stage in the queue right now (all campaigns share the queues). */
  waiting: number;
  active: number;
  /** Outcomes recorded for this campaign's scan. */
  done: number;
  failed: number;
}

export interface ScanStatus {
  campaign: string;
  scanId: number | null;
  scanNumber: number | null;
  state: string;
  total: number;
  classified: number;
  /** Prospects still waiting for room in the scan's admission window: queued in Postgres, not in Redis, not stuck. */
  notYetAdmitted: number;
  percent: number;
  stages: StageProgress[];
  startedAt: string | null;
  finishedAt: string | null;
}

export async function getScanStatus(prisma: PrismaClient, queues: QueueSet, campaignName: string): Promise<ScanStatus> {
  let { scan } = await latestScan(prisma, campaignName);
  // Workers close a scan when its last prospect is classified; a reader closes it too, in
  // case the worker that classified the last one died before it could.
  if (scan?.status === 'running' && (await completeScanIfFinished(prisma, scan.id))) {
    scan = await prisma.scan.findUniqueOrThrow({ where: { id: scan.id } });
  }
  if (!scan) {
    return { campaign: campaignName, scanId: null, scanNumber: null, state: 'not-started', total: 0, classified: 0, notYetAdmitted: 0, percent: 0, stages: [], startedAt: null, finishedAt: null };
  }
  const grouped = await prisma.stageRun.groupBy({ by: ['stage', 'status'], where: { scanId: scan.id }, _count: { _all: true } });
  const count = (stage: string, status: string) => grouped.find((g) => g.stage === stage && g.status === status)?._count._all ?? 0;
  const stages = await Promise.all(
    QUEUE_NAMES.map(async (stage) => {
      const counts = await queues.queues[stage].getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      return {
        stage,
        waiting: (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0) + (counts['waiting-children'] ?? 0),
        active: counts.active ?? 0,
        done: count(stage, 'done'),
        failed: count(stage, 'failed'),
      };
    }),
  );
  const classify = stages.find((s) => s.stage === 'classify')!;
  const classified = classify.done + classify.failed;
  return {
    campaign: campaignName,
    scanId: scan.id,
    scanNumber: scan.number,
    state: scan.status,
    total: scan.total,
    classified,
    notYetAdmitted: scan.status === 'running' && scan.admittedTo < scan.admitUpTo ? Math.max(0, scan.total - scan.admitted) : 0,
    percent: scan.total === 0 ? 100 : Math.floor((classified / scan.total) * 1000) / 10,
    stages,
    startedAt: scan.startedAt.toISOString(),
    finishedAt: scan.finishedAt?.toISOString() ?? null,
  };
}

export function formatScanStatus(s: ScanStatus): string {
  if (s.scanId === null) return `campaign ${s.campaign}: no scan yet`;
  const lines = [
    `campaign ${s.campaign} — scan #${s.scanNumber} ${s.state}: ${s.classified}/${s.total} prospects classified (${s.percent}%)` +
      (s.notYetAdmitted > 0 ? `; ${s.notYetAdmitted} not yet admitted (queued until the scan's window has room)` : ''),
    `${'stage'.padEnd(10)}${'waiting'.padStart(9)}${'active'.padStart(8)}${'done'.padStart(8)}${'failed'.padStart(8)}`,
    ...s.stages.map((st) => `${st.stage.padEnd(10)}${String(st.waiting).padStart(9)}${String(st.active).padStart(8)}${String(st.done).padStart(8)}${String(st.failed).padStart(8)}`),
    '(waiting/active count every campaign on the shared queues; done/failed are this scan)',
  ];
  return lines.join('\n');
}
