// Why a running scan can no longer complete. A scan is done when every prospect is classified;
// classify runs when all the jobs under it (search, the verifies and dns jobs it adds) have finished.
// If Redis lost a key (an evicting Redis, a flushed database), the chain breaks silently: the
// classify job is gone, or it waits on children whose keys are gone, or on dependencies that no
// longer exist. This reads a sample of the unclassified prospects' jobs and says which.
import type { Job } from 'bullmq';
import { evictionProblem, jobIdFor, QUEUE_NAMES, readRedisMemory, type PrismaClient, type QueueName, type QueueSet, type RedisMemory } from '@prospector/core';
import type { Redis } from 'ioredis';

/** Enough to tell "some prospects" from "all of them" without reading a large scan's every job. */
const DEFAULT_SAMPLE = 200;

export type StuckCause = 'job-gone' | 'children-gone' | 'no-dependencies' | 'no-state' | 'children-finished' | 'finished-without-result';

export interface StuckStage {
  stage: QueueName;
  cause: StuckCause;
  /** Sampled unclassified prospects in this state. */
  prospects: number;
  reason: string;
}

export interface StuckReport {
  /** Unclassified prospects whose jobs were read. */
  sampled: number;
  /** Sampled prospects whose chain is whole, with a job still queued or running: not stuck. */
  inProgress: number;
  /** Admitted prospects (their flows were added) without a classify outcome. */
  unclassified: number;
  /** Prospects waiting for room in the scan's admission window: not in Redis yet, by design. */
  notYetAdmitted: number;
  stuck: StuckStage[];
  /** The Redis setting that explains it, when Redis evicts or has evicted keys. */
  redis: string | null;
}

const REASONS: Record<StuckCause, (stage: QueueName, children: string) => string> = {
  'job-gone': (stage) => `${stage} jobs are gone from Redis (their keys were evicted or deleted): these prospects will never be classified`,
  'children-gone': (stage, children) => `${stage} jobs wait on ${children} jobs whose keys are gone from Redis: they will wait forever`,
  'no-dependencies': (stage) => `${stage} jobs wait on children, but their dependency lists no longer exist in Redis: they will never run`,
  'no-state': (stage) => `${stage} jobs are in no queue (their queue entry is gone from Redis): no worker will take them`,
  'children-finished': (stage, children) =>
    `${stage} jobs still wait on ${children} jobs that have finished (the link that releases them is gone from Redis): they will wait forever`,
  'finished-without-result': (stage) => `${stage} jobs finished (or failed for good) without recording a result: these prospects will never be classified`,
};

export async function diagnoseStuckScan(
  prisma: PrismaClient,
  queues: QueueSet,
  scan: { id: number; campaignId: number },
  options: { redis?: Redis; sample?: number } = {},
): Promise<StuckReport> {
  const sample = options.sample ?? DEFAULT_SAMPLE;
  // Only admitted prospects have jobs to read: the others wait in Postgres for room in the window.
  const admitted = await prisma.scan.findUniqueOrThrow({ where: { id: scan.id }, select: { admittedTo: true, admitUpTo: true } });
  const notYetAdmitted = admitted.admittedTo < admitted.admitUpTo
    ? await prisma.prospect.count({ where: { campaignId: scan.campaignId, id: { gt: admitted.admittedTo, lte: admitted.admitUpTo } } })
    : 0;
  const unclassified = await prisma.$queryRaw<{ id: number }[]>`
    SELECT p.id FROM "Prospect" p
    WHERE p."campaignId" = ${scan.campaignId}
      -- Neither those nor prospects imported after the scan started (admitUpTo 0: a row from before admission was recorded).
      AND (${admitted.admitUpTo} = 0 OR p.id <= ${admitted.admittedTo})
      AND NOT EXISTS (SELECT 1 FROM "StageRun" s WHERE s."scanId" = ${scan.id} AND s."prospectId" = p.id AND s.stage = 'classify')
    ORDER BY p.id`;
  const counts = new Map<string, { stage: QueueName; cause: StuckCause; prospects: number; children: Set<string> }>();
  let inProgress = 0;
  for (const { id } of unclassified.slice(0, sample)) {
    const finding = await diagnoseProspect(queues, { scanId: scan.id, prospectId: id });
    if (!finding) {
      inProgress++;
      continue;
    }
    const key = `${finding.stage}/${finding.cause}`;
    const entry = counts.get(key) ?? { stage: finding.stage, cause: finding.cause, prospects: 0, children: new Set<string>() };
    entry.prospects++;
    for (const child of finding.children) entry.children.add(child);
    counts.set(key, entry);
  }
  const stuck = [...counts.values()].map((e) => ({
    stage: e.stage,
    cause: e.cause,
    prospects: e.prospects,
    reason: REASONS[e.cause](e.stage, [...e.children].sort().join('/') || 'child'),
  }));
  return { sampled: Math.min(sample, unclassified.length), inProgress, unclassified: unclassified.length, notYetAdmitted, stuck, redis: options.redis ? await redisExplanation(options.redis) : null };
}

