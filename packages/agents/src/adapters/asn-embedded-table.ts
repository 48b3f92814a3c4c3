// Loads @ip-location-db/asn (start_num,end_num,asn,org per line, sorted by start) into typed
// arrays searched by bisection: ~500k ranges in a few tens of MB, millions of lookups per second.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface RangeTable {
  /** Range bounds: one word per row for IPv4, four words (most significant first) per row for IPv6. */
  starts: Uint32Array;
  ends: Uint32Array;
  asns: Uint32Array;
  orgIds: Uint32Array;
  rows: number;
  /** 1 for IPv4, 4 for IPv6. */
  stride: number;
}

export interface AsnTable {
  v4: RangeTable;
  v6: RangeTable;
  orgs: string[];
}

class Growable {
  data: Uint32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Uint32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length] = value;
    this.length += 1;
  }
  done(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

/** The org field may be quoted with "" escapes (RFC 4180); the three before it never are. */
function unquote(field: string): string {
  if (!field.startsWith('"')) return field;
  return field.slice(1, field.endsWith('"') ? -1 : undefined).replaceAll('""', '"');
}

function pushBound(target: Growable, text: string, stride: number): void {
  if (stride === 1) {
    target.push(Number(text));
    return;
  }
  const value = BigInt(text);
  for (let shift = 96n; shift >= 0n; shift -= 32n) target.push(Number((value >> shift) & 0xffffffffn));
}

async function loadRanges(file: string, stride: number, orgIndex: Map<string, number>, orgs: string[]): Promise<RangeTable> {
  // Sized for today's tables (~410k IPv4 rows, ~100k IPv6 rows); they grow by doubling if needed.
  const rows = stride === 1 ? 1 << 19 : 1 << 17;
  const starts = new Growable(rows * stride);
  const ends = new Growable(rows * stride);
  const asns = new Growable(rows);
  const orgIds = new Growable(rows);
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    const c1 = line.indexOf(',');
    const c2 = line.indexOf(',', c1 + 1);
    const c3 = line.indexOf(',', c2 + 1);
    if (c1 < 0 || c2 < 0 || c3 < 0) continue;
    pushBound(starts, line.slice(0, c1), stride);
    pushBound(ends, line.slice(c1 + 1, c2), stride);
    asns.push(Number(line.slice(c2 + 1, c3)));
    const org = unquote(line.slice(c3 + 1));
    let id = orgIndex.get(org);
    if (id === undefined) {
      id = orgs.length;
      orgs.push(org);
      orgIndex.set(org, id);
    }
    orgIds.push(id);
  }
  return { starts: starts.done(), ends: ends.done(), asns: asns.done(), orgIds: orgIds.done(), rows: asns.length, stride };
}

export async function loadAsnTable(dir: string): Promise<AsnTable> {
  const orgIndex = new Map<string, number>();
  const orgs: string[] = [];
  const v4 = await loadRanges(`${dir}/asn-ipv4-num.csv`, 1, orgIndex, orgs);
  const v6 = await loadRanges(`${dir}/asn-ipv6-num.csv`, 4, orgIndex, orgs);
  return { v4, v6, orgs };
}

/** Compares the row's bound (stride words at row*stride) with `key`: <0, 0, >0. */
function compareRow(bounds: Uint32Array, row: number, key: readonly number[], stride: number): number {
  const base = row * stride;
  for (let i = 0; i < stride; i += 1) {
    const diff = (bounds[base + i] ?? 0) - (key[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The row whose range holds `key`, or -1: the last row starting at or before it, if it ends at or after it. */
export function findRow(table: RangeTable, key: readonly number[]): number {
  let lo = 0;
  let hi = table.rows - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (compareRow(table.starts, mid, key, table.stride) <= 0) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0 || compareRow(table.ends, found, key, table.stride) < 0) return -1;
  return found;
}

/** IPv4 fast path: same search with one word and no array key. */
export function findRowV4(table: RangeTable, ip: number): number {
  const { starts, ends } = table;
  let lo = 0;
  let hi = table.rows - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] ?? 0) <= ip) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0 || (ends[found] ?? 0) < ip) return -1;
  return found;
}

/** Sign of (four-word bound at `at`) - (k0..k3), unsigned, most significant word first. */
function compareAt(bounds: Uint32Array, at: number, k0: number, k1: number, k2: number, k3: number): number {
  const a0 = bounds[at] ?? 0;
  if (a0 !== k0) return a0 < k0 ? -1 : 1;
  const a1 = bounds[at + 1] ?? 0;
  if (a1 !== k1) return a1 < k1 ? -1 : 1;
  const a2 = bounds[at + 2] ?? 0;
  if (a2 !== k2) return a2 < k2 ? -1 : 1;
  const a3 = bounds[at + 3] ?? 0;
  return a3 === k3 ? 0 : a3 < k3 ? -1 : 1;
}

/** IPv6 fast path: findRow with the key in four locals; most comparisons stop at the first word. */
export function findRowV6(table: RangeTable, key: ArrayLike<number>): number {
  const { starts, ends } = table;
  const k0 = key[0] ?? 0;
  const k1 = key[1] ?? 0;
  const k2 = key[2] ?? 0;
  const k3 = key[3] ?? 0;
  let lo = 0;
  let hi = table.rows - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (compareAt(starts, mid * 4, k0, k1, k2, k3) <= 0) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0 || compareAt(ends, found * 4, k0, k1, k2, k3) < 0) return -1;
  return found;
}
