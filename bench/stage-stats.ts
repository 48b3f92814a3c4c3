// Per-stage figures of one scan. Throughput and stage-to-stage delays come from Postgres
// (every StageRun row, nothing sampled); processing time per job comes from a sample of
// BullMQ's completed jobs, which keeps only the last 1000 per queue.
import type { Queue } from 'bullmq';
import type pg from 'pg';
import { percentile, round } from './proc-stats.ts';

export interface StageFigures {
  stage: string;
  done: number;
  failed: number;
  /** Finished (done + failed) per second, from the workers being ready to the stage's last finish. */
  jobsPerSecond: number | null;
  /** Delay from the previous stage's finish to this one's (queue wait + processing), ms. */
  afterPreviousP50Ms: number | null;
  afterPreviousP95Ms: number | null;
  /** processedOn → finishedOn of sampled completed BullMQ jobs, ms. */
  processingP50Ms: number | null;
  processingP95Ms: number | null;
  processingSamples: number;
}

// "Previous" is the prospect's last stage run that finished before this one, whatever the
// pipeline's shape: verify follows search, dns the verify that proved its domain, classify
// the last of them. Search has none.
const DELAY_SQL = `
  SELECT extract(epoch FROM r."finishedAt" - (
           SELECT max(p."finishedAt") FROM "StageRun" p
           WHERE p."scanId" = r."scanId" AND p."prospectId" = r."prospectId" AND p."finishedAt" < r."finishedAt")) * 1000 AS ms
  FROM "StageRun" r WHERE r."scanId" = $1 AND r.stage = $2`;

async function delayPercentiles(pool: pg.Pool, scanId: number, stage: string): Promise<{ p50: number | null; p95: number | null }> {
  const { rows } = await pool.query<{ p50: number | null; p95: number | null }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95 FROM (${DELAY_SQL}) x`,
    [scanId, stage],
  );
  return { p50: rows[0]?.p50 ?? null, p95: rows[0]?.p95 ?? null };
}

/** Collects processing times of completed jobs; call sample() every second or two. */
export class ProcessingSampler {
  private readonly seen = new Map<string, Map<string, number>>();

  constructor(private readonly queues: Record<string, Queue>) {}

  async sample(): Promise<void> {
    await Promise.all(
      Object.entries(this.queues).map(async ([name, queue]) => {
        const jobs = await queue.getJobs(['completed'], 0, 299);
        const times = this.seen.get(name) ?? new Map<string, number>();
        for (const job of jobs) {
          if (job?.id && job.processedOn && job.finishedOn) times.set(job.id, job.finishedOn - job.processedOn);
        }
        this.seen.set(name, times);
      }),
    );
  }

  sorted(stage: string): number[] {
    return [...(this.seen.get(stage)?.values() ?? [])].sort((a, b) => a - b);
  }
}

export async function stageFigures(pool: pg.Pool, scanId: number, readyAt: Date, sampler: ProcessingSampler): Promise<StageFigures[]> {
  const { rows } = await pool.query<{ stage: string; done: string; failed: string; last: Date }>(
    `SELECT stage, count(*) FILTER (WHERE status = 'done') AS done, count(*) FILTER (WHERE status = 'failed') AS failed,
            max("finishedAt") AS last
       FROM "StageRun" WHERE "scanId" = $1 GROUP BY stage`,
    [scanId],
  );
  const order = ['search', 'verify', 'dns', 'classify'];
  rows.sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage));
  const out: StageFigures[] = [];
  for (const row of rows) {
    const finished = Number(row.done) + Number(row.failed);
    const seconds = (row.last.getTime() - readyAt.getTime()) / 1000;
    const delay = await delayPercentiles(pool, scanId, row.stage);
    const processing = sampler.sorted(row.stage);
    out.push({
      stage: row.stage,
      done: Number(row.done),
      failed: Number(row.failed),
      jobsPerSecond: round(seconds > 0 ? finished / seconds : null),
      afterPreviousP50Ms: round(delay.p50, 0),
      afterPreviousP95Ms: round(delay.p95, 0),
      processingP50Ms: percentile(processing, 50),
      processingP95Ms: percentile(processing, 95),
      processingSamples: processing.length,
    });
  }
  return out;
}

/** Rows inserted, updated and deleted in the database so far (flushed by backends at exit). */
/** Rows written and transactions committed in the database so far (the bench's own few included). */
export async function databaseCounters(pool: pg.Pool, database: string): Promise<{ rows: number; commits: number }> {
  await pool.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await pool.query<{ n: string; commits: string }>(
    'SELECT tup_inserted + tup_updated + tup_deleted AS n, xact_commit AS commits FROM pg_stat_database WHERE datname = $1',
    [database],
  );
  return { rows: Number(rows[0]?.n ?? 0), commits: Number(rows[0]?.commits ?? 0) };
}

/** Backend processes serving the database, to add their CPU time. */
export async function backendPids(pool: pg.Pool, database: string): Promise<number[]> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
  return rows.map((r) => r.pid);
}
