import { beforeAll, describe, expect, it } from 'vitest';
import { findRow, findRowV6, loadAsnTable, type AsnTable, type RangeTable } from './asn-embedded-table.ts';
import { createEmbeddedAsnLookup, defaultAsnDir, lookupInTable } from './asn-embedded.ts';
import { cidrWithin, formatIpv6, wordsToBigInt } from './asn-ip.ts';

// Lookups in the shipped table only: no packet leaves the process.
const MAX = (1n << 128n) - 1n;

function bound(bounds: Uint32Array, row: number): bigint {
  return wordsToBigInt(Array.from(bounds.subarray(row * 4, row * 4 + 4)));
}

describe('findRowV6 on a synthetic table', () => {
  // Unsorted-word traps: high bits set (unsigned compare), ranges that differ only in the last word.
  const rows: [bigint, bigint][] = [
    [0x0001n << 112n, (0x0002n << 112n) - 1n],
    [0x2001_0db8n << 96n, (0x2001_0db8n << 96n) | 0xffn],
    [(0x2001_0db8n << 96n) | 0x1_0000_0000n, (0x2001_0db8n << 96n) | 0x1_ffff_ffffn],
    [0xfe80n << 112n, (0xfe80n << 112n) | ((1n << 80n) - 1n)],
    [MAX - 5n, MAX],
  ];
  const table: RangeTable = {
    starts: Uint32Array.from(rows.flatMap(([s]) => [96n, 64n, 32n, 0n].map((sh) => Number((s >> sh) & 0xffffffffn)))),
    ends: Uint32Array.from(rows.flatMap(([, e]) => [96n, 64n, 32n, 0n].map((sh) => Number((e >> sh) & 0xffffffffn)))),
    asns: Uint32Array.from(rows.map((_, i) => i + 1)),
    orgIds: new Uint32Array(rows.length),
    rows: rows.length,
    stride: 4,
  };
  const words = (v: bigint): number[] => [96n, 64n, 32n, 0n].map((sh) => Number((v >> sh) & 0xffffffffn));

  it('finds first and last addresses and misses the gaps', () => {
    rows.forEach(([start, end], row) => {
      expect(findRowV6(table, words(start))).toBe(row);
      expect(findRowV6(table, words(end))).toBe(row);
      if (start > 0n && !rows.some(([, e]) => e === start - 1n)) expect(findRowV6(table, words(start - 1n))).toBe(-1);
      if (end < MAX) expect(findRowV6(table, words(end + 1n))).toBe(-1);
    });
    expect(findRowV6(table, [0, 0, 0, 0])).toBe(-1);
  });

  it('agrees with the generic word-by-word search', () => {
    for (const [start, end] of rows) {
      for (const v of [start - 1n, start, start + 1n, (start + end) / 2n, end - 1n, end, end + 1n]) {
        const key = words(v & MAX);
        expect(findRowV6(table, key)).toBe(findRow(table, key));
      }
    }
  });
});

describe('IPv6 lookups in the shipped table', () => {
  let table: AsnTable;
  beforeAll(async () => {
    table = await loadAsnTable(defaultAsnDir());
  }, 20_000);

  it('answers at the first and last address of ranges and not between them', () => {
    const v6 = table.v6;
    let checked = 0;
    // Spread over the whole table: every 997th row followed by a gap.
    for (let row = 0; row < v6.rows - 1 && checked < 60; row += 997) {
      const start = bound(v6.starts, row);
      const end = bound(v6.ends, row);
      if (bound(v6.starts, row + 1) <= end + 1n) continue;
      checked += 1;
      for (const ip of [start, end]) {
        const got = lookupInTable(table, formatIpv6(ip));
        const block = cidrWithin(ip, start, end, 128);
        expect(got).toMatchObject({ asn: v6.asns[row], prefix: `${formatIpv6(block.base)}/${block.length}` });
      }
      expect(lookupInTable(table, formatIpv6(end + 1n))).toBeNull();
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('gives the widest CIDR inside the range for an address in the middle', () => {
    const row = Math.floor(table.v6.rows / 2);
    const start = bound(table.v6.starts, row);
    const end = bound(table.v6.ends, row);
    const ip = start + (end - start) / 3n;
    const block = cidrWithin(ip, start, end, 128);
    expect(lookupInTable(table, formatIpv6(ip))?.prefix).toBe(`${formatIpv6(block.base)}/${block.length}`);
  });

  it('answers IPv4-mapped addresses exactly as IPv4', async () => {
    const asn = createEmbeddedAsnLookup();
    const v4 = await asn.lookup('8.8.8.8');
    expect(v4?.asn).toBe(15169);
    expect(await asn.lookup('::ffff:8.8.8.8')).toEqual(v4);
    expect(await asn.lookup('::FFFF:808:808')).toEqual(v4);
  });

  it('finds Google public DNS in every spelling', async () => {
    const asn = createEmbeddedAsnLookup();
    const expected = await asn.lookup('2001:4860:4860::8888');
    expect(expected?.asn).toBe(15169);
    expect(expected?.prefix).toMatch(/^2001:4860:[0-9a-f:]*\/\d+$/);
    for (const form of ['2001:4860:4860:0:0:0:0:8888', '2001:4860:4860:0000:0000:0000:0000:8888', '2001:4860:4860::8888'.toUpperCase(), '[2001:4860:4860::8888]']) {
      expect(await asn.lookup(form)).toEqual(expected);
    }
  });
});
