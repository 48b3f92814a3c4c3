// The newcomer's path through the real `prospector` binary: a 50-business list imported
// with --wait while a worker process runs, status, JSON and CSV exports, and a re-import
// that changes nothing.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMarket, simnetEnv, startSimnet, writePurchasedList, type Simnet } from '@prospector/simnet';
import { createTestDatabase, type TestDatabase } from './helpers/test-db.ts';
import { REDIS_URL } from './helpers/pipeline-harness.ts';

const run = promisify(execFile);
const BIN = 'apps/scheduler/bin/prospector.mjs';
let db: TestDatabase;
let simnet: Simnet;
let dir: string;
let env: NodeJS.ProcessEnv;
let worker: ChildProcess;

const cli = (...args: string[]) => run(process.execPath, [BIN, ...args], { env, timeout: 180_000 });

beforeAll(async () => {
  db = await createTestDatabase('cli');
  const market = generateMarket({ seed: 50, size: 50, octet: 64 });
  simnet = await startSimnet({ market });
  dir = await mkdtemp(join(tmpdir(), 'prospector-cli-'));
  writePurchasedList(market, join(dir, 'list.csv'));
  env = {
    ...process.env,
    DATABASE_URL: db.url,
    REDIS_URL,
    QUEUE_PREFIX: `{t-cli-${process.pid}}`,
    ...simnetEnv(simnet),
    HEALTH_PORT: '0',
    LOG_LEVEL: 'warn',
  };
  worker = spawn(process.execPath, [BIN, 'worker'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
}, 60_000);

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    worker.kill('SIGTERM');
    await new Promise((r) => worker.once('exit', r));
  }
  await simnet?.close();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('prospector CLI', () => {
  it('shows help for every command', async () => {
    const { stdout } = await cli('--help');
    for (const c of ['import', 'scan', 'status', 'export', 'worker', 'stats', 'serve', 'migrate', 'token']) expect(stdout).toContain(c);
    expect((await cli('import', '--help')).stdout).toContain('--campaign');
  }, 120_000);

  it('imports, waits for all four stages, exports, and re-imports without duplicates', async () => {
    const first = await cli('import', join(dir, 'list.csv'), '--campaign', 'newcomer', '--wait');
    expect(first.stdout).toMatch(/rows read/i);
    expect(first.stdout).toMatch(/scan #1 .* (\d+)\/\1 prospects classified \(100%\)/s);

    const status = JSON.parse((await cli('status', '--campaign', 'newcomer', '--json')).stdout) as { state: string; total: number; stages: { stage: string; done: number }[] };
    expect(status.state).toBe('done');
    for (const stage of ['search', 'dns', 'verify', 'classify']) expect(status.stages.find((s) => s.stage === stage)!.done).toBeGreaterThan(0);
    expect(status.stages.find((s) => s.stage === 'classify')!.done).toBe(status.total);

    await cli('export', '--campaign', 'newcomer', '--format', 'json', '--out', join(dir, 'out.json'));
    await cli('export', '--campaign', 'newcomer', '--format', 'csv', '--out', join(dir, 'out.csv'));
    const records = JSON.parse(await readFile(join(dir, 'out.json'), 'utf8')) as Record<string, unknown>[];
    expect(records).toHaveLength(status.total);
    for (const field of ['externalId', 'name', 'presence', 'domain', 'emailProvider', 'webHost', 'dnsProvider', 'isp', 'score', 'tier', 'confidence', 'evidence', 'scannedAt']) {
      expect(records[0]).toHaveProperty(field);
    }
    const rows = parse(await readFile(join(dir, 'out.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(status.total);

    const again = await cli('import', join(dir, 'list.csv'), '--campaign', 'newcomer', '--no-scan');
    expect(again.stdout).toMatch(/already imported|prospects created:\s*0/i);
    const stats = await cli('stats', '--campaign', 'newcomer', '--json');
    expect((JSON.parse(stats.stdout) as { overall: { prospects: number } }).overall.prospects).toBe(status.total);
  }, 240_000);
});
