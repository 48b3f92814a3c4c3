// Duplicated work, measured where it happens: BullMQ counts every time a worker takes a
// job (attemptsStarted) and every attempt that reached an outcome (attemptsMade). One job
// is one stage of one (scan, prospect, domain), so its starts are the agent runs, fetches
// and lookups done for it. Starts beyond the attempts that ended are work done twice: a
// job killed mid-flight and taken again after the stalled check, one handed back at
// shutdown, a rate-limited or database-waiting job that went back to the queue.
import type { Job } from 'bullmq';
import { QUEUE_NAMES, type QueueName, type QueueSet } from '@prospector/core';

export interface DuplicatedWork {
  /** Finished jobs of the scan (completed or failed). */
  jobs: number;
  /** Times a worker started one of them. */
  runs: number;
  /** Runs the retry policy asked for (attempts after the first that reached an outcome). */
  retries: number;
  /** Runs that reached no outcome: the work done twice. */
  duplicated: number;
  byQueue: Record<QueueName, number>;
  worst: { jobId: string; runs: number } | null;
}

export async function duplicatedWorkOf(queues: QueueSet, scanId: number): Promise<DuplicatedWork> {
  const work: DuplicatedWork = { jobs: 0, runs: 0, retries: 0, duplicated: 0, byQueue: { search: 0, dns: 0, verify: 0, classify: 0 }, worst: null };
  for (const name of QUEUE_NAMES) {
    const jobs: Job[] = await queues.queues[name].getJobs(['completed', 'failed'], 0, -1);
    for (const job of jobs) {
      if ((job.data as { scanId?: number }).scanId !== scanId) continue;
      const extra = job.attemptsStarted - job.attemptsMade;
      work.jobs += 1;
      work.runs += job.attemptsStarted;
      work.retries += Math.max(0, job.attemptsMade - 1);
      work.duplicated += extra;
      work.byQueue[name] += extra;
      if (!work.worst || job.attemptsStarted > work.worst.runs) work.worst = { jobId: job.id ?? '?', runs: job.attemptsStarted };
    }
  }
  return work;
}

export function formatDuplicatedWork(w: DuplicatedWork): string {
  const per = QUEUE_NAMES.map((q) => `${q} ${w.byQueue[q]}`).join(', ');
  return `${w.jobs} jobs, ${w.runs} runs, ${w.retries} policy retries, ${w.duplicated} duplicated runs (${per}); most runs of one job: ${w.worst?.runs ?? 0} (${w.worst?.jobId ?? '-'})`;
}

/** Prints a case's duplicated work and returns it, for the case to assert its bound. */
export async function reportDuplicatedWork(label: string, queues: QueueSet, scanId: number): Promise<DuplicatedWork> {
  const work = await duplicatedWorkOf(queues, scanId);
  console.info(`${label}: duplicated work: ${formatDuplicatedWork(work)}`);
  return work;
}

/** Stalled jobs the workers reported ("job stalled; it runs again"): each runs once more. */
export function loggedStalls(...outputs: string[]): number {
  return outputs.reduce((n, out) => n + (out.match(/job stalled; it runs again/g)?.length ?? 0), 0);
}

/** The verify agent tries at most 4 URLs (https/http × apex/www), each with up to HTTP_MAX_REDIRECTS (5) hops. */
export const MAX_FETCHES_PER_VERIFY_RUN = 4 * (1 + 5);

export interface FetchWork {
  /** Candidate domains verified in the scan. */
  domains: number;
  /** Requests the simulated Internet served for them (apex and www). */
  fetches: number;
  /** Runs of their verify jobs. */
  verifyRuns: number;
  /** The domain with most fetches per run of its verify job. */
  worst: { domain: string; fetches: number; runs: number } | null;
}

/** HTTP fetches per (scan, domain), from the simulated Internet's counters, next to the runs of that domain's verify job. */
export async function fetchWorkOf(queues: QueueSet, scanId: number, requestsByHost: Record<string, number>): Promise<FetchWork> {
  const work: FetchWork = { domains: 0, fetches: 0, verifyRuns: 0, worst: null };
  const jobs: Job[] = await queues.queues.verify.getJobs(['completed', 'failed'], 0, -1);
  for (const job of jobs) {
    const data = job.data as { scanId?: number; domain?: string };
    if (data.scanId !== scanId || !data.domain) continue;
    const fetches = (requestsByHost[data.domain] ?? 0) + (requestsByHost[`www.${data.domain}`] ?? 0);
    work.domains += 1;
    work.fetches += fetches;
    work.verifyRuns += job.attemptsStarted;
    if (!work.worst || fetches / job.attemptsStarted > work.worst.fetches / work.worst.runs) work.worst = { domain: data.domain, fetches, runs: job.attemptsStarted };
  }
  return work;
}

export function formatFetchWork(w: FetchWork): string {
  return `${w.fetches} HTTP fetches for ${w.domains} domains over ${w.verifyRuns} verify runs; most per run: ${w.worst ? `${w.worst.fetches} in ${w.worst.runs} (${w.worst.domain})` : '-'}`;
}
