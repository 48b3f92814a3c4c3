// The verify agent: fetch a candidate domain's home page and decide whether it is the prospect's
// own online presence. Outcomes (parked, a namesake's site, nothing answering) are verdicts in the
// result; only the caller's abort, errors of the HTTP port's own hooks, and a page past the
// extractor's limits (a PermanentError of kind `page-too-complex`) are thrown.
import type { CountryCode } from 'libphonenumber-js';
import { getDomain } from 'tldts';
import type { FetchResult, HttpPort } from '../ports.ts';
import type { PageFacts, ProspectInput, TlsFailure, VerifyResult, VerifyVerdict } from '../types.ts';
import { assessAuthenticity } from './authenticity.ts';
import type { AuthenticityWeights } from '../learning/scoring-weights.ts';
import { extractPageFacts } from './page-extract.ts';
import { detectParking } from './parked.ts';

export interface TechnologyInput {
  headers: Record<string, string>;
  html: string;
  assetHosts: string[];
  metaGenerator: string | null;
}

export interface VerifyAgentOptions {
  /** Catalog-driven fingerprinting, supplied by the composition root. */
  detectTechnologies: (input: TechnologyInput) => string[];
  /** Country assumed for phone numbers written without a country code. */
  defaultCountry: CountryCode;
  /** The authenticity check's weights (a campaign's pinned or latest fitted version; version 0 by default). */
  weights?: AuthenticityWeights;
}

/**
 * Failures that say nothing usable answered at that URL, so the next one is worth trying. Redirect
 * and protocol errors are the site's own answer and would repeat on the next URL.
 */
const NO_ANSWER_KINDS = new Set(['dns', 'connect', 'refused', 'timeout', 'tls', 'blocked-address']);
/** Sites that are somebody else's platform: landing there means the business has no site of its own. */
const THIRD_PARTY_LANDINGS = new Set([
  'facebook.com', 'instagram.com', 'linkedin.com', 'twitter.com', 'x.com', 'yelp.com', 'google.com', 'youtube.com',
  'tiktok.com', 'nextdoor.com', 'yellowpages.com', 'bbb.org', 'angi.com', 'houzz.com', 'linktr.ee',
]);

export async function runVerifyAgent(
  prospect: ProspectInput,
  domain: string,
  ports: { http: HttpPort },
  options: VerifyAgentOptions,
  signal?: AbortSignal,
): Promise<VerifyResult> {
  const apex = domain.trim().toLowerCase().replace(/\.$/, '');
  const { fetched, tlsError } = await fetchHomePage(ports.http, apex, signal);
  const page = fetched.body !== null && fetched.finalUrl ? extractPageFacts(fetched.body, fetched.finalUrl, options.defaultCountry) : null;
  const landingDomain = landingDomainOf(fetched, apex);
  const parking = detectParking({ page, hosts: hostsOf(fetched) });
  const technologies = page || Object.keys(fetched.headers).length > 0 ? detect(options, fetched, page) : [];
  const assessment = page && !parking.parked ? assessAuthenticity(prospect, page, landingDomain ?? apex, options.weights) : null;
  const authenticity = assessment?.authenticity ?? null;
  const verdict = decideVerdict(fetched, page, parking.parked, assessment?.authentic ?? false);
  if (authenticity && landingDomain && THIRD_PARTY_LANDINGS.has(landingDomain)) {
    authenticity.reasons.push(`rejected: lands on ${landingDomain}, a third-party platform`);
  }
  // What identifies a business often sits in the footer, past the cap: say so next to a rejection.
  if (authenticity && fetched.truncated && verdict !== 'verified') {
    authenticity.reasons.push('page cut at the size cap: judged on its first part only');
  }
  return {
    domain: apex,
    fetch: summarise(fetched),
    ...(tlsError ? { tlsError } : {}),
    page,
    landingDomain,
    parked: { parked: parking.parked, reasons: parking.reasons },
    authenticity,
    technologies,
    verdict: verdict === 'verified' && landingDomain && THIRD_PARTY_LANDINGS.has(landingDomain) ? 'rejected' : verdict,
  };
}

/**
 * HTTPS apex, then HTTPS www (the apex may have no address or certificate), then the same over
 * HTTP. The first TLS failure is kept: a plain-HTTP answer must not hide an invalid certificate.
 */
async function fetchHomePage(http: HttpPort, domain: string, signal?: AbortSignal): Promise<{ fetched: FetchResult; tlsError: TlsFailure | null }> {
  const urls = [`https://${domain}/`, `https://www.${domain}/`, `http://${domain}/`, `http://www.${domain}/`];
  let last: FetchResult | null = null;
  let tlsError: TlsFailure | null = null;
  for (const url of urls) {
    signal?.throwIfAborted();
    last = await http.fetch(url, signal);
    if (last.errorKind === 'tls' && !tlsError) tlsError = tlsFailureOf(last);
    if (last.status !== null || !last.errorKind || !NO_ANSWER_KINDS.has(last.errorKind)) break;
  }
  return { fetched: last as FetchResult, tlsError };
}

function tlsFailureOf(fetched: FetchResult): TlsFailure {
  const url = fetched.chain.at(-1)?.url ?? fetched.requestedUrl;
  return { url, code: fetched.tls?.error ?? 'handshake-failed', message: fetched.error ?? 'TLS failure', certificate: fetched.tls };
}

function decideVerdict(fetched: FetchResult, page: PageFacts | null, parked: boolean, authentic: boolean): VerifyVerdict {
  if (parked) return 'parked';
  // A response that is an error page or carries no readable page tells nothing about ownership.
  if (fetched.status === null || fetched.status >= 400 || !page) return 'unreachable';
  return authentic ? 'verified' : 'rejected';
}

function landingDomainOf(fetched: FetchResult, domain: string): string | null {
  if (!fetched.finalUrl) return null;
  const landed = getDomain(fetched.finalUrl);
  const requested = getDomain(domain) ?? domain;
  return landed && landed !== requested ? landed : null;
}

function hostsOf(fetched: FetchResult): string[] {
  const urls = [...fetched.chain.map((hop) => hop.url), ...fetched.chain.flatMap((hop) => hop.location ?? []), fetched.finalUrl ?? ''];
  const hosts = urls.flatMap((url) => {
    try {
      return [new URL(url, fetched.requestedUrl).hostname.toLowerCase()];
    } catch {
      return [];
    }
  });
  return [...new Set(hosts)];
}

function detect(options: VerifyAgentOptions, fetched: FetchResult, page: PageFacts | null): string[] {
  return options.detectTechnologies({
    headers: fetched.headers,
    html: fetched.body ?? '',
    assetHosts: page?.assetHosts ?? [],
    metaGenerator: page?.metaGenerator ?? null,
  });
}

function summarise(fetched: FetchResult): VerifyResult['fetch'] {
  return {
    requestedUrl: fetched.requestedUrl,
    finalUrl: fetched.finalUrl,
    status: fetched.status,
    chain: fetched.chain,
    headers: fetched.headers,
    tls: fetched.tls,
    remoteAddress: fetched.remoteAddress,
    errorKind: fetched.errorKind,
    error: fetched.error,
    truncated: fetched.truncated,
  };
}
