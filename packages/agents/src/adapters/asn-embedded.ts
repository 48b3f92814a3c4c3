// IP → ASN from the table shipped in @ip-location-db/asn (RouteViews + DB-IP, CC-BY-4.0).
// The table is read once per process on first use and shared: it is immutable data, and
// loading it costs about a second, so every lookup port in the process reuses it.
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import type { AsnInfo, AsnLookupPort } from '../ports.ts';
import { raceAbort, throwIfAborted } from './resolver-abort.ts';
import { findRowV4, findRowV6, loadAsnTable, type AsnTable, type RangeTable } from './asn-embedded-table.ts';
import { cidrWithinV4, cidrWithinWords, formatIpv4, formatIpv6Words, parseIpv4, parseIpv6Into } from './asn-ip.ts';

export interface EmbeddedAsnOptions {
  /** Folder holding asn-ipv4-num.csv and asn-ipv6-num.csv; the installed package by default. */
  dir?: string;
}

export interface EmbeddedAsnLookup extends AsnLookupPort {
  /** Loads the table now (idempotent); lookups load it on first use anyway. */
  load(): Promise<void>;
  /** Synchronous lookup once loaded; null when not loaded or not found. */
  lookupLoaded(ip: string): AsnInfo | null;
}

const tables = new Map<string, Promise<AsnTable>>();

export function defaultAsnDir(): string {
  return dirname(createRequire(import.meta.url).resolve('@ip-location-db/asn/package.json'));
}

function sharedTable(dir: string): Promise<AsnTable> {
  let pending = tables.get(dir);
  if (!pending) {
    pending = loadAsnTable(dir);
    // A failed load must not stick: the next caller tries again.
    pending.catch(() => tables.delete(dir));
    tables.set(dir, pending);
  }
  return pending;
}

function info(table: AsnTable, range: RangeTable, row: number, prefix: string): AsnInfo {
  return {
    asn: range.asns[row] ?? 0,
    prefix,
    owner: table.orgs[range.orgIds[row] ?? 0] ?? null,
    country: null,
    source: 'embedded',
  };
}

function lookupV4(table: AsnTable, ip: number): AsnInfo | null {
  const row = findRowV4(table.v4, ip);
  if (row < 0) return null;
  const { base, length } = cidrWithinV4(ip, table.v4.starts[row] ?? 0, table.v4.ends[row] ?? 0);
  return info(table, table.v4, row, `${formatIpv4(base)}/${length}`);
}

function lookupV6(table: AsnTable, words: Uint32Array): AsnInfo | null {
  const row = findRowV6(table.v6, words);
  if (row < 0) return null;
  const { base, length } = cidrWithinWords(words, table.v6.starts, table.v6.ends, row * 4);
  return info(table, table.v6, row, `${formatIpv6Words(base)}/${length}`);
}

// Parsed IPv6 key: lookups are synchronous once the table is loaded, so one buffer serves them all.
const v6Key = new Uint32Array(4);

export function lookupInTable(table: AsnTable, ip: string): AsnInfo | null {
  const v4 = parseIpv4(ip);
  if (v4 >= 0) return lookupV4(table, v4);
  if (!parseIpv6Into(ip, v6Key)) return null;
  // ::ffff:a.b.c.d is an IPv4 address carried in IPv6.
  if (v6Key[0] === 0 && v6Key[1] === 0 && v6Key[2] === 0xffff) return lookupV4(table, v6Key[3] ?? 0);
  return lookupV6(table, v6Key);
}

export function createEmbeddedAsnLookup(options: EmbeddedAsnOptions = {}): EmbeddedAsnLookup {
  const dir = options.dir ?? defaultAsnDir();
  let loaded: AsnTable | null = null;
  const load = async (): Promise<AsnTable> => {
    loaded ??= await sharedTable(dir);
    return loaded;
  };
  return {
    async load() {
      await load();
    },
    lookupLoaded(ip) {
      return loaded ? lookupInTable(loaded, ip) : null;
    },
    async lookup(ip, signal) {
      throwIfAborted(signal);
      const table = loaded ?? (await raceAbort(load(), signal));
      return lookupInTable(table, ip.trim());
    },
  };
}
