// Fast IP text parsing for table lookups: no allocation for IPv4, four 32-bit words for IPv6.
import ipaddr from 'ipaddr.js';

/** Dotted-quad IPv4 to an unsigned 32-bit number, or -1 when not a plain IPv4 address. */
export function parseIpv4(ip: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i += 1) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots += 1;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits += 1;
      if (part > 255) return -1;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + part;
}

/** IPv6 text (with ::, an embedded IPv4 tail, or a %zone) to four words, or null. */
export function parseIpv6Words(ip: string): [number, number, number, number] | null {
  const text = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const zone = text.indexOf('%');
  const bare = zone >= 0 ? text.slice(0, zone) : text;
  if (!bare.includes(':') || !ipaddr.IPv6.isValid(bare)) return null;
  const parts = ipaddr.IPv6.parse(bare).parts;
  const word = (i: number): number => (parts[i] ?? 0) * 65536 + (parts[i + 1] ?? 0);
  return [word(0), word(2), word(4), word(6)];
}

export function formatIpv4(n: number): string {
  return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

export function formatIpv6(value: bigint): string {
  const parts: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) parts.push(Number((value >> shift) & 0xffffn));
  return new ipaddr.IPv6(parts).toString();
}

export function wordsToBigInt(w: readonly number[]): bigint {
  return (BigInt(w[0] ?? 0) << 96n) | (BigInt(w[1] ?? 0) << 64n) | (BigInt(w[2] ?? 0) << 32n) | BigInt(w[3] ?? 0);
}

/**
 * The widest CIDR block that contains `ip` and lies inside [start, end]. Whether the block of
 * length L fits only turns from false to true as L grows, so bisect on L.
 */
export function cidrWithin(ip: bigint, start: bigint, end: bigint, bits: number): { base: bigint; length: number } {
  const fits = (length: number): boolean => {
    const size = 1n << BigInt(bits - length);
    const base = (ip / size) * size;
    return base >= start && base + size - 1n <= end;
  };
  let lo = 0;
  let hi = bits;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (fits(mid)) hi = mid;
    else lo = mid + 1;
  }
  const size = 1n << BigInt(bits - lo);
  return { base: (ip / size) * size, length: lo };
}

/** cidrWithin for IPv4 with unsigned 32-bit masks, avoiding BigInt on the hot path. */
export function cidrWithinV4(ip: number, start: number, end: number): { base: number; length: number } {
  let lo = 0;
  let hi = 32;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // Host bits of a /mid block; `>>> 32` would be a no-op in JS, so /32 is special.
    const host = mid === 32 ? 0 : 0xffffffff >>> mid;
    if ((ip & ~host) >>> 0 >= start && (ip | host) >>> 0 <= end) hi = mid;
    else lo = mid + 1;
  }
  const host = lo === 32 ? 0 : 0xffffffff >>> lo;
  return { base: (ip & ~host) >>> 0, length: lo };
}
