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
