// The prospector binary run as a user runs it, its exit code kept rather than thrown: the
// CLI end-to-end tests assert on refusals as much as on successes.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execute = promisify(execFile);
export const PROSPECTOR_BIN = 'apps/scheduler/bin/prospector.mjs';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runProspectorCli(env: NodeJS.ProcessEnv, args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execute(process.execPath, [PROSPECTOR_BIN, ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
