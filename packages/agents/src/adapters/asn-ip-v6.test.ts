import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { cidrWithin, cidrWithinWords, formatIpv6, formatIpv6Words, parseIpv6Into, parseIpv6Words, wordsToBigInt } from './asn-ip.ts';

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MAX = (1n << 128n) - 1n;

function toWords(value: bigint): [number, number, number, number] {
  const word = (shift: bigint): number => Number((value >> shift) & 0xffffffffn);
  return [word(96n), word(64n), word(32n), word(0n)];
}

/** A random 128-bit value whose groups are often zero or 0xffff, like real bounds. */
function randomValue(rand: () => number): bigint {
  let value = 0n;
  for (let g = 0; g < 8; g += 1) {
    const r = rand();
    const group = r < 0.4 ? 0 : r < 0.55 ? 0xffff : Math.floor(rand() * 65536);
    value = (value << 16n) | BigInt(group);
  }
  return value;
}

describe('parseIpv6Into', () => {
  it.each([
    ['2001:0DB8:0000::0001', [0x20010db8, 0, 0, 1]],
    ['1::', [0x10000, 0, 0, 0]],
    ['::2:3:4:5:6:7:8', [2, 0x30004, 0x50006, 0x70008]],
    ['1:2:3:4:5:6:7::', [0x10002, 0x30004, 0x50006, 0x70000]],
    ['1:2:3:4:5:6:1.2.3.4', [0x10002, 0x30004, 0x50006, 0x01020304]],
    ['::1.2.3.4', [0, 0, 0, 0x01020304]],
    ['64:ff9b::8.8.8.8', [0x0064ff9b, 0, 0, 0x08080808]],
    ['::FFFF:8.8.8.8', [0, 0, 0xffff, 0x08080808]],
    ['[2001:db8::1]', [0x20010db8, 0, 0, 1]],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]],
  ])('parses %s', (text, words) => {
    const out = new Uint32Array(4);
    expect(parseIpv6Into(text, out)).toBe(true);
    expect(Array.from(out)).toEqual(words);
  });

  it.each([
    '', ':', ':1', '1:', '1:::2', ':::', '1::2::3', '::1.2.3', '::1.2.3.4:5', '::256.1.1.1', '1:2:3:4:5:6:7:1.2.3.4',
    '1:2:3:4:5:6:7:8::', '[::1', '::1]', '12345::', '::g', '1:2:3:4:5:6:7:8:9', ' ::1', '::1 ', '%eth0',
  ])('rejects %j', (text) => {
    expect(parseIpv6Into(text, new Uint32Array(4))).toBe(false);
  });

  it('agrees with ipaddr.js on random addresses in every text form', () => {
    const rand = prng(7);
    for (let i = 0; i < 3000; i += 1) {
      const value = randomValue(rand);
      const bytes = ipaddr.IPv6.parse(formatIpv6(value)).toByteArray();
      const expected = [0, 4, 8, 12].map((b) => ((bytes[b] ?? 0) * 2 ** 24) + ((bytes[b + 1] ?? 0) << 16) + ((bytes[b + 2] ?? 0) << 8) + (bytes[b + 3] ?? 0));
      const forms = [formatIpv6(value), ipaddr.IPv6.parse(formatIpv6(value)).toNormalizedString(), formatIpv6(value).toUpperCase()];
      for (const form of forms) expect(parseIpv6Words(form), form).toEqual(expected);
    }
  });
});

describe('formatIpv6Words', () => {
  it.each([
    [[0x20010db8, 0, 0, 1], '2001:db8::1'],
    [[0, 0, 0, 0], '::'],
    [[0, 0, 0, 1], '::1'],
    [[0x10000, 0, 0, 0], '1::'],
    [[0x20010db8, 0x00000001, 0x00010001, 0x00010001], '2001:db8:0:1:1:1:1:1'],
    [[0x20010000, 0x00000001, 0, 1], '2001:0:0:1::1'],
    [[0x20010db8, 0, 0x00010000, 1], '2001:db8::1:0:0:1'],
    [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
  ])('formats %j as %s', (words, text) => {
    expect(formatIpv6Words(words)).toBe(text);
  });
});

describe('cidrWithinWords', () => {
  const within = (ip: string, start: string, end: string): string => {
    const { base, length } = cidrWithinWords(parseIpv6Words(ip) ?? [], parseIpv6Words(start) ?? [], parseIpv6Words(end) ?? [], 0);
    return `${formatIpv6Words(base)}/${length}`;
  };

  it('finds the widest block at the range edges', () => {
    expect(within('2001:db8::', '2001:db8::', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff')).toBe('2001:db8::/32');
    expect(within('2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', '2001:db8::', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff')).toBe('2001:db8::/32');
    expect(within('2001:db8::5', '2001:db8::5', '2001:db8::5')).toBe('2001:db8::5/128');
    expect(within('::', '::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe('::/0');
    // A range ending mid-word: 2001:db8::/48 plus 2001:db8:1::/49.
    expect(within('2001:db8:1:7fff::1', '2001:db8::', '2001:db8:1:7fff:ffff:ffff:ffff:ffff')).toBe('2001:db8:1::/49');
    expect(within('2001:db8:0:1::', '2001:db8::', '2001:db8:1:7fff:ffff:ffff:ffff:ffff')).toBe('2001:db8::/48');
    // A range starting one past an aligned boundary only holds small blocks near its start.
    expect(within('2001:db8::1', '2001:db8::1', '2001:db8::ffff')).toBe('2001:db8::1/128');
    expect(within('2001:db8::2', '2001:db8::1', '2001:db8::ffff')).toBe('2001:db8::2/127');
  });

  it('matches the BigInt reference on random ranges', () => {
    const rand = prng(42);
    for (let i = 0; i < 5000; i += 1) {
      const a = randomValue(rand);
      const b = randomValue(rand);
      const [start, end] = a <= b ? [a, b] : [b, a];
      const offset = (BigInt(Math.floor(rand() * 2 ** 32)) * (end - start)) / 2n ** 32n;
      const ip = i % 3 === 0 ? start : i % 3 === 1 ? end : start + offset;
      const expected = cidrWithin(ip, start, end, 128);
      const got = cidrWithinWords(toWords(ip), toWords(start), toWords(end), 0);
      expect({ base: wordsToBigInt(got.base) & MAX, length: got.length }).toEqual(expected);
    }
  });
});
