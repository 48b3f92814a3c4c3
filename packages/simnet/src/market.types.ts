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
  | 'name-only';

export interface GroundTruth {
  presence: 'website' | 'social-only' | 'none';
  domain: string | null;
  emailProvider: string | null;
  emailGateway: string | null;
  webHost: string | null;
  dnsProvider: string | null;
  isp: string;
  ispObservable: boolean;
  ecommercePlatform: string | null;
  cms: string | null;
  voipProvider: string | null;
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
}

export type SiteKind =
  | { kind: 'business'; business: number }
  | { kind: 'namesake'; namesake: number }
  | { kind: 'parked'; parking: string }
  | { kind: 'redirect'; location: string; status: number };

export interface SiteSpec {
  /** Host names served (apex and www). */
  hosts: string[];
  content: SiteKind;
  /** Web host slug whose fingerprints the responses carry. */
  webHost: string;
  cms: string | null;
  ecommerce: string | null;
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
