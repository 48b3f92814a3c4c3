// One catalog hit with the evidence string an answer cites.
import type { ProviderEntry } from './catalog.schema.ts';

export interface CatalogMatch {
  provider: ProviderEntry;
  slug: string;
  /** The catalog fingerprint that matched (suffix, pattern, ASN, prefix or token). */
  fingerprint: string;
  /** Human-readable: "MX x.mail.protection.outlook.com → microsoft-365". */
  evidence: string;
  /** A fingerprint that does not prove the provider alone (google-site-verification=). */
  weak: boolean;
  /** For ASN matches: the ASN numbers access lines of an ISP (not its transit or hosting). */
  access: boolean;
}

export function match(p: ProviderEntry, fingerprint: string, evidence: string, weak = false, access = false): CatalogMatch {
  return { provider: p, slug: p.slug, fingerprint, evidence, weak, access };
}
