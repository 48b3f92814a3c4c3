// Every distinct address the domain points at, with the roles that led to it, its PTR name
// and its ASN: the evidence for "who hosts this" and "which ISP serves the office".
import ipaddr from 'ipaddr.js';
import type { AsnInfo, AsnLookupPort } from '../ports.ts';
import type { AddressInfo, AddressRole } from '../types.ts';
import { values, type DnsContext } from './dns-context.ts';

export interface BookEntry {
  roles: AddressRole[];
  /** Reached through a name the domain runs itself (not a provider's host name). */
  own: boolean;
}

export class AddressBook {
  private readonly byIp = new Map<string, BookEntry>();

  add(ip: string, hostname: string, role: string, own: boolean): void {
    const key = canonicalIp(ip);
    if (!key) return;
    const entry = this.byIp.get(key) ?? { roles: [], own: false };
    if (!entry.roles.some((r) => r.hostname === hostname && r.role === role)) entry.roles.push({ hostname, role });
    entry.own ||= own;
    this.byIp.set(key, entry);
  }

  addAll(ips: readonly string[], hostname: string, role: string, own: boolean): void {
    for (const ip of ips) this.add(ip, hostname, role, own);
  }

  entries(): [string, BookEntry][] {
    return [...this.byIp.entries()];
  }
}

export function canonicalIp(ip: string): string | null {
  if (!ipaddr.isValid(ip)) return null;
  const parsed = ipaddr.parse(ip);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (parsed as ipaddr.IPv6).toIPv4Address().toString();
  }
  return parsed.toString();
}

/** 192.0.2.1 → 1.2.0.192.in-addr.arpa; IPv6 → 32 reversed nibbles under ip6.arpa. */
export function reverseName(ip: string): string | null {
  if (!ipaddr.isValid(ip)) return null;
  const parsed = ipaddr.parse(ip);
  if (parsed.kind() === 'ipv4') return `${parsed.toByteArray().reverse().join('.')}.in-addr.arpa`;
  const hex = parsed.toByteArray().map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.split('').reverse().join('.')}.ip6.arpa`;
}

/**
 * The widest SPF ip4 block still read as an office's own line: a small business's static
 * block is a /29 (or /30, /31); wider blocks are providers' ranges. IPv6 keeps /128 only
 * (a /64 is one customer but says nothing of which address to ask).
 */
export const OFFICE_SPF_PREFIX = 29;

/**
 * The addresses an SPF policy names as the office's own: ip4 single addresses and blocks
 * of /29 or narrower (the address as written stands for its block: its ASN is the block's
 * and its reverse name is the ISP's naming of that line), ip6 single addresses.
 */
export function spfOfficeAddresses(ip4: readonly string[], ip6: readonly string[]): string[] {
  const own = (range: string, narrowest: number, full: number): string | null => {
    const [addr, len] = range.split('/');
    if (!addr || !ipaddr.isValid(addr)) return null;
    const bits = len === undefined ? full : Number(len);
    return Number.isInteger(bits) && bits >= narrowest && bits <= full ? addr : null;
  };
  return [...ip4.map((r) => own(r, OFFICE_SPF_PREFIX, 32)), ...ip6.map((r) => own(r, 128, 128))].filter((a): a is string => a !== null);
}

async function asnOf(asn: AsnLookupPort, ip: string, signal: AbortSignal | undefined): Promise<AsnInfo | null> {
  try {
    return await asn.lookup(ip, signal);
  } catch (err) {
    // ASN is supporting evidence: a failed source must not fail the whole DNS stage.
    if (signal?.aborted) throw err;
    return null;
  }
}

async function ptrOf(ctx: DnsContext, ip: string): Promise<string | null> {
  const name = reverseName(ip);
  if (!name) return null;
  const res = await ctx.query(name, 'PTR');
  return values(res)[0] ?? null;
}

/** 'all': PTR for every address; 'own': only for addresses behind the domain's own names; 'none'. */
export type PtrPolicy = 'all' | 'own' | 'none';

export async function describeAddresses(
  ctx: DnsContext,
  asn: AsnLookupPort,
  book: AddressBook,
  ptr: PtrPolicy,
): Promise<AddressInfo[]> {
  return Promise.all(
    book.entries().map(async ([ip, entry]) => {
      const wantPtr = ptr === 'all' || (ptr === 'own' && entry.own);
      const [name, info] = await Promise.all([
        wantPtr ? ptrOf(ctx, ip) : Promise.resolve(null),
        asnOf(asn, ip, ctx.signal),
      ]);
      return { ip, roles: entry.roles, ptr: name, asn: info };
    }),
  );
}
