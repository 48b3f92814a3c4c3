// The floor: what a prospect's irreducible work costs a worker, from the same run's own
// micro-benchmarks (client CPU per operation, cache off, no injected latency) times how
// many of each operation a prospect needed in the scan (the run's own counters). The ratio
// measured ÷ floor is the figure to drive down: 1 would mean a worker does nothing but the
// handshakes, lookups, queue round trips and rows it cannot avoid.
import type { MicroFigure } from './micro.bench.ts';
import { round } from './proc-stats.ts';

export interface FloorPiece {
  piece: 'tls handshake + page request' | 'dns lookup' | 'queue job round trip' | 'row inserted';
  /** Client CPU ms per unit, from the micro-benchmark. */
  msPerUnit: number | null;
  /** Units per prospect in the scan. */
  perProspect: number;
  msPerProspect: number | null;
}

export interface Floor {
  pieces: FloorPiece[];
  floorMsPerProspect: number | null;
  measuredMsPerProspect: number | null;
  /** measured ÷ floor. */
  ratio: number | null;
}

/** Units per prospect, read from the scan: simulated-Internet traffic, finished jobs, rows written. */
export interface PerProspectCounts {
  httpRequests: number;
  dnsQueries: number;
  jobs: number;
  rows: number;
}

function unitCost(micro: MicroFigure[], kind: MicroFigure['kind']): number | null {
  // Without injected latency the client's own cost is not mixed with idle timers.
  const f = micro.find((m) => m.kind === kind && m.latencyMs === 0) ?? micro.find((m) => m.kind === kind);
  return f && f.done > 0 ? f.clientCpuMsPerOp : null;
}

export function floorOf(micro: MicroFigure[], counts: PerProspectCounts, measuredMsPerProspect: number | null): Floor {
  const piece = (name: FloorPiece['piece'], kind: MicroFigure['kind'], perProspect: number): FloorPiece => {
    const msPerUnit = unitCost(micro, kind);
    return { piece: name, msPerUnit, perProspect: round(perProspect, 2)!, msPerProspect: msPerUnit === null ? null : round(msPerUnit * perProspect, 2) };
  };
  const pieces = [
    piece('tls handshake + page request', 'http', counts.httpRequests),
    piece('dns lookup', 'resolver', counts.dnsQueries),
    piece('queue job round trip', 'queue', counts.jobs),
    piece('row inserted', 'insert', counts.rows),
  ];
  const known = pieces.every((p) => p.msPerProspect !== null);
  const floor = known ? pieces.reduce((sum, p) => sum + p.msPerProspect!, 0) : null;
  return {
    pieces,
    floorMsPerProspect: round(floor, 2),
    measuredMsPerProspect: measuredMsPerProspect,
    ratio: floor && measuredMsPerProspect !== null ? round(measuredMsPerProspect / floor, 2) : null,
  };
}
