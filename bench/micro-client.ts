// Child process of micro.bench.ts: drives one client against the simulated Internet running
// in the parent, so the client's and the servers' event loops are measured apart.
//   kind "resolver": createResolver (cache off) with `inflight` lookups outstanding
//   kind "udp":      raw DNS datagrams, `inflight` outstanding: the server's own ceiling
//   kind "http":     createSafeHttpClient fetches, `inflight` outstanding
import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';
import { createResolver, createSafeHttpClient, type DnsRecordType } from '@prospector/agents';

export interface MicroTask {
  kind: 'resolver' | 'udp' | 'http';
  dnsServer: string;
  names: string[];
  urls: string[];
  inflight: number;
  seconds: number;
  allowCidrs: string[];
  caPem: string;
  ports: { http: number; https: number };
}

export interface MicroOutcome {
  done: number;
  seconds: number;
  perSecond: number;
  outcomes: Record<string, number>;
  cpuMs: number;
}

const TYPES: DnsRecordType[] = ['A', 'MX', 'TXT', 'NS'];

/** Keeps `inflight` calls of `one(i)` outstanding until the time is up. */
async function drive(task: MicroTask, one: (i: number) => Promise<string>): Promise<MicroOutcome> {
  const outcomes: Record<string, number> = {};
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const deadline = start + task.seconds * 1000;
  let next = 0;
  let done = 0;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const outcome = await one(next++);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      done++;
    }
  };
  await Promise.all(Array.from({ length: task.inflight }, loop));
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { done, seconds, perSecond: Math.round(done / seconds), outcomes, cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
}

async function runResolver(task: MicroTask): Promise<MicroOutcome> {
  const resolver = createResolver({
    servers: [task.dnsServer], timeoutMs: 2000, tries: 2, maxInFlight: task.inflight, retries: 0, retryBaseMs: 200,
    cacheMaxEntries: 0, defaultTtlSeconds: 300,
  });
  try {
    return await drive(task, async (i) => {
      const lookup = await resolver.query(task.names[i % task.names.length]!, TYPES[Math.floor(i / task.names.length) % TYPES.length]!);
      return lookup.outcome;
    });
  } finally {
    resolver.close();
  }
}

async function runUdp(task: MicroTask): Promise<MicroOutcome> {
  const [host, port] = task.dnsServer.split(':');
  const socket = dgram.createSocket({ type: 'udp4', recvBufferSize: 8 << 20 });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  const waiting = new Map<number, () => void>();
  socket.on('message', (msg) => {
    const id = msg.readUInt16BE(0);
    waiting.get(id)?.();
    waiting.delete(id);
  });
  let id = 0;
  try {
    return await drive(task, (i) => {
      const qid = id++ % 65536;
      const packet = dnsPacket.encode({ id: qid, type: 'query', flags: dnsPacket.RECURSION_DESIRED, questions: [{ name: task.names[i % task.names.length]!, type: TYPES[i % TYPES.length]! }] });
      return new Promise<string>((resolve) => {
        // A lost datagram must not shrink the window: give up on it after a second.
        const timer = setTimeout(() => { waiting.delete(qid); resolve('lost'); }, 1000);
        waiting.set(qid, () => { clearTimeout(timer); resolve('answer'); });
        socket.send(packet, Number(port), host);
      });
    });
  } finally {
    socket.close();
  }
}

async function runHttp(task: MicroTask): Promise<MicroOutcome> {
  // Addresses come from a cached resolver: this measures HTTP, not DNS.
  const resolver = createResolver({ servers: [task.dnsServer], timeoutMs: 2000, tries: 2, maxInFlight: 200, retries: 1, retryBaseMs: 100, cacheMaxEntries: 100_000, defaultTtlSeconds: 300 });
  const http = createSafeHttpClient({
    allowCidrs: task.allowCidrs, userAgent: 'ProspectorBench/0.1', ca: [task.caPem], ports: task.ports,
    resolveHost: async (host) => (await resolver.query(host, 'A')).records.filter((r) => r.type === 'A').map((r) => r.value),
  });
  try {
    return await drive(task, async (i) => {
      const result = await http.fetch(task.urls[i % task.urls.length]!);
      return result.errorKind ?? String(result.status);
    });
  } finally {
    await http.close();
    resolver.close();
  }
}

const task = await new Promise<MicroTask>((resolve) => process.once('message', (m) => resolve(m as MicroTask)));
const run = { resolver: runResolver, udp: runUdp, http: runHttp }[task.kind];
process.send?.(await run(task), () => process.exit(0));
