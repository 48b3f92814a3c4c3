// The list import at scale: bench/import-run.ts in a child process
// (its own fresh database), with the child's peak RSS sampled from /proc as well.
import { spawn } from 'node:child_process';
import { rssBytesOf, round } from './proc-stats.ts';

export interface ImportFigures {
  rows: number;
  seconds: number | null;
  rowsPerSecond: number | null;
  /** As the import script reports it (import phase only). */
  peakRssMiB: number | null;
  /** Whole child process, list generation included. */
  processPeakRssMiB: number | null;
  reimportSeconds: number | null;
  output: string;
}

export async function runImportBench(rows: number, log: (s: string) => void): Promise<ImportFigures> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/import-run.ts', String(rows)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssBytesOf(child.pid!) ?? 0)), 100);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`bench-import exited with ${code}:\n${output}`);
  const m = /elapsed ([\d.]+) s, (\d+) rows\/s, RSS before \d+ MiB, peak (\d+) MiB/.exec(output);
  const again = /re-import: .* in ([\d.]+) s/.exec(output);
  for (const line of output.trim().split('\n')) log(`  ${line}`);
  return {
    rows,
    seconds: m ? Number(m[1]) : null,
    rowsPerSecond: m ? Number(m[2]) : null,
    peakRssMiB: m ? Number(m[3]) : null,
    processPeakRssMiB: round(peak / 2 ** 20, 0),
    reimportSeconds: again ? Number(again[1]) : null,
    output,
  };
}