interface ProspectFinding {
  stage: QueueName;
  cause: StuckCause;
  /** Queues of the children whose keys are gone. */
  children: string[];
}

/**
 * The first broken link under this prospect's classify job, or null when its chain is whole and
 * some job in it is still queued or running. The prospect is unclassified, so a classify job that
 * has finished is a break too.
 */
async function diagnoseProspect(queues: QueueSet, data: { scanId: number; prospectId: number }): Promise<ProspectFinding | null> {
  const classify = await queues.queues.classify.getJob(jobIdFor('classify', data));
  if (!classify) return { stage: 'classify', cause: 'job-gone', children: [] };
  const link = await diagnoseJob(queues, 'classify', classify);
  if (link === 'live') return null;
  if (link === 'finished') return { stage: 'classify', cause: 'finished-without-result', children: [] };
  return link;
}

/** A job's chain: a break, still live somewhere, or finished (its own work is over). */
async function diagnoseJob(queues: QueueSet, stage: QueueName, job: Job): Promise<ProspectFinding | 'live' | 'finished'> {
  const state = await job.getState();
  if (state === 'unknown') return { stage, cause: 'no-state', children: [] };
  if (state === 'completed' || state === 'failed') return 'finished';
  // waiting, active, delayed, prioritized: queued or running, a worker will get to it.
  if (state !== 'waiting-children') return 'live';
  const { unprocessed = [] } = await job.getDependencies({ unprocessed: { count: 50 } });
  // The last child's completion moves its parent on in the same script: a parent still waiting
  // with nothing left to wait on has lost its dependency list.
  if (unprocessed.length === 0) return { stage, cause: 'no-dependencies', children: [] };
  const gone: string[] = [];
  const finished: string[] = [];
  let live = false;
  for (const key of unprocessed) {
    const child = parseJobKey(key);
    const childJob = child ? await queues.queues[child.queue].getJob(child.id) : undefined;
    if (!child || !childJob) {
      gone.push(child?.queue ?? 'unknown');
      continue;
    }
    // A break further down (a child's own children) stalls this job too.
    const below = await diagnoseJob(queues, child.queue, childJob);
    if (below === 'live') live = true;
    else if (below === 'finished') finished.push(child.queue);
    else return below.cause === 'job-gone' ? { stage, cause: 'children-gone', children: [child.queue] } : below;
  }
  if (gone.length > 0) return { stage, cause: 'children-gone', children: [...new Set(gone)] };
  if (live) return 'live';
  return { stage, cause: 'children-finished', children: [...new Set(finished)] };
}

/** `{prefix}:verify:verify-1-2-acme.com` → verify / verify-1-2-acme.com (ids never contain ':'). */
function parseJobKey(key: string): { queue: QueueName; id: string } | null {
  const parts = key.split(':');
  const id = parts.at(-1);
  const queue = parts.at(-2) as QueueName | undefined;
  return id && queue && (QUEUE_NAMES as readonly string[]).includes(queue) ? { queue, id } : null;
}

async function redisExplanation(redis: Redis): Promise<string | null> {
  let memory: RedisMemory;
  try {
    memory = await readRedisMemory(redis);
  } catch {
    return null;
  }
  const problem = evictionProblem(memory);
  const evicted = memory.evictedKeys ?? 0;
  if (!problem && evicted === 0) return null;
  const evictions = `${evicted} keys evicted since Redis started`;
  if (!problem) return `${evictions} (maxmemory-policy is now "${memory.policy ?? 'unknown'}")`;
  return evicted > 0 ? `${problem}; ${evictions}` : problem;
}

export function formatStuckReport(report: StuckReport): string {
  if (report.stuck.length === 0) return report.redis ? `warning: ${report.redis}` : '';
  const lines = report.stuck.map(
    (s) => `stuck: ${s.stage} — ${s.prospects} of ${report.sampled} sampled unclassified prospects: ${s.reason}`,
  );
  const waiting = report.notYetAdmitted > 0 ? `, ${report.notYetAdmitted} more not yet admitted` : '';
  lines.push(`this scan cannot complete (${report.unclassified} prospects unclassified${waiting})${report.redis ? `; ${report.redis}` : ''}`);
  return lines.join('\n');
}
