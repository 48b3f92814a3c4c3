// One catalog hit: which provider, through which kind of fingerprint, on what observed
// value, and the evidence string an answer cites.
import type { ProviderEntry } from './catalog.schema.ts';

/** The kind of fingerprint that matched: classifiers branch on this, never on the evidence text. */
export type MatchVia =
  | 'mx' | 'cname' | 'ns' | 'spf' | 'srv' | 'asset-host' | 'mail-domain'
  | 'asn' | 'ptr' | 'token' | 'address' | 'header' | 'cookie' | 'marker' | 'generator';

export interface CatalogMatch {
  provider: ProviderEntry;
  slug: string;
  /** The catalog fingerprint that matched (suffix, pattern, ASN, prefix or token). */
  fingerprint: string;
  /** Which kind of fingerprint matched. */
  via: MatchVia;
  /** The value that was looked up: the host, `AS7922`, the address, the header line, the generator. */
  observed: string;
  /** Human-readable: "MX x.mail.protection.outlook.com → microsoft-365". */
  evidence: string;
  /** A fingerprint that does not prove the provider alone (google-site-verification=). */
  weak: boolean;
  /** For ASN matches: the ASN numbers access lines of an ISP (not its transit or hosting). */
  access: boolean;
}

export interface MatchOptions {
  weak?: boolean;
  access?: boolean;
}

export function match(p: ProviderEntry, via: MatchVia, fingerprint: string, observed: string, evidence: string, o: MatchOptions = {}): CatalogMatch {
  return { provider: p, slug: p.slug, fingerprint, via, observed, evidence, weak: o.weak ?? false, access: o.access ?? false };
}
