// `prospector catalog stats` through the real binary: no database, no Redis, just the catalog.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = 'apps/scheduler/bin/prospector.mjs';

it('prints the catalog counts against the targets, as a table and as JSON', async () => {
  const env = { ...process.env, DATABASE_URL: '', REDIS_URL: '' };
  const table = await run(process.execPath, [BIN, 'catalog', 'stats'], { env, timeout: 60_000 });
  expect(table.stdout).toMatch(/^mailbox hosts\s+\d+\s+60\s+ok$/m);
  expect(table.stdout).toMatch(/^web hosts and site builders\s+\d+\s+100\s+ok$/m);
  const json = await run(process.execPath, [BIN, 'catalog', 'stats', '--json'], { env, timeout: 60_000 });
  const stats = JSON.parse(json.stdout) as { providers: number; targets: { label: string; count: number; min: number; met: boolean }[] };
  expect(stats.providers).toBeGreaterThan(300);
  expect(stats.targets.map((t) => t.label)).toContain('mail security gateways');
  expect(stats.targets.filter((t) => !t.met)).toEqual([]);
}, 90_000);
