// What a page says of its own platform in words rather than fingerprints: the footer credit
// a builder adds ("Made with Carrd", "Powered by Squarespace") and a header that spells a
// provider's name ("x-powered-by: WP Engine"). Both name an organisation outright; the
// catalog turns the name into an entry when it has one.
import type { Catalog, ProviderEntry, ProviderKind } from '../catalog/catalog.ts';
import { insideDomain, type ClassifyContext } from './answer.ts';
import { catalogOwners, registrableDomain } from './names.ts';

export interface CreditClaim {
  /** The linked host as the page has it. */
  host: string;
  /** Its registrable domain. */
  domain: string;
  /** The catalog entries owning that domain, whatever their kinds; empty when none does. */
  owners: ProviderEntry[];
}

/** The page's credit links off the business's own domain, one per registrable domain, with the catalog entries owning it. */
export function creditClaims(ctx: ClassifyContext): CreditClaim[] {
  const own = ctx.domain ?? ctx.site?.domain ?? '';
  const claims: CreditClaim[] = [];
  for (const host of ctx.site?.page?.creditHosts ?? []) {
    const domain = registrableDomain(host);
    if (!domain || (own !== '' && insideDomain(host, own)) || claims.some((c) => c.domain === domain)) continue;
    claims.push({ host, domain, owners: catalogOwners(ctx.catalog, host) });
  }
  return claims;
}

/** The catalog entry a claim names for one of these jobs, or null. */
export function creditedEntry(claim: CreditClaim, kinds: readonly ProviderKind[]): ProviderEntry | null {
  return claim.owners.find((p) => p.kinds.some((k) => kinds.includes(k))) ?? null;
}

/** Headers in which a server names who runs it (not the software it runs: that is `server`). */
const NAMING_HEADERS = ['x-powered-by', 'x-hosted-by', 'x-host-provider'];

const squash = (s: string): string => s.toLowerCase().replace(/\([^)]*\)/g, ' ').replace(/[^a-z0-9]+/g, '');

/**
 * Catalog entries of these kinds whose name a naming header spells out in full
 * ("x-powered-by: WP Engine" → wp-engine). The whole value must be the name (or the name
 * and a version), so "PHP/8.2" or "Express" never match an entry that merely contains it.
 */
export function headerNamedProviders(ctx: ClassifyContext, kinds: readonly ProviderKind[]): { entry: ProviderEntry; header: string }[] {
  const headers = ctx.site?.fetch.headers ?? {};
  const found: { entry: ProviderEntry; header: string }[] = [];
  for (const name of NAMING_HEADERS) {
    const raw = headers[name];
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const value = squash(raw.split('/')[0] ?? raw);
    if (value.length < 4) continue;
    for (const entry of entriesByName(ctx.catalog).get(value) ?? []) {
      if (entry.kinds.some((k) => kinds.includes(k)) && !found.some((f) => f.entry.slug === entry.slug)) found.push({ entry, header: `${name}: ${raw.trim().slice(0, 60)}` });
    }
  }
  return found;
}

const nameIndexes = new WeakMap<Catalog, Map<string, ProviderEntry[]>>();

/** Entries by their squashed name and by the name without its parenthesis ("Akamai Cloud (Linode)" → akamaicloud). */
function entriesByName(catalog: Catalog): Map<string, ProviderEntry[]> {
  let index = nameIndexes.get(catalog);
  if (!index) {
    index = new Map();
    for (const p of catalog.providers) {
      for (const key of new Set([squash(p.name), squash(p.slug)])) if (key.length >= 4) index.set(key, [...(index.get(key) ?? []), p]);
    }
    nameIndexes.set(catalog, index);
  }
  return index;
}
