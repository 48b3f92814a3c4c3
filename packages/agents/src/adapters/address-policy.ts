// Which IP addresses the crawler may connect to. Hostnames come from strangers, so anything that is
// not plain global unicast is refused unless an operator allow-lists it (the simulated Internet on
// 127.20.0.0/16, for example). Addresses are classified parsed, never as strings (see
// perf-reliability.md §7: string checks were the root of several published SSRF bypasses).
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

export interface AddressPolicy {
  isAllowed(ip: string): boolean;
  /** Why the address is refused, or null when it is allowed. */
  reason(ip: string): string | null;
}

/** Cloud metadata endpoints, named for clearer reasons (both are also inside refused ranges). */
const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

export function createAddressPolicy(allowCidrs: readonly string[]): AddressPolicy {
  const allowed = allowCidrs.map(parseAllowCidr);
  const reason = (ip: string): string | null => {
    const address = parseAddress(ip);
    if (!address) return 'invalid-address';
    if (allowed.some((cidr) => inCidr(address, cidr))) return null;
    return refusalOf(address);
  };
  return { reason, isAllowed: (ip) => reason(ip) === null };
}

function parseAllowCidr(cidr: string): [Address, number] {
  const trimmed = cidr.trim();
  try {
    const [address, bits] = ipaddr.parseCIDR(trimmed);
    const unmapped = unmap(address);
    // ::ffff:127.0.0.0/104 means 127.0.0.0/8: addresses are compared after unmapping.
    return [unmapped, unmapped.kind() === address.kind() ? bits : Math.max(0, bits - 96)];
  } catch {
    throw new Error(`invalid CIDR in allow-list: ${JSON.stringify(cidr)}`);
  }
}

/** Strict parse: only the canonical dotted-quad and IPv6 forms (URL parsing already canonicalised). */
function parseAddress(ip: string): Address | null {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const withoutZone = bare.split('%')[0] ?? bare;
  if (ipaddr.IPv4.isValidFourPartDecimal(withoutZone)) return ipaddr.IPv4.parse(withoutZone);
  if (ipaddr.IPv6.isValid(withoutZone)) return unmap(ipaddr.IPv6.parse(withoutZone));
  return null;
}

function unmap(address: Address): Address {
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress()) return address.toIPv4Address();
  return address;
}

function inCidr(address: Address, [net, bits]: [Address, number]): boolean {
  if (address.kind() !== net.kind()) return false;
  return address instanceof ipaddr.IPv4
    ? address.match(net as ipaddr.IPv4, bits)
    : (address as ipaddr.IPv6).match(net as ipaddr.IPv6, bits);
}

function refusalOf(address: Address): string | null {
  if (METADATA_ADDRESSES.has(address.toString())) return 'metadata';
  if (address instanceof ipaddr.IPv4) {
    const range = address.range();
    return range === 'unicast' ? null : range;
  }
  const range = address.range();
  if (range === 'unicast') return null;
  // NAT64 (RFC 6052) and 6to4 carry an IPv4 address: judge the address they lead to, so a
  // DNS64 network still works while 64:ff9b::7f00:1 (loopback) stays refused.
  const embedded = embeddedIPv4(address, range);
  if (embedded) {
    const inner = refusalOf(embedded);
    return inner === null ? null : `${range}:${inner}`;
  }
  return range;
}

function embeddedIPv4(address: ipaddr.IPv6, range: string): ipaddr.IPv4 | null {
  const bytes = address.toByteArray();
  if (range === 'rfc6052' && address.match(ipaddr.IPv6.parse('64:ff9b::'), 96)) {
    return new ipaddr.IPv4(bytes.slice(12, 16));
  }
  if (range === '6to4') return new ipaddr.IPv4(bytes.slice(2, 6));
  return null;
}
