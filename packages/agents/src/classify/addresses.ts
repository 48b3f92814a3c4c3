// Address helpers: which provider owns an address (by ASN and reverse name) and whether it
// is an ISP's access line rather than a hosting, SaaS or transit network.
import type { Catalog, CatalogMatch } from '../catalog/catalog.ts';
import type { AddressInfo, DnsResult } from '../types.ts';
import { classifyNetwork, type NetworkFacts } from './network.ts';

/** The ISP whose access network numbers this address (ASN first, then a PTR pattern), or null. */
export function ispAccessMatch(catalog: Catalog, info: AddressInfo | undefined): CatalogMatch | null {
  if (!info) return null;
  if (info.asn && ownedByNonIsp(catalog, info.asn.asn)) return null;
  const byAsn = info.asn ? catalog.matchAsn(info.asn.asn).find((m) => m.access && isIsp(m)) : undefined;
  if (byAsn) return byAsn;
  const byPtr = info.ptr ? catalog.matchPtr(info.ptr).find(isIsp) : undefined;
  return byPtr ?? null;
}

export interface AccessLine {
  /** A catalog ISP slug, or the access network's normalised AS organisation name. */
  name: string;
  cataloged: boolean;
  /** The catalog hit when catalogued. */
  match: CatalogMatch | null;
  network: NetworkFacts;
}

/**
 * The access line an address is on, catalogued or not: a catalog ISP's access network, or
 * a network whose AS organisation and reverse name say "access" (named by the organisation).
 * Null for hosting, enterprise and education networks and for addresses not looked up.
 */
export function accessLineOf(catalog: Catalog, info: AddressInfo | undefined): AccessLine | null {
  if (!info) return null;
  const network = classifyNetwork(catalog, info);
  const catalogued = ispAccessMatch(catalog, info);
  if (catalogued) return { name: catalogued.slug, cataloged: true, match: catalogued, network };
  if (network.class !== 'access' || network.org === null) return null;
  return { name: network.org, cataloged: false, match: null, network };
}

/** An ASN that belongs to a hosting, SaaS or CDN provider: never evidence of an ISP. */
export function ownedByNonIsp(catalog: Catalog, asn: number): boolean {
  return catalog.matchAsn(asn).some((m) => !isIsp(m));
}

export function isIsp(m: CatalogMatch): boolean {
  return m.provider.kinds.includes('isp');
}

export function describeAddress(info: AddressInfo | undefined): string {
  if (!info) return '(address not looked up)';
  const asn = info.asn ? ` AS${info.asn.asn}${info.asn.owner ? ` ${info.asn.owner}` : ''}` : '';
  const ptr = info.ptr ? ` PTR ${info.ptr}` : '';
  return `${info.ip}${asn}${ptr}`;
}

export function addressInfo(dns: DnsResult, ip: string): AddressInfo {
  return dns.addresses.find((a) => a.ip === ip) ?? { ip, roles: [], ptr: null, asn: null };
}
