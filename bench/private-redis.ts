// A Redis of the benchmark's own on a free port, so INFO memory and CPU are ours alone
// (the shared 127.0.0.1:6379 serves other test runs at the same time). No persistence,
// no eviction: BullMQ must never lose keys.
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from '../test/helpers/private-services.ts';

export interface PrivateRedis {
  url: string;
  pid: number;
  close(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', '--loglevel', 'warning'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `redis://127.0.0.1:${port}`;
  await waitForPing(url, child);
  return {
    url,
    pid: child.pid!,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function waitForPing(url: string, child: ChildProcess): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      try {
        if (redis.status !== 'ready') await redis.connect();
        if ((await redis.ping()) === 'PONG') return;
      } catch {
        redis.disconnect();
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error(`redis-server on ${url} did not answer`);
  } finally {
    redis.disconnect();
  }
}

export async function usedMemoryBytes(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

/** Deletes every key under the prefix (a shared Redis must be left as found). */
export { deletePrefix } from '../test/helpers/redis-keys.ts';
