// The typed inputs and results of the four agents. These are what the queue carries
// between stages (through Postgres, by id) and what classification reads.
import type { AsnInfo, DnsLookup, FetchHop, TlsInfo } from './ports.ts';

/** What the agents know of a prospect from the purchased list, already normalised. */
export interface ProspectInput {
  id: number;
  name: string;
  address: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  /** E.164. */
  phone: string | null;
  website: string | null;
  /** Registrable domain of the website column. */
  websiteDomain: string | null;
  emailDomain: string | null;
  employees: number | null;
  revenue: number | null;
  industryCode: string | null;
}

// ---------- search ----------

export type CandidateSource = 'list-website' | 'list-email' | 'search' | 'name-derived' | 'redirect';

export interface DomainCandidate {
  /** Registrable domain, lower case, no trailing dot. */
  domain: string;
  sources: CandidateSource[];
  /** 0..1: how likely this is the prospect's own domain before verification. */
  score: number;
  /** Where it was seen: search result URLs, the list column, the derived name. */
  evidence: string[];
}

export interface SocialPage {
  url: string;
  network: string;
  title: string;
  /** The listing names this business in its town (name similarity and city or phone). */
  matched: boolean;
}

export interface SearchResult {
  candidates: DomainCandidate[];
  socialPages: SocialPage[];
  /** ISP mail domains seen in the list (comcast.net, att.net, …): a weak hint of the ISP. */
  ispMailDomains: string[];
  queries: string[];
  /** Set when the search engine could not be asked; candidates from the list and name still count. */
  searchError: string | null;
}

// ---------- dns ----------

export interface SpfResult {
  record: string;
  /** Every domain reached through include: and redirect=, in order. */
  includes: string[];
  ip4: string[];
  ip6: string[];
  /** Hosts the domain's own record authorises by name (a:gw.example.com): an office gateway, often under a label nobody probes. */
  aHosts: string[];
  /** DNS-querying mechanisms counted against RFC 7208's limit of 10. */
  lookupCount: number;
  /** 'loop' | 'limit' | 'multiple-records' | 'missing-include' … when evaluation stopped early. */
  error: string | null;
}

export interface MxHost {
  host: string;
  priority: number;
  addresses: string[];
}

export interface SrvService {
  /** The queried name, e.g. _sipfederationtls._tcp.example.com */
  name: string;
  target: string;
  port: number;
  priority: number;
  weight: number;
}

export interface NamedHost {
  /** The label probed: mail, vpn, remote, www … */
  label: string;
  name: string;
  /** CNAME hops from name to the final target, every hop recorded. */
  cnameChain: string[];
  addresses: string[];
}

export interface AddressRole {
  hostname: string;
  /** apex | www | mx | host:<label> | spf (an ip4/ip6 of its SPF) | spf-a (a host its SPF names with a:) | ns */
  role: string;
}

export interface AddressInfo {
  ip: string;
  roles: AddressRole[];
  ptr: string | null;
  asn: AsnInfo | null;
}

export interface DnsResult {
  domain: string;
  /** Every query made, with its outcome: the raw evidence. */
  lookups: DnsLookup[];
  apex: { a: string[]; aaaa: string[] };
  www: NamedHost | null;
  mx: MxHost[];
  ns: string[];
  soa: { mname: string; rname: string; serial: number } | null;
  txt: string[];
  spf: SpfResult | null;
  dmarc: string | null;
  /** TXT values that are SaaS verification tokens (google-site-verification=…, MS=…). */
  verificationTokens: string[];
  srv: SrvService[];
  /** Self-run service host names that exist (mail., vpn., remote., …). */
  hosts: NamedHost[];
  addresses: AddressInfo[];
  /** Names whose lookups failed after the last try (servfail, timeout, refused). */
  failures: { name: string; type: string; outcome: string }[];
}

// ---------- verify ----------

