// Walks an SPF policy the way a receiver would count it (RFC 7208 §4.6.4): include: and
// redirect= are followed, and every DNS-querying term (include, a, mx, ptr, exists, redirect)
// counts against the limit of 10. We do not evaluate for an address; we collect what the
// policy authorises (ip4/ip6 ranges) and which providers it names (the include chain).
import type { DnsLookup, ResolverPort } from '../ports.ts';
import type { SpfResult } from '../types.ts';

export const SPF_LOOKUP_LIMIT = 10;

export interface SpfOptions {
  resolver: ResolverPort;
  signal?: AbortSignal;
  /** TXT values already fetched for the domain, to save one query. */
  rootTxt?: string[];
  /** Called with every DNS lookup the walk makes. */
  onLookup?: (lookup: DnsLookup) => void;
  maxLookups?: number;
}

interface Walk {
  opts: SpfOptions;
  limit: number;
  count: number;
  includes: string[];
  ip4: string[];
  ip6: string[];
  aHosts: string[];
  error: string | null;
  /** Set by errors a receiver stops on; void includes only note their error. */
  stopped: boolean;
}

const QUERYING = new Set(['include', 'a', 'mx', 'ptr', 'exists']);

export function isSpfRecord(txt: string): boolean {
  return /^v=spf1(\s|$)/i.test(txt.trim());
}

function splitTerm(raw: string): { name: string; arg: string; modifier: boolean } {
  const term = raw.replace(/^[+\-~?]/, '');
  const eq = term.indexOf('=');
  const colon = term.search(/[:/]/);
  if (eq > 0 && (colon < 0 || eq < colon)) return { name: term.slice(0, eq).toLowerCase(), arg: term.slice(eq + 1), modifier: true };
  if (colon > 0) return { name: term.slice(0, colon).toLowerCase(), arg: term.slice(colon + (term[colon] === ':' ? 1 : 0)), modifier: false };
  return { name: term.toLowerCase(), arg: '', modifier: false };
}

function normaliseDomain(d: string): string {
  return d.trim().toLowerCase().replace(/\.+$/, '');
}

async function fetchTxt(walk: Walk, domain: string): Promise<{ records: string[]; outcome: DnsLookup['outcome'] }> {
  const res = await walk.opts.resolver.query(domain, 'TXT', walk.opts.signal);
  walk.opts.onLookup?.(res);
  return { records: res.records.map((r) => r.value), outcome: res.outcome };
}

/** Counts one DNS-querying term; false (and error 'limit') once past the limit. */
function spend(walk: Walk): boolean {
  walk.count += 1;
  if (walk.count > walk.limit) stop(walk, 'limit');
  return !walk.stopped;
}

/** An error a receiver would stop on, and so does the walk (limit, loop, multiple records). */
function stop(walk: Walk, error: string): void {
  walk.error ??= error;
  walk.stopped = true;
}

/**
 * A void or failed include: a receiver stops with permerror/temperror, but the walk goes on
 * collecting evidence, because the includes after it still name the sender's providers.
 */
function note(walk: Walk, error: string): void {
  walk.error ??= error;
}

/** Follows an include/redirect target. `path` holds the domains above it, for loop detection. */
async function follow(walk: Walk, target: string, path: string[], kind: 'include' | 'redirect'): Promise<void> {
  const domain = normaliseDomain(target);
  if (domain.includes('%')) return; // A macro needs the sender's address: nothing to resolve here.
  if (path.includes(domain)) {
    stop(walk, 'loop');
    return;
  }
  walk.includes.push(domain);
  const { records, outcome } = await fetchTxt(walk, domain);
  if (outcome === 'nxdomain' || outcome === 'nodata') {
    note(walk, `missing-${kind}`);
    return;
  }
  if (outcome !== 'ok') {
    note(walk, `temperror-${outcome}`);
    return;
  }
  await evaluate(walk, records, [...path, domain]);
}

/** Evaluates one record's terms in order, depth first, stopping at the first fatal error. */
async function evaluate(walk: Walk, txt: string[], path: string[]): Promise<void> {
  const spf = txt.filter(isSpfRecord);
  if (spf.length === 0) {
    note(walk, 'missing-include');
    return;
  }
  if (spf.length > 1) {
    stop(walk, 'multiple-records');
    return;
  }
  const terms = (spf[0] ?? '').trim().split(/\s+/).slice(1).map(splitTerm);
  prefetch(walk, terms, path);
  let redirect: string | null = null;
  let sawAll = false;
  for (const term of terms) {
    if (walk.stopped) return;
    if (term.modifier) {
      if (term.name === 'redirect') redirect = term.arg;
      continue;
    }
    if (term.name === 'ip4') walk.ip4.push(term.arg);
    else if (term.name === 'ip6') walk.ip6.push(term.arg.toLowerCase());
    else if (term.name === 'all') sawAll = true;
    else if (QUERYING.has(term.name) && spend(walk)) {
      if (term.name === 'include') await follow(walk, term.arg, path, 'include');
      // a:<name> in the domain's own record (not a provider's): the name of a sending host.
      else if (term.name === 'a' && path.length === 1) addAHost(walk, term.arg);
    }
    if (sawAll) break;
  }
  // redirect= applies only when no "all" decided the result (RFC 7208 §6.1).
  if (!walk.stopped && redirect !== null && !sawAll && spend(walk)) await follow(walk, redirect, path, 'redirect');
}

function addAHost(walk: Walk, arg: string): void {
  const host = arg.startsWith('/') ? '' : normaliseDomain(arg.split('/')[0] ?? '');
  if (host !== '' && !host.includes('%') && !walk.aHosts.includes(host)) walk.aHosts.push(host);
}

/** Starts the TXT queries of sibling includes at once so a wide policy costs one round trip per level. */
function prefetch(walk: Walk, terms: ReturnType<typeof splitTerm>[], path: string[]): void {
  const budget = walk.limit - walk.count;
  const targets = terms
    .filter((t) => (t.name === 'include' && !t.modifier) || (t.name === 'redirect' && t.modifier))
    .map((t) => normaliseDomain(t.arg))
    .filter((d) => !d.includes('%') && !path.includes(d))
    .slice(0, Math.max(0, budget));
  for (const target of targets) {
    // The resolver shares the in-flight lookup with the walk's own query later; failures surface there.
    walk.opts.resolver.query(target, 'TXT', walk.opts.signal).catch(() => undefined);
  }
}

/**
 * The SPF policy of `domain`, or null when it publishes none. Reports the first error
 * ('limit', 'loop', 'multiple-records', 'missing-include', 'missing-redirect', 'temperror-<outcome>')
 * and returns what was collected up to there.
 */
export async function evaluateSpf(domain: string, opts: SpfOptions): Promise<SpfResult | null> {
  const root = normaliseDomain(domain);
  const walk: Walk = { opts, limit: opts.maxLookups ?? SPF_LOOKUP_LIMIT, count: 0, includes: [], ip4: [], ip6: [], aHosts: [], error: null, stopped: false };
  const txt = opts.rootTxt ?? (await fetchTxt(walk, root)).records;
  const records = txt.filter(isSpfRecord);
  if (records.length === 0) return null;
  await evaluate(walk, txt, [root]);
  return {
    record: records.join(' | '),
    includes: walk.includes,
    ip4: walk.ip4,
    ip6: walk.ip6,
    aHosts: walk.aHosts,
    lookupCount: walk.count,
    error: walk.error,
  };
}
