// Plain-text tables of the figures, for the terminal.
import { formatAccuracy } from './accuracy.bench.ts';
import type { Floor } from './floor.ts';
import type { ImportFigures } from './import.bench.ts';
import type { MicroFigure } from './micro.bench.ts';
import type { PipelineRunResult } from './pipeline.bench.ts';

const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : String(v));
const mib = (bytes: number | null): number | null => (bytes === null ? null : Math.round((bytes / 2 ** 20) * 10) / 10);

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatPipeline(runs: PipelineRunResult[]): string {
  const main = table(
    ['prospects', 'workers', 'done', 's', 'prospects/s', 'worker CPU ms/p', 'less idle', 'idle ms/s', 'worker CPU %', 'host busy %', 'simnet ms/p', 'redis ms/p', 'pg ms/p', 'rows/s', 'commits/p', 'redis MiB/10k in flight', 'redis peak MiB', 'redis MiB after', 'worker RSS MiB', 'RSS growth MiB/10k'],
    runs.map((r) => [
      String(r.prospects), String(r.workers), r.complete ? 'yes' : `${r.classified} only`, fmt(r.seconds), fmt(r.prospectsPerSecond),
      fmt(r.workerCpuMsPerProspect), fmt(r.workerBusyCpuMsPerProspect), fmt(r.workerIdleCpuMsPerSecond), fmt(r.workerCpuPercent), fmt(r.hostCpuBusyPercent), fmt(r.simnetCpuMsPerProspect), fmt(r.redisCpuMsPerProspect), fmt(r.postgresCpuMsPerProspect),
      fmt(r.rowsWrittenPerSecond), fmt(r.commitsPerProspect), fmt(mib(r.redisBytesPer10kInFlight)), fmt(mib(r.redisPeakBytes)), fmt(mib(r.redisBytesAfter)), fmt(r.workerPeakRssMiB), fmt(r.workerRssGrowthMiBPer10k),
    ]),
  );
  const stages = runs.map((r) =>
    `${r.prospects} prospects, ${r.workers} worker(s):\n` +
    table(
      ['stage', 'done', 'failed', 'jobs/s', 'after prev p50 ms', 'p95', 'processing p50 ms', 'p95', 'samples'],
      r.stages.map((s) => [s.stage, String(s.done), String(s.failed), fmt(s.jobsPerSecond), fmt(s.afterPreviousP50Ms), fmt(s.afterPreviousP95Ms), fmt(s.processingP50Ms), fmt(s.processingP95Ms), String(s.processingSamples)]),
    ),
  );
  const accuracy = runs.map((r) => `accuracy, ${r.prospects} prospects, ${r.workers} worker(s): ${formatAccuracy(r.accuracy)}`);
  return [main, ...stages, ...accuracy].join('\n\n');
}

export function formatMicro(figures: MicroFigure[]): string {
  return table(
    ['client', 'latency ms', 'in flight', 'ops/s', 'client CPU ms/op', 'server CPU ms/op', 'outcomes'],
    figures.map((f) => [f.kind, String(f.latencyMs), String(f.inflight), String(f.perSecond), String(f.clientCpuMsPerOp), String(f.serverCpuMsPerOp), JSON.stringify(f.outcomes)]),
  );
}

export function formatImport(f: ImportFigures): string {
  return `${f.rows} rows in ${fmt(f.seconds)} s: ${fmt(f.rowsPerSecond)} rows/s, peak RSS ${fmt(f.peakRssMiB)} MiB (whole process ${fmt(f.processPeakRssMiB)} MiB), re-import ${fmt(f.reimportSeconds)} s`;
}

export function formatFloor(runs: (PipelineRunResult & { floor: Floor | null })[]): string {
  return runs
    .filter((r) => r.floor)
    .map((r) => {
      const f = r.floor!;
      return (
        `${r.prospects} prospects, ${r.workers} worker(s): floor ${fmt(f.floorMsPerProspect)} ms, measured ${fmt(f.measuredMsPerProspect)} ms (${fmt(r.workerBusyCpuMsPerProspect)} less idle), ratio ${fmt(f.ratio)}\n` +
        table(
          ['piece', 'client CPU ms/unit', 'units/prospect', 'ms/prospect'],
          f.pieces.map((p) => [p.piece, fmt(p.msPerUnit), String(p.perProspect), fmt(p.msPerProspect)]),
        )
      );
    })
    .join('\n\n');
}
