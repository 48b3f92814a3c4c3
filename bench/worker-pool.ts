// N real worker processes (`prospector worker`), as an operator would run them, with their
// CPU time read from /proc just before they are stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Queue } from 'bullmq';
import { cpuMsOf, rssBytesOf, totalCpuMs } from './proc-stats.ts';

export interface WorkerPool {
  pids: number[];
  /** Resolves once every process has a BullMQ connection on `queue`. */
  waitReady(queue: Queue, timeoutMs: number): Promise<void>;
  cpuMs(): number;
  /** Highest RSS seen by sample(), summed over processes. */
  peakRssBytes(): number;
  /** Samples every worker's RSS; returns their sum now. */
  sample(): number;
  /** SIGTERM, wait for exit; returns each process's CPU ms read just before the signal. */
  stop(): Promise<number[]>;
}

/** `live` holds the running children so an interrupted benchmark can stop them. */
export function startWorkerPool(count: number, env: Record<string, string>, live: Set<ChildProcess>): WorkerPool {
  const children: ChildProcess[] = Array.from({ length: count }, () =>
    spawn(process.execPath, [...(process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), 'apps/scheduler/bin/prospector.mjs', 'worker'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  for (const c of children) {
    live.add(c);
    c.once('exit', () => live.delete(c));
  }
  const pids = children.map((c) => c.pid!);
  const peaks = new Map<number, number>();
  const sample = (): number => {
    let sum = 0;
    for (const pid of pids) {
      const rss = rssBytesOf(pid) ?? 0;
      peaks.set(pid, Math.max(peaks.get(pid) ?? 0, rss));
      sum += rss;
    }
    return sum;
  };
  return {
    pids,
    async waitReady(queue, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while ((await queue.getWorkersCount()) < count) {
        const dead = children.find((c) => c.exitCode !== null);
        if (dead) throw new Error(`a worker exited with code ${dead.exitCode} before it was ready`);
        if (Date.now() > deadline) throw new Error(`workers not ready after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    cpuMs: () => totalCpuMs(pids),
    peakRssBytes: () => [...peaks.values()].reduce((a, b) => a + b, 0),
    sample,
    async stop() {
      const cpu = pids.map((pid) => cpuMsOf(pid) ?? 0);
      const exits = children.map((c) => (c.exitCode !== null ? Promise.resolve() : new Promise<void>((r) => c.once('exit', () => r()))));
      for (const c of children) c.kill('SIGTERM');
      await Promise.all(exits);
      return cpu;
    },
  };
}
