// HTTP and HTTPS listeners, one pair per web-serving address; virtual hosts by Host
// header and SNI; per-host faults applied before the site renders.
import http from 'node:http';
import https from 'node:https';
import { createGzip } from 'node:zlib';
import type { SimCa } from './ca.ts';
import type { FaultController, HttpFault } from './faults.controller.ts';
import type { Market, SiteSpec } from './market.types.ts';
import { renderSite } from './site.render.ts';

export interface WebServerOptions {
  market: Market;
  ca: SimCa;
  faults: FaultController;
  sites: Map<string, SiteSpec>;
  httpPort: number;
  httpsPort: number;
}

export class WebServer {
  private readonly servers: (http.Server | https.Server)[] = [];
  private readonly bound = new Set<string>();
  private bomb: Promise<Buffer> | null = null;
  requests = 0;
  /** Requests per Host header: how often each site was fetched (tests measure duplicated fetches). */
  readonly requestsByHost = new Map<string, number>();

  constructor(private readonly options: WebServerOptions) {}

  httpsBase(host: string): string {
    return `https://${host}${this.options.httpsPort === 443 ? '' : `:${this.options.httpsPort}`}`;
  }

  async listen(address: string): Promise<void> {
    if (this.bound.has(address)) return;
    this.bound.add(address);
    const { ca, faults } = this.options;
    const plain = http.createServer((req, res) => this.handle(req, res, false));
    const secure = https.createServer({
      SNICallback: (servername, cb) => {
        const bad = faults.httpFaults(servername)?.find((f) => f.type === 'bad-cert');
        cb(null, ca.contextFor(servername, bad?.type === 'bad-cert' ? bad.kind : 'valid'));
      },
    }, (req, res) => this.handle(req, res, true));
    for (const [server, port] of [[plain, this.options.httpPort], [secure, this.options.httpsPort]] as const) {
      server.keepAliveTimeout = 2000;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, address, () => resolve());
      });
      this.servers.push(server);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    })));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, secure: boolean): void {
    this.requests++;
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    this.requestsByHost.set(host, (this.requestsByHost.get(host) ?? 0) + 1);
    const hostFaults = this.options.faults.httpFaults(host) ?? [];
    let delay = this.options.faults.httpLatencyMs;
    for (const f of hostFaults) if (f.type === 'http-latency') delay += f.ms;
    const run = (): void => this.respond(req, res, secure, host, hostFaults);
    if (delay > 0) setTimeout(run, delay);
    else run();
  }

  private respond(req: http.IncomingMessage, res: http.ServerResponse, secure: boolean, host: string, hostFaults: HttpFault[]): void {
    res.on('error', () => undefined);
    for (const fault of hostFaults) if (this.applyFault(fault, req, res, secure, host)) return;
    const spec = this.options.sites.get(host);
    if (!spec) {
      res.writeHead(404, { 'content-type': 'text/html', server: 'nginx' }).end('<h1>Site not found</h1>');
      return;
    }
    const path = req.url ?? '/';
    if (!secure && spec.look.httpsUpgrade && spec.content.kind !== 'redirect') {
      res.writeHead(301, { location: `${this.httpsBase(host)}${path}` }).end();
      return;
    }
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
      return;
    }
    const page = renderSite(this.options.market, spec, host, (h) => this.httpsBase(h));
    res.writeHead(page.status, { ...page.headers, 'content-length': Buffer.byteLength(page.body) }).end(page.body);
  }

  /** True when the fault produced the response. */
  private applyFault(fault: HttpFault, req: http.IncomingMessage, res: http.ServerResponse, secure: boolean, host: string): boolean {
    const scheme = secure ? 'https' : 'http';
    switch (fault.type) {
      case 'hang':
        return true;
      case 'status':
        res.writeHead(fault.status, { 'content-type': 'text/html' }).end(`<h1>Error ${fault.status}</h1>`);
        return true;
      case 'redirect':
        res.writeHead(fault.status ?? 302, { location: fault.location }).end();
        return true;
      case 'redirect-loop': {
        const next = req.url === '/loop' ? '/' : '/loop';
        res.writeHead(302, { location: `${scheme}://${req.headers.host ?? host}${next}` }).end();
        return true;
      }
      case 'drip':
        drip(res, fault.intervalMs ?? 200);
        return true;
      case 'huge':
        streamHuge(res, fault.bytes ?? 1024 ** 3);
        return true;
      case 'page':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(fault.html) }).end(fault.html);
        return true;
      case 'gzip-bomb':
        void this.gzipBomb().then((body) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': body.length }).end(body));
        return true;
      default:
        return false;
    }
  }

  /** ~150 MB of spaces, gzipped once per server to ~150 KB. */
  private gzipBomb(): Promise<Buffer> {
    this.bomb ??= new Promise((resolve, reject) => {
      const gzip = createGzip({ level: 9 });
      const chunks: Buffer[] = [];
      gzip.on('data', (c: Buffer) => chunks.push(c));
      gzip.on('end', () => resolve(Buffer.concat(chunks)));
      gzip.on('error', reject);
      const block = Buffer.alloc(1024 * 1024, 0x20);
      for (let i = 0; i < 150; i++) gzip.write(block);
      gzip.end();
    });
    return this.bomb;
  }
}

function drip(res: http.ServerResponse, intervalMs: number): void {
  res.writeHead(200, { 'content-type': 'text/html' });
  const text = Buffer.from('<html><body>' + 'slow '.repeat(1000) + '</body></html>');
  let i = 0;
  const timer = setInterval(() => {
    if (i >= text.length || res.destroyed) {
      clearInterval(timer);
      res.end();
      return;
    }
    res.write(text.subarray(i, ++i));
  }, intervalMs);
  res.on('close', () => clearInterval(timer));
}

function streamHuge(res: http.ServerResponse, bytes: number): void {
  res.writeHead(200, { 'content-type': 'text/html', 'content-length': bytes });
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let sent = 0;
  const pump = (): void => {
    while (sent < bytes && !res.destroyed) {
      const n = Math.min(chunk.length, bytes - sent);
      sent += n;
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

