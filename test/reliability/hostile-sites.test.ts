// Case 8 (issue 5's done criterion): prospects whose website points at hostile sites,
// through the whole pipeline. Each ends in a recorded, bounded failure, no worker stalls,
// and no request leaves the allowed networks: canary listeners on 127.0.0.1 (the
// redirect targets) count zero connections, and no socket of this process is ever
// opened towards a forbidden address.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net, { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@prospector/core';
import { generateMarket, startSimnet, writePurchasedList, type Fault, type Simnet } from '@prospector/simnet';
import { importList, startScan } from '@prospector/scheduler';
import { createAgentSet, type AgentSet } from '@prospector/worker';
import type { VerifyResult } from '@prospector/agents';
import { createHarness, REDIS_URL, type Harness } from '../helpers/pipeline-harness.ts';
import { simnetConfig } from '../helpers/market-run.ts';
import { freePort } from '../helpers/private-services.ts';
import { reportDuplicatedWork } from '../helpers/duplicated-work.ts';
import { completeIntegrity, integrityOf } from './campaign.fixture.ts';

const FORBIDDEN = ['10.0.0.1', '169.254.169.254', '::1', '127.0.0.1'];
let simnet: Simnet;
let h: Harness;
let agents: AgentSet;
let redis: Redis;
let dir: string;
const canaries: Server[] = [];
let canaryHits = 0;
const opened: { host: string; port: number }[] = [];
const originalConnect = net.Socket.prototype.connect;

