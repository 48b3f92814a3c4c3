// Starts the whole simulated Internet for one market: DNS, web sites, search engine.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSimCa } from './ca.ts';
import { CymruZone } from './cymru.zone.ts';
import { startDnsServer } from './dns.server.ts';
import { FaultController, type Fault } from './faults.controller.ts';
import type { Market, SimRecord, SiteSpec } from './market.types.ts';
import { SearchIndex } from './search.index.ts';
import { startSearchServer } from './search.server.ts';
import { WebServer } from './web.server.ts';
import { ZoneStore } from './zone.store.ts';

export interface StartSimnetOptions {
  market: Market;
  /** Must equal market.octet when given. */
  octet?: number;
  dnsPort?: number;
  searchPort?: number;
  httpPort?: number;
  httpsPort?: number;
  latency?: { dnsMs?: number; httpMs?: number };
  /** Where ca.pem is written; a fresh temp dir by default. */
  caDir?: string;
}

export interface SimnetStats {
  dnsQueries: number;
  httpRequests: number;
  /** HTTP requests per Host header. */
  httpRequestsByHost: Record<string, number>;
  searchRequests: number;
}

export interface Simnet {
  /** "127.0.0.1:PORT", for DNS_SERVERS. */
  dnsServers: string;
  dnsPort: number;
  searxngUrl: string;
  caCertPem: string;
  caCertPath: string;
  /** "127.<octet>.0.0/16", for TARGET_ALLOW_CIDRS. */
  allowCidrs: string;
  /** Where nothing listens: connection refused. */
  deadAddress: string;
  /** Always listening: add hostile sites here. */
  hostileAddress: string;
  httpPort: number;
  httpsPort: number;
  faults: FaultController;
  zone: ZoneStore;
  stats(): SimnetStats;
  addZoneRecords(records: SimRecord[]): void;
  /** Serves `spec` for its hosts (no DNS change). */
  addSite(spec: SiteSpec): void;
  /** `name` (and www.name) resolves to the hostile address and carries `faults`. */
  addHostileSite(name: string, faults: Fault | Fault[]): void;
  /** `name A address`, any address (10.0.0.1, 127.0.0.1…): the target is never contacted by simnet. */
  addName(name: string, address: string): void;
  close(): Promise<void>;
}

function siteMap(sites: SiteSpec[]): Map<string, SiteSpec> {
  const map = new Map<string, SiteSpec>();
  for (const spec of sites) for (const host of spec.hosts) map.set(host.toLowerCase(), spec);
  return map;
}

export async function startSimnet(options: StartSimnetOptions): Promise<Simnet> {
  const { market } = options;
  const octet = options.octet ?? market.octet;
  if (octet !== market.octet) throw new Error(`octet ${octet} differs from the market's ${market.octet}: generate the market with this octet`);
  const faults = new FaultController();
  faults.setLatency(options.latency ?? {});
  const zone = new ZoneStore(new CymruZone(octet, market.asBlocks));
  zone.add(market.records);
  const deadAddress = `127.${octet}.0.2`;
  const hostileAddress = `127.${octet}.0.10`;
  const ca = createSimCa();
  const caDir = options.caDir ?? path.join(os.tmpdir(), `simnet-${octet}-${process.pid}`);
  mkdirSync(caDir, { recursive: true });
  const caCertPath = path.join(caDir, 'ca.pem');
  writeFileSync(caCertPath, ca.certPem);
  const sites = siteMap(market.sites);
  const httpPort = options.httpPort ?? 80;
  const httpsPort = options.httpsPort ?? 443;
  const web = new WebServer({ market, ca, faults, sites, httpPort, httpsPort });
  const dns = await startDnsServer({ zone, faults, deadAddress, ...(options.dnsPort === undefined ? {} : { port: options.dnsPort }) });
  const search = await startSearchServer({ index: new SearchIndex(market), faults, ...(options.searchPort === undefined ? {} : { port: options.searchPort }) });
  try {
    for (const address of [hostileAddress, ...market.webAddresses]) await web.listen(address);
  } catch (error) {
    await Promise.all([dns.close(), search.close(), web.close()]);
    throw error;
  }
  const addName = (name: string, address: string): void => zone.add([{ name, type: 'A', value: address }]);
  return {
    dnsServers: `127.0.0.1:${dns.port}`, dnsPort: dns.port, searxngUrl: search.url, caCertPem: ca.certPem, caCertPath,
    allowCidrs: `127.${octet}.0.0/16`, deadAddress, hostileAddress, httpPort, httpsPort, faults, zone,
    stats: () => ({ dnsQueries: dns.queries(), httpRequests: web.requests, httpRequestsByHost: Object.fromEntries(web.requestsByHost), searchRequests: search.requests() }),
    addZoneRecords: (records) => zone.add(records),
    addSite: (spec) => { for (const host of spec.hosts) sites.set(host.toLowerCase(), spec); },
    addHostileSite: (name, hostileFaults) => {
      for (const host of [name, `www.${name}`]) {
        addName(host, hostileAddress);
        sites.set(host, { hosts: [host], content: { kind: 'parked', markup: '<p>Parked</p>', server: 'nginx' }, look: { headers: { server: 'nginx' }, head: [], body: [], bodyEnd: [], wwwCanonical: false, httpsUpgrade: false } });
        faults.set(host, hostileFaults);
      }
    },
    addName,
    close: async () => {
      await Promise.all([dns.close(), search.close(), web.close()]);
    },
  };
}
