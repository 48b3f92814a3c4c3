// Faults on demand: per name (DNS) or host (HTTP), plus global latency and search-engine
// failures. Servers consult this on every request, so changes apply at run time.

export type DnsFault =
  | { type: 'servfail' }
  /** No answer at all: the client times out. */
  | { type: 'dns-timeout' }
  | { type: 'dns-latency'; ms: number }
  /** The name resolves to an address where nothing listens. */
  | { type: 'refused' };

export type HttpFault =
  | { type: 'http-latency'; ms: number }
  /** Accepts the request and never sends headers. */
  | { type: 'hang' }
  /** Sends the body one byte every `intervalMs` (default 200 ms). */
  | { type: 'drip'; intervalMs?: number }
  /** Streams `bytes` of body (default 1 GiB). */
  | { type: 'huge'; bytes?: number }
  /** A small gzip body that inflates to more than 100 MB. */
  | { type: 'gzip-bomb' }
  /** Serves this HTML as the home page (200): a hostile page's markup, as a test writes it. */
  | { type: 'page'; html: string }
  | { type: 'redirect-loop' }
  | { type: 'redirect'; location: string; status?: number }
  | { type: 'status'; status: number }
  | { type: 'bad-cert'; kind: 'self-signed' | 'wrong-name' };

export type Fault = DnsFault | HttpFault;

export interface SearchFault {
  status: 429 | 500 | 503;
  /** Fail this many requests, then recover. */
  count?: number;
  /** Fail every request until this much time has passed. */
  forMs?: number;
  retryAfterSeconds?: number;
}

const DNS_FAULTS = new Set<Fault['type']>(['servfail', 'dns-timeout', 'dns-latency', 'refused']);

function isDnsFault(fault: Fault): fault is DnsFault {
  return DNS_FAULTS.has(fault.type);
}

export class FaultController {
  private readonly dns = new Map<string, DnsFault[]>();
  private readonly http = new Map<string, HttpFault[]>();
  private search: { fault: SearchFault; remaining: number; until: number } | null = null;
  /** Bumped on every change so DNS answer caches know to forget. */
  version = 0;
  dnsLatencyMs = 0;
  httpLatencyMs = 0;

  /** Sets the faults of a DNS name / HTTP host (both: a fault applies where it belongs). */
  set(name: string, faults: Fault | Fault[]): void {
    const key = normalize(name);
    const list = Array.isArray(faults) ? faults : [faults];
    this.dns.set(key, list.filter(isDnsFault));
    this.http.set(key, list.filter((f): f is HttpFault => !isDnsFault(f)));
    this.version++;
  }

  clear(name?: string): void {
    if (name === undefined) {
      this.dns.clear();
      this.http.clear();
      this.search = null;
      this.dnsLatencyMs = 0;
      this.httpLatencyMs = 0;
    } else {
      this.dns.delete(normalize(name));
      this.http.delete(normalize(name));
    }
    this.version++;
  }

  setLatency(latency: { dnsMs?: number; httpMs?: number }): void {
    if (latency.dnsMs !== undefined) this.dnsLatencyMs = latency.dnsMs;
    if (latency.httpMs !== undefined) this.httpLatencyMs = latency.httpMs;
    this.version++;
  }

  failSearch(fault: SearchFault): void {
    this.search = { fault, remaining: fault.count ?? Number.POSITIVE_INFINITY, until: fault.forMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + fault.forMs };
  }

  /** Returns the failure to serve for this search request, consuming one of `count`. */
  takeSearchFault(now = Date.now()): SearchFault | null {
    const s = this.search;
    if (!s) return null;
    if (s.remaining <= 0 || now >= s.until) {
      this.search = null;
      return null;
    }
    s.remaining--;
    return s.fault;
  }

  dnsFaults(name: string): DnsFault[] | undefined {
    return this.dns.size === 0 ? undefined : this.dns.get(name);
  }

  httpFaults(host: string): HttpFault[] | undefined {
    return this.http.size === 0 ? undefined : this.http.get(normalize(host));
  }
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
