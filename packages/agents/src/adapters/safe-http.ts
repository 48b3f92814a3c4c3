// HttpPort over undici 7 for fetching strangers' websites: address policy at every connect
// (safe-http-connector.ts), redirects followed and re-checked by this code, a total deadline per
// fetch (bodyTimeout alone never ends a slow drip), a cap on decoded bytes, text bodies only.
// Network outcomes are values in FetchResult; only the caller's abort (and its beforeConnect
// hook's own errors, e.g. a rate limiter's) are thrown.
import { promises as dns } from 'node:dns';
import net from 'node:net';
import type { Readable } from 'node:stream';
import tls from 'node:tls';
import { Client, request } from 'undici';
import type { FetchResult, HttpErrorKind, HttpPort } from '../ports.ts';
import { createAddressPolicy, type AddressPolicy } from './address-policy.ts';
import { decodeContent, decodeText, isTextual, readCapped } from './safe-http-body.ts';
import { BeforeConnectError, createSafeConnector, type ConnectionRecord, type ResolveHost } from './safe-http-connector.ts';
import { classifyError, messageOf } from './safe-http-errors.ts';
import { headerValue, selectHeaders, type RawHeaders } from './safe-http-headers.ts';

export interface SafeHttpOptions {
  /** CIDRs exempt from the address policy, e.g. the simulated Internet's 127.20.0.0/16. Empty in production. */
  allowCidrs: string[];
  /** Identifies the crawler and how to reach its operator. */
  userAgent: string;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  /** Whole fetch, redirects and body included. */
  totalTimeoutMs?: number;
  /** Cap on the decoded body. */
  maxBodyBytes?: number;
  maxRedirects?: number;
  /** Extra trusted CA certificates (PEM), added to Node's root store. */
  ca?: string[];
  /**
   * Ports used when a URL names none (the simulated Internet runs unprivileged), and the only
   * ports a URL or a redirect may name: a page must not steer the crawler to a database's port.
   */
  ports?: { http: number; https: number };
  /** Further ports a URL may name (an operator's allow-list). Empty by default. */
  allowPorts?: number[];
  /** Called with the vetted address before each connection: the per-address politeness hook. */
  beforeConnect?: (ip: string) => Promise<void>;
  /** Name resolution; defaults to the system resolver (all addresses). */
  resolveHost?: ResolveHost;
}

export type SafeHttpClient = HttpPort & { close(): Promise<void> };

/** Figures follow perf-reliability.md §8: ~5 s to connect or see headers, 15 s in all, 2 MiB of text, 5 hops. */
export const DEFAULT_HTTP_LIMITS = {
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 5_000,
  totalTimeoutMs: 15_000,
  maxBodyBytes: 2 * 1024 * 1024,
  maxRedirects: 5,
} as const;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Redirect bodies are thrown away; a small cap keeps a hostile one from costing time. */
const REDIRECT_BODY_LIMIT = 64 * 1024;

interface ClientContext {
  policy: AddressPolicy;
  ports: { http: number; https: number };
  allowedPorts: ReadonlySet<number>;
  limits: Required<Pick<SafeHttpOptions, keyof typeof DEFAULT_HTTP_LIMITS>>;
  options: SafeHttpOptions;
  secureContext: tls.SecureContext | undefined;
  resolveHost: ResolveHost;
  /** The dispatchers of fetches in progress, destroyed by close(). */
  live: Set<FetchClients>;
}

