// Child process of micro.bench.ts: drives one client against the simulated Internet running
// in the parent, so the client's and the servers' event loops are measured apart.
//   kind "resolver": createResolver (cache off) with `inflight` lookups outstanding
//   kind "udp":      raw DNS datagrams, `inflight` outstanding: the server's own ceiling
//   kind "http":     createSafeHttpClient fetches, `inflight` outstanding
//   kind "queue":    BullMQ jobs added one by one and processed by a no-op worker in the same
//                    process, `inflight` outstanding: one job's round trip, producer and worker
//   kind "insert":   multi-row INSERTs (unnest of arrays, ROWS_PER_INSERT rows each) over pg
//                    into a table shaped like DnsRecord: the cost of a written row
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { Queue, Worker } from 'bullmq';
import dnsPacket from 'dns-packet';
import pg from 'pg';
import { createResolver, createSafeHttpClient, type DnsRecordType } from '@prospector/agents';

export interface MicroTask {
  kind: 'resolver' | 'udp' | 'http' | 'queue' | 'insert';
  /** For "queue". */
  redisUrl?: string;
  /** For "insert": a scratch database the client may create a table in. */
  databaseUrl?: string;
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
  /** Units of work per operation (rows per INSERT); 1 otherwise. */
  unitsPerOp: number;
  /** Operations started, the warm-up's included (to share out server-side counts). */
  started: number;
}

/** Rows per multi-row INSERT: about what a dns job writes (records and addresses). */
export const ROWS_PER_INSERT = 20;

const TYPES: DnsRecordType[] = ['A', 'MX', 'TXT', 'NS'];

/**
 * Keeps `inflight` calls of `one(i)` outstanding until the time is up. The first second is
 * a warm-up, not counted: a worker's figures are those of long-compiled code, and a few
 * hundred HTTPS fetches would otherwise carry the JIT's and the modules' first-use cost.
 */
async function drive(task: MicroTask, one: (i: number) => Promise<string>): Promise<MicroOutcome> {
  const outcomes: Record<string, number> = {};
  let next = 0;
  let done = 0;
  const phase = async (seconds: number, count: boolean): Promise<void> => {
    const deadline = performance.now() + seconds * 1000;
    const loop = async (): Promise<void> => {
      while (performance.now() < deadline) {
        const outcome = await one(next++);
        if (!count) continue;
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        done++;
      }
    };
    await Promise.all(Array.from({ length: task.inflight }, loop));
  };
  await phase(1, false);
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  await phase(task.seconds, true);
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { done, seconds, perSecond: Math.round(done / seconds), outcomes, cpuMs: Math.round((cpu.user + cpu.system) / 1000), unitsPerOp: 1, started: next };
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

async function runQueue(task: MicroTask): Promise<MicroOutcome> {
  const url = new URL(task.redisUrl ?? 'redis://127.0.0.1:6379');
  const connection = { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
  const prefix = `{micro-${randomBytes(4).toString('hex')}}`;
  const queue = new Queue('micro', { connection, prefix, defaultJobOptions: { removeOnComplete: true, removeOnFail: true } });
  const waiting = new Map<string, () => void>();
  const worker = new Worker('micro', async () => ({ ok: true }), { connection, prefix, concurrency: task.inflight });
  worker.on('completed', (job) => {
    waiting.get(job.id!)?.();
    waiting.delete(job.id!);
  });
  await worker.waitUntilReady();
  try {
    return await drive(task, async (i) => {
      const done = new Promise<void>((resolve) => waiting.set(`j${i}`, resolve));
      await queue.add('micro', { scanId: 1, prospectId: i, domain: `d${i}.example` }, { jobId: `j${i}` });
      await done;
      return 'completed';
    });
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

async function runInsert(task: MicroTask): Promise<MicroOutcome> {
  const pool = new pg.Pool({ connectionString: task.databaseUrl, max: Math.min(task.inflight, 10) });
  await pool.query(`CREATE TABLE IF NOT EXISTS micro_rows (id serial PRIMARY KEY, "scanId" int, "prospectId" int, domain text, name text, type text, value text, ttl int,
    UNIQUE ("scanId", "prospectId", domain, name, type, value))`);
  const sql = `INSERT INTO micro_rows ("scanId", "prospectId", domain, name, type, value, ttl)
    SELECT 1, $1, $2, r.name, r.type, r.value, r.ttl FROM unnest($3::text[], $4::text[], $5::text[], $6::int[]) AS r(name, type, value, ttl)
    ON CONFLICT DO NOTHING`;
  try {
    const outcome = await drive(task, async (i) => {
      const domain = `d${i}.example`;
      const names: string[] = [], types: string[] = [], values: string[] = [], ttls: number[] = [];
      for (let r = 0; r < ROWS_PER_INSERT; r++) {
        names.push(r % 2 ? `www.${domain}` : domain);
        types.push(['A', 'MX', 'TXT', 'NS'][r % 4]!);
        values.push(`v=${r} 192.0.2.${r}`);
        ttls.push(300);
      }
      await pool.query(sql, [i, domain, names, types, values, ttls]);
      return 'inserted';
    });
    return { ...outcome, unitsPerOp: ROWS_PER_INSERT };
  } finally {
    await pool.end();
  }
}

const task = await new Promise<MicroTask>((resolve) => process.once('message', (m) => resolve(m as MicroTask)));
const run = { resolver: runResolver, udp: runUdp, http: runHttp, queue: runQueue, insert: runInsert }[task.kind];
process.send?.(await run(task), () => process.exit(0));
