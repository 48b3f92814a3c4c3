// Private Redis and Postgres instances for tests that stop, restart or start a dependency
// late. The shared 127.0.0.1:6379 / :5432 must never be touched that way.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';

const PG_BIN = '/usr/lib/postgresql/15/bin';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns true or the deadline passes. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface PrivateRedis {
  port: number;
  url: string;
  start(): Promise<void>;
  /** SIGTERM: the append-only file keeps every acknowledged write. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  destroy(): Promise<void>;
}

export interface PrivateRedisOptions {
  port?: number;
  maxmemoryPolicy?: string;
  /** Start it now (default) or leave it down until start(). */
  started?: boolean;
}

export async function createPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'reliability-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir];
  if (options.maxmemoryPolicy) args.push('--maxmemory', '256mb', '--maxmemory-policy', options.maxmemoryPolicy);
  const api: PrivateRedis = {
    port,
    url,
    async start() {
      child = spawn('redis-server', args, { stdio: 'ignore' });
      await waitFor(`redis on ${port}`, () => ping(url), 10_000);
    },
    async stop() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      await exited;
    },
    async restart() {
      await api.stop();
      await api.start();
    },
    async destroy() {
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (options.started !== false) await api.start();
  return api;
}

async function ping(url: string): Promise<boolean> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } finally {
    r.disconnect();
  }
}

export interface PrivatePostgres {
  port: number;
  /** The `postgres` database; create per-test databases from it. */
  adminUrl: string;
  start(): Promise<void>;
  /** Fast shutdown: open connections are cut, as in a crash or a failover. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  destroy(): Promise<void>;
}

/** initdb + pg_ctl of a Postgres 15 cluster in a temp dir, run as the `postgres` OS user. */
export async function createPrivatePostgres(options: { port?: number; started?: boolean } = {}): Promise<PrivatePostgres> {
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'reliability-pg-'));
  chmodSync(dir, 0o700);
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  asPostgres(`${PG_BIN}/initdb -D ${data} -A trust -U postgres --no-sync >/dev/null`);
  const pgCtl = (action: string) =>
    asPostgres(`${PG_BIN}/pg_ctl -D ${data} -l ${dir}/log -w -t 30 -m fast -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off" ${action} >/dev/null`);
  const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const api: PrivatePostgres = {
    port,
    adminUrl,
    async start() {
      pgCtl('start');
      await waitFor(`postgres on ${port}`, () => pgReady(adminUrl), 15_000);
    },
    async stop() {
      pgCtl('stop');
    },
    async restart() {
      await api.stop();
      await api.start();
    },
    async destroy() {
      try {
        pgCtl('stop');
      } catch {
        // already down
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (options.started !== false) await api.start();
  return api;
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Postgres refuses to run as root: as root, become `postgres`; otherwise run as ourselves. */
function asPostgres(command: string): void {
  const stdio: ['ignore', 'ignore', 'pipe'] = ['ignore', 'ignore', 'pipe'];
  if (isRoot()) execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', command], { stdio });
  else execFileSync('/bin/sh', ['-c', command], { stdio });
}

async function pgReady(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } finally {
    await c.end().catch(() => undefined);
  }
}