export function createSafeHttpClient(options: SafeHttpOptions): SafeHttpClient {
  const limits = { ...DEFAULT_HTTP_LIMITS, ...definedLimits(options) };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`SafeHttpOptions.${name} must be a non-negative integer`);
  }
  if (!options.userAgent.trim()) throw new Error('SafeHttpOptions.userAgent must identify the crawler');
  const ports = options.ports ?? { http: 80, https: 443 };
  for (const port of [ports.http, ports.https, ...(options.allowPorts ?? [])]) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`SafeHttpOptions: ${port} is not a TCP port`);
  }
  const context: ClientContext = {
    policy: createAddressPolicy(options.allowCidrs),
    ports,
    allowedPorts: new Set([ports.http, ports.https, ...(options.allowPorts ?? [])]),
    limits,
    options,
    // Building a context parses every root certificate (~50–100 ms): only when extra CAs need it.
    secureContext: options.ca?.length ? tls.createSecureContext({ ca: [...tls.rootCertificates, ...options.ca] }) : undefined,
    resolveHost: options.resolveHost ?? resolveWithSystem,
    live: new Set(),
  };
  let closed = false;
  return {
    fetch: async (url, signal) => {
      if (closed) throw new Error('safe HTTP client is closed');
      return fetchWithOwnClients(context, url, signal);
    },
    close: async () => {
      closed = true;
      await Promise.all([...context.live].map((clients) => clients.end(false)));
    },
  };
}

function definedLimits(options: SafeHttpOptions): Partial<ClientContext['limits']> {
  const keys = Object.keys(DEFAULT_HTTP_LIMITS) as (keyof typeof DEFAULT_HTTP_LIMITS)[];
  return Object.fromEntries(keys.filter((key) => options[key] !== undefined).map((key) => [key, options[key]]));
}

async function resolveWithSystem(host: string): Promise<string[]> {
  const answers = await dns.lookup(host, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
}

/**
 * Each fetch has its own undici Client per origin it visits (a redirect to another origin is
 * another Client): the connections it opens are this fetch's alone, so the TLS certificate and
 * remote address recorded belong to this response, and nothing outlives it. A Client rather
 * than an Agent: an Agent builds a pool per origin around the same Client, which was ~20% of
 * a fetch's client CPU for nothing (bench/RESULTS.md).
 */
class FetchClients {
  private readonly clients = new Map<string, Client>();
  readonly connections = new Map<string, ConnectionRecord>();
  private readonly connect: ReturnType<typeof createSafeConnector>;

  constructor(private readonly context: ClientContext) {
    this.connect = createSafeConnector({
      policy: context.policy,
      resolveHost: context.resolveHost,
      connectTimeoutMs: context.limits.connectTimeoutMs,
      secureContext: context.secureContext,
      ports: context.ports,
      beforeConnect: context.options.beforeConnect,
      onConnection: (origin, record) => this.connections.set(origin, record),
    });
  }

  for(url: URL): Client {
    let client = this.clients.get(url.origin);
    if (!client) {
      client = new Client(url.origin, {
        connect: this.connect,
        headersTimeout: this.context.limits.headersTimeoutMs,
        bodyTimeout: this.context.limits.totalTimeoutMs,
        pipelining: 1,
      });
      this.clients.set(url.origin, client);
    }
    return client;
  }

  /**
   * Every body is read or discarded by a settled fetch, so close() ends at once; destroy()
   * would build an error (and format its stack) for each socket, a measurable share of a
   * fetch's CPU, and is kept for fetches that failed midway.
   */
  async end(settled: boolean): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => (settled ? c.close() : c.destroy()).catch(() => undefined)));
  }
}

async function fetchWithOwnClients(context: ClientContext, url: string, signal?: AbortSignal): Promise<FetchResult> {
  signal?.throwIfAborted();
  const clients = new FetchClients(context);
  context.live.add(clients);
  const deadline = AbortSignal.timeout(context.limits.totalTimeoutMs);
  const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
  const result = emptyResult(url);
  let settled = false;
  try {
    await followRedirects(context, { clients, signal: combined, result });
    settled = true;
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (error instanceof BeforeConnectError) throw error.cause;
    const lastHop = result.chain.at(-1);
    if (lastHop) recordConnection(result, clients.connections, new URL(lastHop.url));
    fail(result, deadline.aborted ? 'timeout' : classifyError(error), error);
  } finally {
    context.live.delete(clients);
    void clients.end(settled);
  }
  return result;
}

interface FetchRun {
  clients: FetchClients;
  signal: AbortSignal;
  result: FetchResult;
}

