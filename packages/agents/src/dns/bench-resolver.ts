// Measures createResolver on the wire: N distinct names (cache off), K in flight.
//   npx tsx packages/agents/src/dns/bench-resolver.ts --server 127.0.0.1:5353 --names 20000 --inflight 200
// Without --server it forks a loopback fixture (this file with --serve) that answers *.bench.test.
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createResolver } from '../adapters/resolver.ts';
import { startTestDnsServer } from './test-dns-server.ts';

const { values: args } = parseArgs({
  options: {
    server: { type: 'string' },
    names: { type: 'string', default: '20000' },
    inflight: { type: 'string', default: '200' },
    zone: { type: 'string', default: 'bench.test' },
    serve: { type: 'boolean', default: false },
  },
});

async function serve(): Promise<void> {
  const server = await startTestDnsServer({ zone: { [`*.${args.zone}`]: { A: ['192.0.2.1'] } } });
  process.send?.({ address: server.address });
  console.error(`serving *.${args.zone} on ${server.address}`);
  process.on('disconnect', () => void server.close().then(() => process.exit(0)));
}

async function forkServer(): Promise<{ address: string; stop: () => void }> {
  const child = fork(new URL(import.meta.url).pathname, ['--serve', '--zone', args.zone ?? 'bench.test'], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { address: string }).address));
    child.once('exit', (code) => reject(new Error(`fixture exited with ${code}`)));
  });
  return { address, stop: () => child.disconnect() };
}

async function bench(address: string): Promise<void> {
  const names = Number(args.names);
  const inflight = Number(args.inflight);
  const resolver = createResolver({
    servers: [address],
    timeoutMs: 1000,
    tries: 2,
    maxInFlight: inflight,
    retries: 1,
    retryBaseMs: 20,
    cacheMaxEntries: 0,
    defaultTtlSeconds: 0,
  });
  const run = Date.now().toString(36);
  // Warm-up so socket setup is not timed.
  await Promise.all(Array.from({ length: Math.min(100, names) }, (_, i) => resolver.query(`w${i}-${run}.${args.zone}`, 'A')));
  const t0 = performance.now();
  const results = await Promise.all(Array.from({ length: names }, (_, i) => resolver.query(`n${i}-${run}.${args.zone}`, 'A')));
  const seconds = (performance.now() - t0) / 1000;
  const ok = results.filter((r) => r.outcome === 'ok').length;
  const stats = resolver.stats();
  console.log(
    `server ${address}: ${names} names, ${inflight} in flight → ${Math.round(names / seconds).toLocaleString()} lookups/s ` +
      `(${seconds.toFixed(2)} s, ${ok} ok, ${names - ok} not ok, ${stats.retries} retries, ${stats.wireQueries} wire queries)`,
  );
  resolver.close();
}

if (args.serve) {
  await serve();
} else if (args.server) {
  await bench(args.server);
} else {
  const fixture = await forkServer();
  try {
    await bench(fixture.address);
  } finally {
    fixture.stop();
  }
}
