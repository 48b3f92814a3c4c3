// Fast IP text parsing for table lookups: no allocation for IPv4, four 32-bit words for IPv6.

/** Dotted-quad IPv4 to an unsigned 32-bit number, or -1 when not a plain IPv4 address. */
export function parseIpv4(ip: string): number {
  return parseIpv4At(ip, 0, ip.length);
}

/** parseIpv4 over ip[from, to) without slicing; -1 when not a plain dotted quad. */
function parseIpv4At(ip: string, from: number, to: number): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = from; i < to; i += 1) {
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

/** Hex digit value of a char code, or -1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const lower = c | 0x20; // fold A-F to a-f
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

// Scratch for the 16-bit groups: parsing is synchronous, so one buffer serves every call.
const groups = new Uint32Array(8);

/**
 * Scans ip[from, to) into `groups`: returns the group count, and the index of "::" in `gapAt`
 * (-1 when absent) through the high bits, packed as count | (gapAt + 1) << 4; -1 when malformed.
 */
function scanGroups(ip: string, from: number, to: number): number {
  let n = 0;
  let gapAt = -1;
  let i = from;
  if (ip.charCodeAt(i) === 58) {
    if (ip.charCodeAt(i + 1) !== 58) return -1;
    gapAt = 0;
    i += 2;
    if (i === to) return 0 | ((gapAt + 1) << 4);
  }
  for (;;) {
    const groupStart = i;
    let value = 0;
    for (let d = i < to ? hexDigit(ip.charCodeAt(i)) : -1; d >= 0; d = i < to ? hexDigit(ip.charCodeAt(i)) : -1) {
      value = value * 16 + d;
      i += 1;
    }
    if (i < to && ip.charCodeAt(i) === 46) {
      // An IPv4 tail ends the address and fills two groups.
      const v4 = n <= 6 ? parseIpv4At(ip, groupStart, to) : -1;
      if (v4 < 0) return -1;
      groups[n] = v4 >>> 16;
      groups[n + 1] = v4 & 0xffff;
      n += 2;
      break;
    }
    const digits = i - groupStart;
    if (digits === 0 || digits > 4 || n === 8) return -1;
    groups[n] = value;
    n += 1;
    if (i === to) break;
    if (ip.charCodeAt(i) !== 58) return -1;
    i += 1;
    if (i < to && ip.charCodeAt(i) === 58) {
      if (gapAt >= 0) return -1;
      gapAt = n;
      i += 1;
      if (i === to) break;
    } else if (i === to) {
      return -1;
    }
  }
  return n | ((gapAt + 1) << 4);
}

/**
 * IPv6 text (with ::, an embedded IPv4 tail, brackets or a %zone) into four 32-bit words, most
 * significant first, in `out`; false when malformed. No allocation: this is the lookup hot path.
 */
export function parseIpv6Into(ip: string, out: Uint32Array): boolean {
  let from = 0;
  let to = ip.length;
  if (ip.charCodeAt(0) === 91 && ip.charCodeAt(to - 1) === 93) {
    from = 1;
    to -= 1;
  }
  const zone = ip.indexOf('%', from);
  if (zone >= 0 && zone < to) to = zone;
  if (to - from < 2) return false;
  const scanned = scanGroups(ip, from, to);
  if (scanned < 0) return false;
  const n = scanned & 15;
  const gapAt = (scanned >> 4) - 1;
  if (gapAt < 0 ? n !== 8 : n > 7) return false;
  // Groups after the gap move to the end; the gap fills with zeros.
  const tail = gapAt < 0 ? 0 : n - gapAt;
  const zeros = 8 - n;
  for (let k = 0; k < 4; k += 1) {
    const hi = groupAt(2 * k, gapAt, tail, zeros);
    const lo = groupAt(2 * k + 1, gapAt, tail, zeros);
    out[k] = ((hi << 16) | lo) >>> 0;
  }
  return true;
}

/** Group `g` of the expanded address, given where the gap was and how much it covers. */
function groupAt(g: number, gapAt: number, tail: number, zeros: number): number {
  if (gapAt < 0 || g < gapAt) return groups[g] ?? 0;
  if (g < 8 - tail) return 0;
  return groups[g - zeros] ?? 0;
}

/** parseIpv6Into, allocating the result: four 32-bit words or null. */
export function parseIpv6Words(ip: string): [number, number, number, number] | null {
  const out = new Uint32Array(4);
  if (!parseIpv6Into(ip, out)) return null;
  return [out[0] ?? 0, out[1] ?? 0, out[2] ?? 0, out[3] ?? 0];
}

export function formatIpv4(n: number): string {
  return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

/** RFC 5952 text of a BigInt address. */
export function formatIpv6(value: bigint): string {
  const word = (shift: bigint): number => Number((value >> shift) & 0xffffffffn);
  return formatIpv6Words([word(96n), word(64n), word(32n), word(0n)]);
}

/** 16-bit group g (0 = most significant) of four 32-bit words. */
function groupOf(words: ArrayLike<number>, g: number): number {
  const w = words[g >> 1] ?? 0;
  return g & 1 ? w & 0xffff : w >>> 16;
}

// Hex text of every byte, bare and zero-padded: formatting a group is then one or two look-ups.
const hexByte = Array.from({ length: 256 }, (_, b) => b.toString(16));
const hexBytePadded = hexByte.map((h) => h.padStart(2, '0'));

function hex16(value: number): string {
  const high = value >>> 8;
  if (high === 0) return hexByte[value] ?? '';
  return (hexByte[high] ?? '') + (hexBytePadded[value & 255] ?? '');
}

/** RFC 5952 text of four 32-bit words: lower-case hex, the longest run of two or more zero groups as "::". */
export function formatIpv6Words(words: ArrayLike<number>): string {
  let bestAt = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groupOf(words, j) === 0) j += 1;
    if (j - i > bestLen) {
      bestAt = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  let text = '';
  let sep = '';
  for (let g = 0; g < 8; g += 1) {
    if (g === bestAt) {
      text += '::';
      sep = '';
      g += bestLen - 1;
    } else {
      text += sep + hex16(groupOf(words, g));
      sep = ':';
    }
  }
  return text;
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

/** Bit index (0 = most significant) of the first difference between ip and the bound at `at`; 128 if equal. */
function firstDiff(ip: ArrayLike<number>, bounds: ArrayLike<number>, at: number): number {
  for (let k = 0; k < 4; k += 1) {
    const x = (ip[k] ?? 0) ^ (bounds[at + k] ?? 0);
    if (x !== 0) return 32 * k + Math.clz32(x);
  }
  return 128;
}

/** Trailing zero bits of the 128-bit bound at `at`, or of its complement when `ones`. */
function trailing(bounds: ArrayLike<number>, at: number, ones: boolean): number {
  let count = 0;
  for (let k = 3; k >= 0; k -= 1) {
    const w = ones ? ~(bounds[at + k] ?? 0) : (bounds[at + k] ?? 0) | 0;
    if (w !== 0) return count + 31 - Math.clz32(w & -w);
    count += 32;
  }
  return count;
}

/**
 * cidrWithin for IPv6 on 32-bit words, avoiding BigInt: the range is the four words at `at` in
 * `starts` and `ends` (the table's interleaved layout), and must hold `ip`. The /L block around ip
 * starts at or after `start` once L passes the first bit where they differ, or once the block's
 * host bits are all trailing zeros of `start`; the same holds for `end` with trailing ones. Both
 * conditions only turn true as L grows, so the answer is the larger of the two thresholds.
 */
export function cidrWithinWords(
  ip: ArrayLike<number>,
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  at: number,
): { base: [number, number, number, number]; length: number } {
  const fromStart = Math.min(firstDiff(ip, starts, at) + 1, 128 - trailing(starts, at, false));
  const fromEnd = Math.min(firstDiff(ip, ends, at) + 1, 128 - trailing(ends, at, true));
  const length = Math.max(fromStart, fromEnd);
  const base: [number, number, number, number] = [0, 0, 0, 0];
  for (let k = 0; k < 4; k += 1) {
    const bits = Math.min(32, Math.max(0, length - 32 * k));
    base[k] = bits === 0 ? 0 : ((ip[k] ?? 0) & (0xffffffff << (32 - bits))) >>> 0;
  }
  return { base, length };
}
