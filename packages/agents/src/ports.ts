// The ports an agent may use. Agents receive implementations of these and nothing else:
// no queue, no database, no process.env.

export type DnsRecordType = 'A' | 'AAAA' | 'MX' | 'NS' | 'CNAME' | 'TXT' | 'SRV' | 'SOA' | 'PTR';

/** NXDOMAIN and NODATA are answers; the rest are failures recorded after the last try. */
export type DnsOutcome = 'ok' | 'nxdomain' | 'nodata' | 'servfail' | 'refused' | 'timeout' | 'error';

/** One record, flattened: `value` is the address, target host, or joined TXT strings. */
export interface DnsRecordData {
  name: string;
  type: DnsRecordType;
  value: string;
  ttl?: number;
  /** MX preference or SRV priority. */
  priority?: number;
  weight?: number;
  port?: number;
}

export interface DnsLookup {
  name: string;
  type: DnsRecordType;
  outcome: DnsOutcome;
  records: DnsRecordData[];
}

export interface ResolverPort {
  /** Resolves one name and type. Never throws for DNS outcomes (they are in `outcome`); only an abort throws. */
  query(name: string, type: DnsRecordType, signal?: AbortSignal): Promise<DnsLookup>;
}

export interface AsnInfo {
  asn: number;
  prefix: string | null;
  owner: string | null;
  country: string | null;
  source: 'embedded' | 'cymru';
}

export interface AsnLookupPort {
  lookup(ip: string, signal?: AbortSignal): Promise<AsnInfo | null>;
}

export interface SearchHit {
  url: string;
  title: string;
  content: string;
  engine?: string;
}

export interface SearchPort {
  /** Throws RateLimitedError on 429, TransientError on 5xx and timeouts. */
  search(query: string, signal?: AbortSignal): Promise<SearchHit[]>;
}

export interface TlsInfo {
  subject: string | null;
  subjectAltNames: string[];
  issuer: string | null;
  validFrom: string | null;
  validTo: string | null;
  trusted: boolean;
  error: string | null;
}

export interface FetchHop {
  url: string;
  status: number | null;
  location?: string | null;
}

/** The result of fetching one URL with redirects followed by the client. */
export interface FetchResult {
  requestedUrl: string;
  finalUrl: string | null;
  status: number | null;
  chain: FetchHop[];
  /** Lower-cased header names of the final response. */
  headers: Record<string, string>;
  tls: TlsInfo | null;
  /** Decoded text, cut at the configured cap; null when no body was read. */
  body: string | null;
  truncated: boolean;
  remoteAddress: string | null;
  /** Set when the fetch did not end in a response: the class of failure and its message. */
  errorKind: HttpErrorKind | null;
  error: string | null;
}

export type HttpErrorKind =
  | 'blocked-address'
  /** A URL or redirect named a port other than the web ports (or the operator's allow-list). */
  | 'blocked-port'
  | 'dns'
  | 'connect'
  | 'refused'
  | 'tls'
  | 'timeout'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'bad-redirect'
  | 'too-large'
  | 'protocol'
  | 'other';

export interface HttpPort {
  /** Fetches with redirects followed and re-checked; never throws for network outcomes (see errorKind). */
  fetch(url: string, signal?: AbortSignal): Promise<FetchResult>;
}

export interface ClockPort {
  now(): Date;
}