export interface PageFacts {
  title: string | null;
  headings: string[];
  metaGenerator: string | null;
  /** schema.org LocalBusiness / Organization objects found in JSON-LD. */
  structuredData: { type: string; name: string | null; telephone: string | null; postalCode: string | null; streetAddress: string | null; city: string | null }[];
  /** E.164 where parseable. */
  phones: string[];
  postalCodes: string[];
  emails: string[];
  socialLinks: string[];
  /** Hosts of scripts, stylesheets and images: platform fingerprints. */
  assetHosts: string[];
  /**
   * Hosts of off-site links that credit a platform ("Made with Carrd", "Powered by
   * Squarespace"): the builder's own footer credit. Absent in pages read before it was kept.
   */
  creditHosts?: string[];
  /** Lower-cased, whitespace-collapsed visible text, cut to a few KB, for address matching. */
  textSample: string;
}

export interface AuthenticityResult {
  /** 0..1 */
  score: number;
  nameSimilarity: number;
  phoneMatch: boolean;
  postalCodeMatch: boolean;
  streetMatch: boolean;
  cityMatch: boolean;
  structuredDataMatch: boolean;
  domainResemblance: number;
  /** The page shows another town's phone or postal code: the score was scaled down (absent in results stored before weights were data). */
  conflictPenalty?: boolean;
  /** Another local phone and another postal code: a different business, ruled out under any weights (absent in older results). */
  hardConflict?: boolean;
  reasons: string[];
}

export interface TlsFailure {
  /** The HTTPS URL that failed. */
  url: string;
  /**
   * The certificate check's code as Node reports it (DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED,
   * ERR_TLS_CERT_ALTNAME_INVALID…), or `handshake-failed` when no certificate was seen.
   */
  code: string;
  message: string;
  /** The certificate presented, when there was one. */
  certificate: TlsInfo | null;
}

export type VerifyVerdict = 'verified' | 'rejected' | 'parked' | 'unreachable';

export interface VerifyResult {
  domain: string;
  fetch: {
    requestedUrl: string;
    finalUrl: string | null;
    status: number | null;
    chain: FetchHop[];
    headers: Record<string, string>;
    tls: TlsInfo | null;
    remoteAddress: string | null;
    errorKind: string | null;
    error: string | null;
    /** The body went past the size cap: the page was judged on its first part only. */
    truncated: boolean;
  };
  /**
   * The domain's HTTPS failed its TLS check (an invalid certificate, a failed handshake), whatever
   * answered afterwards over plain HTTP. Absent when HTTPS had no TLS failure (and on results
   * recorded before this field existed).
   */
  tlsError?: TlsFailure;
  page: PageFacts | null;
  /** Registrable domain the site landed on when it differs from `domain`. */
  landingDomain: string | null;
  parked: { parked: boolean; reasons: string[] };
  authenticity: AuthenticityResult | null;
  /** Technology slugs detected from headers and markup (catalog-driven). */
  technologies: string[];
  verdict: VerifyVerdict;
}

// ---------- classify ----------

/**
 * website: a verified site of its own. no-website: a domain of its own that carries the
 * business's mail (list e-mail column, MX, SPF) but no working website. social-only: no
 * domain of its own, a matched social page. none: nothing found.
 */
export type Presence = 'website' | 'no-website' | 'social-only' | 'none';
export const PRESENCE_VALUES: readonly Presence[] = ['website', 'no-website', 'social-only', 'none'];

/** The answers that name a provider: a catalog slug, or an uncatalogued name read from the evidence. */
export const PROVIDER_FIELDS = [
  'emailProvider',
  'emailGateway',
  'webHost',
  'dnsProvider',
  'isp',
  'ecommercePlatform',
  'cms',
  'voipProvider',
] as const;
export type ProviderField = (typeof PROVIDER_FIELDS)[number];

export const ANSWER_FIELDS = ['presence', 'domain', ...PROVIDER_FIELDS] as const;
export type AnswerField = (typeof ANSWER_FIELDS)[number];

/** The answers as they leave the system (exports, CRM layouts, accuracy checks): a slug or null. */
export type AnswerColumns = { [K in AnswerField]: string | null };

/**
 * Beside each provider answer in an export: true when it is a catalog slug, false when it
 * is an uncatalogued name read from the evidence (a registrable domain such as mxroute.com,
 * or an AS organisation's normalised name), null when the answer is unknown.
 */
