// Names for what the catalog does not know: the registrable domain a host belongs to, and
// the catalog entry (if any) that declares that domain its own.
import { getDomain } from 'tldts';
import type { Catalog, ProviderEntry, ProviderKind } from '../catalog/catalog.ts';

/** mx1.mxroute.com. → mxroute.com; null for addresses, bare suffixes and junk. */
export function registrableDomain(host: string): string | null {
  const name = host.trim().toLowerCase().replace(/\.+$/, '');
  if (name === '') return null;
  return getDomain(name, { allowPrivateDomains: false }) ?? null;
}

const domainIndexes = new WeakMap<Catalog, Map<string, ProviderEntry[]>>();

/** The catalog entries that name `domain` as one of their own registrable domains. */
function providersOwning(catalog: Catalog, domain: string): ProviderEntry[] {
  let index = domainIndexes.get(catalog);
  if (!index) {
    index = new Map();
    for (const p of catalog.providers) {
      for (const d of p.domains ?? []) index.set(d, [...(index.get(d) ?? []), p]);
    }
    domainIndexes.set(catalog, index);
  }
  return index.get(domain) ?? [];
}

export interface EvidenceName {
  /** A catalog slug when an entry owns the domain with the wanted kind, else the registrable domain. */
  value: string;
  cataloged: boolean;
}

/**
 * The name a host gives a provider: the catalog entry that owns its registrable domain and
 * does the job asked (`kinds`), else the registrable domain itself, uncatalogued.
 */
export function nameForHost(catalog: Catalog, host: string, kinds: readonly ProviderKind[]): EvidenceName | null {
  const domain = registrableDomain(host);
  if (!domain) return null;
  const owner = providersOwning(catalog, domain).find((p) => p.kinds.some((k) => kinds.includes(k)));
  return owner ? { value: owner.slug, cataloged: true } : { value: domain, cataloged: false };
}

/** The catalog entries that own the host's registrable domain, whatever their kinds. */
export function catalogOwners(catalog: Catalog, host: string): ProviderEntry[] {
  const domain = registrableDomain(host);
  return domain === null ? [] : providersOwning(catalog, domain);
}

/** True when some catalog entry owns the host's registrable domain, whatever its kinds. */
export function ownedByCatalog(catalog: Catalog, host: string): boolean {
  const domain = registrableDomain(host);
  return domain !== null && providersOwning(catalog, domain).length > 0;
}
