// Adapter throughput against the simulated Internet: the c-ares resolver with its cache
// off next to the DNS server's own ceiling (raw datagrams), and the SSRF-safe HTTP client
// against simulated sites. Clients run in a child process; the servers run here.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Market, Simnet } from '@prospector/simnet';
import type { MicroOutcome, MicroTask } from './micro-client.ts';

export interface MicroFigure extends MicroOutcome {
  kind: MicroTask['kind'];
  latencyMs: number;
  inflight: number;
  /** CPU ms of the server side (this process) per operation. */
  serverCpuMsPerOp: number;
  clientCpuMsPerOp: number;
}

const CLIENT = fileURLToPath(new URL('./micro-client.ts', import.meta.url));

async function runClient(task: MicroTask): Promise<MicroOutcome> {
  const child = fork(CLIENT, [], { execArgv: ['--import', 'tsx', ...(process.env.BENCH_CLIENT_NODE_ARGS?.split(' ').filter(Boolean) ?? [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as MicroOutcome));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`micro client ${task.kind} exited with ${code}`)));
    child.send(task);
  });
}

export interface MicroServices {
  /** For the queue round trip. */
  redisUrl: string;
  /** A scratch database for the insert benchmark. */
  databaseUrl: string;
}

export async function runMicroBenches(market: Market, simnet: Simnet, services: MicroServices, seconds: number, log: (s: string) => void): Promise<MicroFigure[]> {
  const names = market.businesses.flatMap((b) => (b.truth.domain ? [b.truth.domain, `www.${b.truth.domain}`] : [`${b.recordId}.invalid`])).slice(0, 50_000);
  const urls = market.sites.flatMap((s) => s.hosts.slice(0, 1).map((h) => `https://${h}/`)).slice(0, 20_000);
  const base = {
    dnsServer: simnet.dnsServers, names, urls, seconds, allowCidrs: [simnet.allowCidrs], caPem: simnet.caCertPem,
    ports: { http: simnet.httpPort, https: simnet.httpsPort }, ...services,
  };
  const plan: { kind: MicroTask['kind']; inflight: number; latency: { dnsMs: number; httpMs: number } }[] = [
    { kind: 'resolver', inflight: 200, latency: { dnsMs: 30, httpMs: 80 } },
    { kind: 'udp', inflight: 200, latency: { dnsMs: 30, httpMs: 80 } },
    { kind: 'resolver', inflight: 200, latency: { dnsMs: 0, httpMs: 0 } },
    { kind: 'udp', inflight: 200, latency: { dnsMs: 0, httpMs: 0 } },
    { kind: 'http', inflight: 50, latency: { dnsMs: 30, httpMs: 80 } },
    { kind: 'http', inflight: 50, latency: { dnsMs: 0, httpMs: 0 } },
    { kind: 'queue', inflight: 50, latency: { dnsMs: 30, httpMs: 80 } },
    { kind: 'insert', inflight: 4, latency: { dnsMs: 30, httpMs: 80 } },
  ];
  const out: MicroFigure[] = [];
  for (const step of plan) {
    simnet.faults.setLatency(step.latency);
    const cpu0 = process.cpuUsage();
    const requests0 = simnet.stats().httpRequests;
    let r = await runClient({ ...base, kind: step.kind, inflight: step.inflight });
    const cpu = process.cpuUsage(cpu0);
    // The scan counts HTTP requests, not fetches: a fetch that follows a redirect (apex → www)
    // is two handshakes. Per request, so the floor multiplies like with like.
    if (step.kind === 'http') r = { ...r, unitsPerOp: (simnet.stats().httpRequests - requests0) / Math.max(1, r.started) };
    const latencyMs = step.kind === 'http' ? step.latency.httpMs : step.kind === 'resolver' || step.kind === 'udp' ? step.latency.dnsMs : 0;
    // Per unit of work (a row for inserts).
    const ops = Math.max(1, r.done * r.unitsPerOp);
    out.push({
      ...r, kind: step.kind, latencyMs, inflight: step.inflight,
      serverCpuMsPerOp: Math.round(((cpu.user + cpu.system) / 1000 / ops) * 1000) / 1000,
      clientCpuMsPerOp: Math.round((r.cpuMs / ops) * 1000) / 1000,
    });
    log(`  ${step.kind.padEnd(8)} latency ${String(latencyMs).padStart(2)} ms, ${step.inflight} in flight: ${Math.round(r.perSecond * r.unitsPerOp)}/s ${JSON.stringify(r.outcomes)}, client ${out.at(-1)!.clientCpuMsPerOp} ms CPU per ${step.kind === 'insert' ? 'row' : step.kind === 'http' ? 'request' : 'op'}`);
  }
  simnet.faults.setLatency({ dnsMs: 30, httpMs: 80 });
  return out;
}
