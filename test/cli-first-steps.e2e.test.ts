// A newcomer's first commands through the real `prospector` binary, before the setup is
// complete: a database that does not exist, one that is not migrated, Postgres or Redis
// where nothing listens. Each answers with one line naming the fix, exits non-zero, and
// prints no stack.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDatabaseUrl, createTestDatabase, dropTestDatabase, type TestDatabase } from './helpers/test-db.ts';
import { REDIS_URL } from './helpers/pipeline-harness.ts';
import { freePort } from './helpers/private-services.ts';

const run = promisify(execFile);
const BIN = 'apps/scheduler/bin/prospector.mjs';

interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(env: Record<string, string>, ...args: string[]): Promise<CliOutcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

function databaseUrl(name: string, port = 5432): string {
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${name}`;
  url.port = String(port);
  return url.toString();
}

/** Exactly one line on stderr, nothing that looks like a stack frame, a non-zero exit. */
function expectOneLineAnswer(outcome: CliOutcome, pattern: RegExp): void {
  const lines = outcome.stderr.split('\n').filter((l) => l.trim());
  expect(lines, outcome.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(outcome.stderr).not.toMatch(/^\s+at /m);
  expect(outcome.code).not.toBe(0);
}

let migrated: TestDatabase;
let unmigrated: string;

beforeAll(async () => {
  migrated = await createTestDatabase('firststeps');
  unmigrated = `prospector_unmigrated_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${unmigrated}"`);
  await admin.end();
});

afterAll(async () => {
  await migrated?.drop();
  await dropTestDatabase(adminDatabaseUrl(), unmigrated);
});

describe('first steps before the setup is complete', () => {
  it('token create on a database that does not exist says to run prospector migrate', async () => {
    const name = `prospector_missing_${randomBytes(4).toString('hex')}`;
    const outcome = await cli({ DATABASE_URL: databaseUrl(name), REDIS_URL }, 'token', 'create', '--role', 'ops');
    expectOneLineAnswer(outcome, new RegExp(`database "${name}" does not exist .*: run prospector migrate$`));
  }, 60_000);

  it('stats and token create on a database without migrations say to run prospector migrate', async () => {
    for (const args of [['stats', '--campaign', 'x'], ['token', 'create', '--role', 'viewer']]) {
      const outcome = await cli({ DATABASE_URL: databaseUrl(unmigrated), REDIS_URL }, ...args);
      expectOneLineAnswer(outcome, /not migrated: run prospector migrate$/);
    }
  }, 60_000);

  it('export and migrate with Postgres where nothing listens name the address and DATABASE_URL', async () => {
    const port = await freePort();
    for (const args of [['export', '--campaign', 'x'], ['migrate']]) {
      const outcome = await cli({ DATABASE_URL: databaseUrl('prospector', port), REDIS_URL }, ...args);
      expectOneLineAnswer(outcome, new RegExp(`^Postgres at 127\\.0\\.0\\.1:${port} is not reachable .*DATABASE_URL$`));
    }
  }, 60_000);

  it('status --wait and scan with Redis where nothing listens name the address and REDIS_URL', async () => {
    const port = await freePort();
    const env = { DATABASE_URL: migrated.url, REDIS_URL: `redis://127.0.0.1:${port}` };
    for (const args of [['status', '--campaign', 'x', '--wait'], ['scan', '--campaign', 'x']]) {
      const outcome = await cli(env, ...args);
      expectOneLineAnswer(outcome, new RegExp(`^Redis at redis://127\\.0\\.0\\.1:${port} is not reachable .*REDIS_URL$`));
    }
  }, 60_000);
});
