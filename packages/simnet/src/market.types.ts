// The data a simulated market is made of: businesses with their ground truth, DNS records
// and web sites. Pure data, so a market can be generated once and served by many servers.

export type SimRecordType = 'A' | 'AAAA' | 'MX' | 'NS' | 'CNAME' | 'TXT' | 'SRV' | 'SOA' | 'PTR';

export interface SoaValue {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

export type SimRecordData =
  | { type: 'A' | 'AAAA' | 'NS' | 'CNAME' | 'PTR'; value: string }
  | { type: 'MX'; preference: number; exchange: string }
  | { type: 'TXT'; value: string }
  | { type: 'SRV'; priority: number; weight: number; port: number; target: string }
  | { type: 'SOA'; soa: SoaValue };

export type SimRecord = SimRecordData & { name: string; ttl?: number };

export type HardCaseTag =
  | 'no-website'
  | 'social-only'
  | 'parked-domain'
  | 'namesake-domain'
  | 'stale-website'
  | 'redirected-domain'
  | 'search-only'
  | 'email-only'
  | 'name-only'
  // The misleading cases (generateMarket's `misleading` option):
  /** A business of a similar name in the same town owns the obvious domain. */
  | 'similar-name'
  /** A franchisee: the chain's site (toll-free phone, head office elsewhere, many locations) names it. */
  | 'franchise'
  /** The business trades under a new name; the list has the old one. */
  | 'renamed'
  /** The obvious domain is a parked look-alike; the real site is elsewhere. */
  | 'parked-lookalike'
  /** Directory and social pages rank above the business's own site. */
  | 'buried-site';

/**
 * The real provider, as a careful analyst would name it: the organisation and its registrable
 * domains (canonical first), never a catalog id.
 */
export interface ProviderTruth {
  name: string;
  domains: string[];
  /** Other names it goes by (its AS organisation name, a former brand). */
  aliases: string[];
  /** Whether public records show it at all (a mailbox host behind a gateway may not). */
  observable: boolean;
  /** The business runs it itself (an on-premises mail server, a site on its own line). */
  selfHosted?: true;
}

/** The answer fields a business's truth carries, each a provider or null (none exists). */
export const TRUTH_FIELDS = ['emailProvider', 'emailGateway', 'webHost', 'dnsProvider', 'isp', 'ecommercePlatform', 'cms', 'voipProvider'] as const;
export type TruthField = (typeof TRUTH_FIELDS)[number];

export interface GroundTruth {
  presence: 'website' | 'social-only' | 'none';
  domain: string | null;
  emailProvider: ProviderTruth | null;
  emailGateway: ProviderTruth | null;
  webHost: ProviderTruth | null;
  dnsProvider: ProviderTruth | null;
  /** Who sells the business its access; `observable` when an office address shows in public records. */
  isp: ProviderTruth;
  ecommercePlatform: ProviderTruth | null;
  cms: ProviderTruth | null;
  voipProvider: ProviderTruth | null;
  /** How the office line shows, when it does (spf-ip4, self-hosted-mail, …): for debugging. */
  officeExposure: string | null;
  tags: HardCaseTag[];
}

export interface Business {
  recordId: string;
  name: string;
  street: string;
  city: string;
  state: string;
  zip: string;
  /** E.164 */
  phone: string;
  employees: number;
  revenue: number;
  sic: string;
  industry: string;
  /** What the purchased list says (raw, before messy formatting). */
  listWebsite: string | null;
  listEmail: string | null;
  /** Social pages that exist for the business (URLs). */
  socialPages: string[];
  /** The business's own site can be found by the search engine. */
  searchable: boolean;
  /** The name its own site and search listing use, when it is not the list's (it was renamed). */
  siteName?: string;
  /** Directory and social hits rank above its own site. */
  buried?: true;
  truth: GroundTruth;
}

/** A business in another town sharing a business's name; owns the obvious domain. */
export interface Namesake {
  name: string;
  city: string;
  state: string;
  zip: string;
  phone: string;
  street: string;
  domain: string;
  /** Index of the market business it shadows. */
  shadows: number;
  /** A paragraph of its page beyond the contact block (a chain's list of locations). */
  note?: string;
}

export type SiteKind =
  | { kind: 'business'; business: number }
  | { kind: 'namesake'; namesake: number }
  /** A parking page: its markup (DOMAIN stands for the host) and Server header. */
  | { kind: 'parked'; markup: string; server: string }
  | { kind: 'redirect'; location: string; status: number };

/** What a page carries of the platform that serves it: expanded from the spec when generated. */
export interface SiteLook {
  headers: Record<string, string>;
  head: string[];
  /** Inside <main>, before the contact section (shop widgets). */
  body: string[];
  bodyEnd: string[];
  /** The apex redirects to www. */
  wwwCanonical: boolean;
  /** Plain HTTP redirects to HTTPS. */
  httpsUpgrade: boolean;
}

export interface SiteSpec {
  /** Host names served (apex and www). */
  hosts: string[];
  content: SiteKind;
  look: SiteLook;
}

export interface AsBlock {
  key: string;
  asn: number;
  /** Cymru owner text: "HANDLE - Organisation, CC". */
  owner: string;
  country: string;
  registry: string;
  allocated: string;
  /** First third octet of the block and its length in /24s (a power of two, aligned). */
  start: number;
  size: number;
}

export interface Market {
  seed: number;
  octet: number;
  region: { state: string; stateName: string };
  businesses: Business[];
  namesakes: Namesake[];
  records: SimRecord[];
  sites: SiteSpec[];
  asBlocks: AsBlock[];
  /** Addresses that serve web sites: each gets an http+https listener pair. */
  webAddresses: string[];
}