export type CatalogedColumn = `${ProviderField}Cataloged`;
export type CatalogedColumns = { [K in CatalogedColumn]: boolean | null };
export const CATALOGED_COLUMNS: readonly CatalogedColumn[] = PROVIDER_FIELDS.map((f): CatalogedColumn => `${f}Cataloged`);

/** The export's cataloged columns from a finding's answers and its stored `cataloged` map. */
export function catalogedColumns(answers: Partial<Record<ProviderField, string | null>>, cataloged: Partial<Record<ProviderField, boolean>> | null | undefined): CatalogedColumns {
  const out = {} as CatalogedColumns;
  for (const f of PROVIDER_FIELDS) {
    const value = answers[f];
    out[`${f}Cataloged`] = value === null || value === undefined ? null : typeof cataloged?.[f] === 'boolean' ? cataloged[f] : null;
  }
  return out;
}

/** What a piece of evidence is: classifiers branch on this, the text is rendered from it. */
export type EvidenceKind =
  | 'mx' | 'spf' | 'spf-record' | 'spf-ip4' | 'cname' | 'ns' | 'srv' | 'token' | 'autodiscover' | 'mail-domain'
  | 'asn' | 'ptr' | 'address' | 'network'
  | 'header' | 'cookie' | 'marker' | 'generator' | 'asset-host' | 'credit-link' | 'storefront'
  | 'site' | 'redirect' | 'social' | 'list-email' | 'inference';

export interface EvidenceItem {
  kind: EvidenceKind;
  /** What was seen: a host name, an address and its owner, a header line, a generator string. */
  observed: string;
  /** What it names: a catalog slug, a registrable domain or an AS organisation; absent when it names nothing. */
  names?: string;
  /** Where it was seen when the kind alone does not say ("on-premises mail server mail.acme.com"). */
  context?: string;
  /** Qualifiers rendered in parentheses: "access network", "PTR agrees", "uncatalogued". */
  notes?: string[];
}

/** Why an answer is unknown. */
export type UnknownCode =
  | 'no-domain' | 'no-dns' | 'no-records' | 'lookup-failed' | 'no-evidence' | 'weak-evidence' | 'ambiguous'
  | 'gateway-hides-mailbox' | 'owner-unknown' | 'parked' | 'ns-inside-domain' | 'no-website' | 'site-not-fetched'
  | 'platform-unknown' | 'no-self-run-addresses' | 'not-access-network' | 'no-candidate-verified' | 'stage-failed'
  | 'not-checked' | 'not-found';

export interface UnknownReason {
  code: UnknownCode;
  /** The facts the rendered text names (hosts, verdicts, the serving network). */
  detail?: string;
}

export interface SpendEstimate {
  monthlyUsd: number;
  factors: { label: string; usd: number }[];
}

export interface ClassifyResult {
  presence: Presence;
  domain: string | null;
  emailProvider: string | null;
  emailGateway: string | null;
  webHost: string | null;
  dnsProvider: string | null;
  isp: string | null;
  ecommercePlatform: string | null;
  cms: string | null;
  voipProvider: string | null;
  confidence: Partial<Record<AnswerField, number>>;
  /** The evidence of each answer as readable text, rendered from `evidenceItems`. */
  evidence: Partial<Record<AnswerField, string[]>>;
  evidenceItems: Partial<Record<AnswerField, EvidenceItem[]>>;
  /** Why a field is null when it is ('no domain', 'MX lookup failed', …), rendered from `unknownCodes`. */
  unknownReasons: Partial<Record<AnswerField, string>>;
  unknownCodes: Partial<Record<AnswerField, UnknownCode>>;
  /** Per provider answer given: true when it is a catalog slug, false when it is a name read from the evidence. */
  cataloged: Partial<Record<ProviderField, boolean>>;
  score: number;
  tier: 'A' | 'B' | 'C' | 'D';
  reasons: string[];
  spend: SpendEstimate;
}

export interface StageFailure {
  stage: 'search' | 'dns' | 'verify';
  subject: string;
  error: string;
}

export interface ClassifyInput {
  prospect: ProspectInput;
  search: SearchResult | null;
  dns: DnsResult[];
  verify: VerifyResult[];
  failures: StageFailure[];
}