async function followRedirects(context: ClientContext, run: FetchRun): Promise<void> {
  let current = parseTarget(context, run.result, run.result.requestedUrl, 'other');
  const visited = new Set<string>();
  while (current) {
    visited.add(current.href);
    const hop = { url: current.href, status: null as number | null, location: null as string | null };
    run.result.chain.push(hop);
    recordConnection(run.result, run.clients.connections, current);
    const response = await request(current, {
      dispatcher: run.clients.for(current),
      method: 'GET',
      headers: requestHeaders(context.options.userAgent),
      signal: run.signal,
    });
    hop.status = response.statusCode;
    recordConnection(run.result, run.clients.connections, current);
    const location = headerValue(response.headers, 'location');
    if (!REDIRECT_STATUSES.has(response.statusCode) || !location) {
      await readFinal(context, run, current, response);
      return;
    }
    hop.location = location;
    await response.body.dump({ limit: REDIRECT_BODY_LIMIT }).catch(() => undefined);
    current = nextHop(context, run.result, current, location, visited);
  }
}

function nextHop(context: ClientContext, result: FetchResult, from: URL, location: string, visited: Set<string>): URL | null {
  const next = parseTarget(context, result, location, 'bad-redirect', from);
  if (!next) return null;
  if (visited.has(next.href)) return fail(result, 'redirect-loop', `redirect loop back to ${next.href}`);
  if (result.chain.length > context.limits.maxRedirects) {
    return fail(result, 'too-many-redirects', `more than ${context.limits.maxRedirects} redirects`);
  }
  return next;
}

/** Scheme, credentials, ports and refused IP literals end the fetch here; the connector checks every address again. */
function parseTarget(context: ClientContext, result: FetchResult, raw: string, kind: HttpErrorKind, base?: URL): URL | null {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return fail(result, kind, `invalid URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail(result, kind, `unsupported scheme ${url.protocol}`);
  if (url.username || url.password) return fail(result, kind, 'credentials in URL');
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  const refusal = net.isIP(literal) ? context.policy.reason(literal) : null;
  if (refusal) return fail(result, 'blocked-address', `refused to connect to ${literal}: ${refusal}`);
  // The URL parser drops a scheme's default port; the connector then uses the configured one.
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? context.ports.https : context.ports.http;
  if (!context.allowedPorts.has(port)) return fail(result, 'blocked-port', `refused to connect to port ${port}: not a web port`);
  url.hash = '';
  return url;
}

async function readFinal(context: ClientContext, run: FetchRun, url: URL, response: Awaited<ReturnType<typeof request>>): Promise<void> {
  const { result } = run;
  const headers = response.headers as RawHeaders;
  result.finalUrl = url.href;
  result.status = response.statusCode;
  result.headers = selectHeaders(headers);
  const contentType = headerValue(headers, 'content-type');
  if (!isTextual(contentType)) {
    discard(response.body);
    return;
  }
  try {
    const decoded = decodeContent(response.body, headerValue(headers, 'content-encoding'));
    const { bytes, truncated } = await readCapped(decoded, context.limits.maxBodyBytes);
    result.body = decodeText(bytes, contentType);
    result.truncated = truncated;
  } catch (error) {
    discard(response.body);
    throw error;
  }
}

/** Closes a body we will not read; undici reports that as an AbortError nobody needs to hear. */
function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

function recordConnection(result: FetchResult, connections: Map<string, ConnectionRecord>, url: URL): void {
  const record = connections.get(`${url.protocol}//${url.host}`);
  result.remoteAddress = record?.remoteAddress ?? null;
  result.tls = record?.tls ?? null;
}

function requestHeaders(userAgent: string): Record<string, string> {
  return {
    'user-agent': userAgent,
    accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.8,*/*;q=0.1',
    'accept-language': 'en-US,en;q=0.8',
    'accept-encoding': 'gzip, deflate, br',
  };
}

function emptyResult(url: string): FetchResult {
  return {
    requestedUrl: url,
    finalUrl: null,
    status: null,
    chain: [],
    headers: {},
    tls: null,
    body: null,
    truncated: false,
    remoteAddress: null,
    errorKind: null,
    error: null,
  };
}

function fail(result: FetchResult, kind: HttpErrorKind, error: unknown): null {
  result.errorKind = kind;
  result.error = typeof error === 'string' ? error : messageOf(error);
  return null;
}
