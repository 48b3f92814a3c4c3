// `import --wait` through a Postgres outage. The outage is made by a TCP proxy on loopback
// that this test owns and closes (the shared Postgres server is never stopped): the CLI's
// DATABASE_URL points at the proxy. A poll that fails used to end the command with a raw,
// many-line Prisma error; now it waits and retries with a message, notices the recovery,
// and at the deadline fails with one line and a non-zero exit.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';
import { SHARED_REDIS_URL, spawnProspector, type ChildRun } from './campaign.fixture.ts';

/** Forwards loopback connections to Postgres until closed; closing cuts every open connection. */
class TcpProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<number> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => { client.destroy(); upstream.destroy(); });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
    return this.port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function until(what: string, condition: () => boolean, timeoutMs: number, run: ChildRun): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; CLI output so far:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let db: TestDatabase;
let dir: string;
let proxy: TcpProxy;

beforeAll(async () => {
  db = await createTestDatabase('outagecli');
  dir = mkdtempSync(join(tmpdir(), 'reliability-outage-'));
  const target = new URL(db.url);
  proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
});
afterAll(async () => {
  await proxy?.close();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

function proxiedUrl(port: number): string {
  const url = new URL(db.url);
  url.port = String(port);
  return url.toString();
}

function list(name: string): string {
  const path = join(dir, name);
  writeFileSync(path, 'Company Name,ZIP Code,Phone\r\nAcme Plumbing,43004,614-555-0101\r\nBolt Electric,43004,614-555-0102\r\n');
  return path;
}

const env = (port: number) => ({
  DATABASE_URL: proxiedUrl(port),
  REDIS_URL: SHARED_REDIS_URL,
  QUEUE_PREFIX: `{outage-${randomBytes(4).toString('hex')}}`,
  LOG_LEVEL: 'warn',
});

describe('import --wait during a Postgres outage', () => {
  it('waits and retries with a message, notices the recovery, then gives up with one line and a non-zero exit', async () => {
    const port = await proxy.open();
    // No worker runs: the scan cannot finish, so the wait ends at the stall deadline, and
    // the database is down at that moment.
    const cli = await spawnProspector(['import', list('outage.csv'), '--campaign', 'outage', '--wait', '--stall-timeout', '15'], env(port));
    await until('the scan to start', () => /started scan #1 of outage/.test(cli.output()), 60_000, cli);
    await proxy.close();
    await until('the outage notice', () => /database unreachable \(\w+\); waiting for the scan of outage: retrying every 2 s/.test(cli.output()), 20_000, cli);
    await proxy.open();
    await until('the recovery notice', () => /database reachable again after \d+ s; waiting for the scan of outage goes on/.test(cli.output()), 20_000, cli);
    await proxy.close();
    const code = await cli.exited;
    expect(code).not.toBe(0);
    const output = cli.output();
    expect(output).toMatch(/\nerror: database unreachable for \d+ s \(\w+\) while waiting for the scan of outage; gave up\n/);
    expect(output).not.toMatch(/Invalid `prisma|prisma\.\w+\.\w+\(\)|\n\s+at .+:\d+:\d+/);
  }, 120_000);

  it('fails the import itself with one line when Postgres cannot be reached', async () => {
    const port = await proxy.open();
    await proxy.close();
    const cli = await spawnProspector(['import', list('down.csv'), '--campaign', 'down', '--wait'], env(port));
    const code = await cli.exited;
    // The start-up readiness check finds it first: one line naming the fix, exit 2 (environment not ready).
    expect(code).toBe(2);
    expect(cli.output().trim()).toMatch(/^Postgres at 127\.0\.0\.1:\d+ is not reachable \(ECONNREFUSED\): start it \(bash scripts\/services\.sh\) or set DATABASE_URL$/);
  }, 60_000);
});