function listenCanary(host: string, port: number): Promise<void> {
  const server = createServer((socket) => {
    canaryHits++;
    socket.destroy();
  });
  canaries.push(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

/** Every socket this process opens, by requested host and by the address it reached. */
function spyOnSockets(): void {
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const first = args[0];
    const opts = (Array.isArray(first) ? first[0] : first) as { host?: string; port?: number } | number;
    if (typeof opts === 'object' && opts !== null && opts.host) opened.push({ host: opts.host, port: Number(opts.port) });
    if (typeof opts === 'number') opened.push({ host: typeof args[1] === 'string' ? args[1] : 'localhost', port: opts });
    this.once('connect', () => opened.push({ host: this.remoteAddress ?? '?', port: this.remotePort ?? 0 }));
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
}

beforeAll(async () => {
  const httpPort = await freePort();
  const httpsPort = await freePort();
  // The agent's HTTP ports on 127.0.0.1 (and ::1 when the host has IPv6): whatever
  // reaches them escaped the allow-list.
  await listenCanary('127.0.0.1', httpPort);
  await listenCanary('127.0.0.1', httpsPort);
  await listenCanary('::1', httpPort).catch(() => undefined);
  const market = generateMarket({ seed: 88, size: 30, octet: 88 });
  simnet = await startSimnet({ market, httpPort, httpsPort });
  dir = mkdtempSync(join(tmpdir(), 'reliability-hostile-'));
  writePurchasedList(market, join(dir, 'list.csv'));
  h = await createHarness('hostile', { attempts: 2, backoffMs: 100 });
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  // TARGET_ALLOW_CIDRS is the simnet's 127.88.0.0/16 only: 127.0.0.1 and ::1 are not in it.
  agents = await createAgentSet(simnetConfig(simnet, h.db.url, { HTTP_TOTAL_TIMEOUT_MS: '3000', HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_CONNECT_TIMEOUT_MS: '2000' }), createLogger('silent', 'test'), redis);
  spyOnSockets();
});
afterAll(async () => {
  net.Socket.prototype.connect = originalConnect;
  await h?.close();
  await agents?.close();
  await redis?.quit();
  await simnet?.close();
  for (const c of canaries) c.close();
  rmSync(dir, { recursive: true, force: true });
});

function hostileSites(): Record<string, Fault | Fault[] | { address: string }> {
  const p = simnet.httpPort;
  return {
    'hostile-loop.com': { type: 'redirect-loop' },
    'hostile-to-localhost.com': { type: 'redirect', location: `http://127.0.0.1:${p}/` },
    'hostile-to-ten.com': { type: 'redirect', location: 'http://10.0.0.1/' },
    'hostile-to-metadata.com': { type: 'redirect', location: 'http://169.254.169.254/latest/meta-data/' },
    'hostile-to-v6-loopback.com': { type: 'redirect', location: `http://[::1]:${p}/` },
    'hostile-private-dns.com': { address: '10.0.0.1' },
    'hostile-loopback-dns.com': { address: '127.0.0.1' },
    'hostile-huge.com': { type: 'huge' },
    'hostile-bomb.com': { type: 'gzip-bomb' },
    'hostile-hang.com': { type: 'hang' },
    'hostile-drip.com': { type: 'drip', intervalMs: 200 },
    'hostile-bad-cert.com': { type: 'bad-cert', kind: 'self-signed' },
  };
}

describe('hostile sites through the whole pipeline', () => {
  it('records a bounded failure for each, stalls nothing, and never leaves the allowed networks', async () => {
    const sites = hostileSites();
    const rows = ['Company Name,Address,City,State,ZIP Code,Phone Number,Website'];
    Object.entries(sites).forEach(([domain, spec], i) => {
      if ('address' in spec) for (const host of [domain, `www.${domain}`]) simnet.addName(host, spec.address);
      else simnet.addHostileSite(domain, spec);
      rows.push(`Hostile Trap ${i} Inc,${i} Trap St,Springfield,IL,6270${i % 10},217-555-${String(1000 + i)},http://www.${domain}/`);
    });
    writeFileSync(join(dir, 'hostile.csv'), rows.join('\r\n') + '\r\n');
    const pool = new pg.Pool({ connectionString: h.db.url, max: 2 });
    await importList({ pool, campaign: 'hostile', file: join(dir, 'list.csv') });
    await importList({ pool, campaign: 'hostile', file: join(dir, 'hostile.csv') });
    await pool.end();

    const started = Date.now();
    h.startWorkers(agents);
    const scan = await startScan(h.prisma, h.queues, 'hostile');
    await h.waitForScan(scan.scanId, 75_000);
    console.info(`hostile: ${scan.total} prospects done in ${Date.now() - started} ms`);
    expect(await integrityOf(h.prisma, 'hostile', scan.scanId)).toEqual(completeIntegrity(scan.total));

    // The one right outcome for each: the error kind recorded (or the status fetched) and
    // the candidate's verdict; a body cut at the cap says so in the fetch result.
    const expected: Record<string, { recorded: string; verdict: string; truncated?: true }> = {
      'hostile-loop.com': { recorded: 'redirect-loop', verdict: 'unreachable' },
      'hostile-to-localhost.com': { recorded: 'blocked-address', verdict: 'unreachable' },
      'hostile-to-ten.com': { recorded: 'blocked-address', verdict: 'unreachable' },
      'hostile-to-metadata.com': { recorded: 'blocked-address', verdict: 'unreachable' },
      'hostile-to-v6-loopback.com': { recorded: 'blocked-address', verdict: 'unreachable' },
      'hostile-private-dns.com': { recorded: 'blocked-address', verdict: 'unreachable' },
      'hostile-loopback-dns.com': { recorded: 'blocked-address', verdict: 'unreachable' },
      // Read up to the cap, then judged on what was read: not the prospect's page.
      'hostile-huge.com': { recorded: 'http-200', verdict: 'rejected', truncated: true },
      'hostile-bomb.com': { recorded: 'http-200', verdict: 'rejected', truncated: true },
      'hostile-hang.com': { recorded: 'timeout', verdict: 'unreachable' },
      'hostile-drip.com': { recorded: 'timeout', verdict: 'unreachable' },
      // HTTPS fails on the certificate (never accepted), so the agent falls back to plain
      // HTTP, which serves the simulated parking page.
      'hostile-bad-cert.com': { recorded: 'http-200', verdict: 'parked' },
    };
    const outcomes: Record<string, { recorded: string | null; verdict: string; truncated?: true }> = {};
    for (const domain of Object.keys(sites)) {
      const verify = await h.prisma.stageRun.findMany({ where: { scanId: scan.scanId, stage: 'verify', subject: domain } });
      expect(verify, `${domain} was verified`).toHaveLength(1);
      const observation = await h.prisma.httpObservation.findFirst({ where: { scanId: scan.scanId, domain } });
      const candidate = await h.prisma.candidate.findFirstOrThrow({ where: { scanId: scan.scanId, domain } });
      const typed = await h.prisma.agentResult.findFirstOrThrow({ where: { scanId: scan.scanId, agent: 'verify', subject: domain } });
      const fetch = (typed.result as unknown as VerifyResult).fetch;
      outcomes[domain] = {
        recorded: observation?.errorKind ?? verify[0]!.errorKind ?? (observation ? `http-${observation.status}` : null),
        verdict: candidate.status,
        ...(fetch.truncated ? { truncated: true as const } : {}),
      };
    }
    console.info('hostile outcomes', outcomes);
    expect(outcomes).toEqual(expected);
    const badCert = await h.prisma.httpObservation.findFirstOrThrow({ where: { scanId: scan.scanId, domain: 'hostile-bad-cert.com' } });
    // The certificate is never accepted, and its failure is kept in the evidence even when
    // plain HTTP answered afterwards.
    expect(badCert.url).toMatch(/^http:\/\//);
    expect(badCert.finalUrl ?? '').not.toMatch(/^https:/);
    const badCertEvidence = await h.prisma.agentResult.findFirstOrThrow({ where: { scanId: scan.scanId, agent: 'verify', subject: 'hostile-bad-cert.com' } });
    expect((badCertEvidence.result as { tlsError?: unknown }).tlsError).toMatchObject({
      url: 'https://hostile-bad-cert.com/',
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      certificate: { trusted: false },
    });
    // In-process workers, nothing killed: every job ran once, retries aside.
    expect((await reportDuplicatedWork('hostile sites', h.queues, scan.scanId)).duplicated).toBe(0);
    expect(canaryHits).toBe(0);
    const escaped = opened.filter((o) => FORBIDDEN.includes(o.host.replace(/^::ffff:/, '')) && o.port !== 5432 && o.port !== 6379 && o.port !== simnet.dnsPort && !simnet.searxngUrl.endsWith(`:${o.port}`));
    expect(escaped).toEqual([]);
    expect(opened.some((o) => o.host.startsWith('127.88.'))).toBe(true);
  }, 90_000);
});
