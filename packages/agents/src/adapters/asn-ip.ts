// Fast IP text parsing for table lookups: no allocation for IPv4, four 32-bit words for IPv6.

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


/** One to four hex digits as a number, or -1. */
function parseHexGroup(part: string): number {
  if (part.length === 0 || part.length > 4) return -1;
  let value = 0;
  for (let i = 0; i < part.length; i += 1) {
    const c = part.charCodeAt(i) | 0x20; // fold A-F to a-f; digits are unchanged by this bit
    const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** Pushes 16-bit groups of "a:b:c" (an IPv4 tail allowed when `tailV4`); false when malformed. */
function pushGroups(text: string, out: number[], tailV4: boolean): boolean {
  if (text === '') return true;
  const parts = text.split(':');
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] ?? '';
    if (tailV4 && i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 < 0) return false;
      out.push(Math.floor(v4 / 65536), v4 % 65536);
    } else {
      const group = parseHexGroup(part);
      if (group < 0) return false;
      out.push(group);
    }
  }
  return true;
}

/** IPv6 text (with ::, an embedded IPv4 tail, brackets or a %zone) to four 32-bit words, or null. */
export function parseIpv6Words(ip: string): [number, number, number, number] | null {
  let text = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (!text.includes(':')) return null;
  const gap = text.indexOf('::');
  const groups: number[] = [];
  if (gap < 0) {
    if (!pushGroups(text, groups, true) || groups.length !== 8) return null;
  } else {
    if (text.indexOf('::', gap + 1) >= 0) return null;
    const tail: number[] = [];
    if (!pushGroups(text.slice(0, gap), groups, false) || !pushGroups(text.slice(gap + 2), tail, true)) return null;
    if (groups.length + tail.length > 7) return null;
    while (groups.length + tail.length < 8) groups.push(0);
    groups.push(...tail);
  }
  const word = (i: number): number => (groups[i] ?? 0) * 65536 + (groups[i + 1] ?? 0);
  return [word(0), word(2), word(4), word(6)];
}

export function formatIpv4(n: number): string {
  return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

/** RFC 5952 text: lower-case hex, the longest run of two or more zero groups as "::". */
export function formatIpv6(value: bigint): string {
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  let bestAt = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLen) {
      bestAt = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = (from: number, to: number): string => groups.slice(from, to).map((g) => g.toString(16)).join(':');
  return bestAt < 0 ? hex(0, 8) : `${hex(0, bestAt)}::${hex(bestAt + bestLen, 8)}`;
}

export function wordsToBigInt(w: readonly number[]): bigint {
  return (BigInt(w[0] ?? 0) << 96n) | (BigInt(w[1] ?? 0) << 64n) | (BigInt(w[2] ?? 0) << 32n) | BigInt(w[3] ?? 0);
}

const hostMasks = new Map<number, bigint[]>();

/** hostMask(bits)[len] has the low bits - len bits set: the host part of a /len block. */
function hostMask(bits: number): bigint[] {
  let masks = hostMasks.get(bits);
  if (!masks) {
    masks = Array.from({ length: bits + 1 }, (_, len) => (1n << BigInt(bits - len)) - 1n);
    hostMasks.set(bits, masks);
  }
  return masks;
}

/**
 * The widest CIDR block that contains `ip` and lies inside [start, end]. Whether the block of
 * length L fits only turns from false to true as L grows, so bisect on L.
 */
export function cidrWithin(ip: bigint, start: bigint, end: bigint, bits: number): { base: bigint; length: number } {
  const masks = hostMask(bits);
  let lo = 0;
  let hi = bits;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const host = masks[mid] ?? 0n;
    if ((ip & ~host) >= start && (ip | host) <= end) hi = mid;
    else lo = mid + 1;
  }
  return { base: ip & ~(masks[lo] ?? 0n), length: lo };
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
