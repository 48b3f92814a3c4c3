// IP → ASN through Team Cymru's DNS interface (https://team-cymru.com/community-services/ip-asn-mapping/):
//   TXT 4.3.2.1.origin.asn.cymru.com  → "ASN [ASN…] | prefix | CC | registry | date"
//   TXT AS<n>.asn.cymru.com           → "ASN | CC | registry | date | owner"
// Answers are cached per announced prefix (any address inside costs no query) and per ASN.
import type { AsnInfo, AsnLookupPort, ResolverPort } from '../ports.ts';
import { TransientError } from '../errors.ts';
import { throwIfAborted } from './resolver-abort.ts';
import { parseIpv4, parseIpv6Words, wordsToBigInt } from './asn-ip.ts';

export interface CymruAsnOptions {
  resolver: ResolverPort;
  /** Zones to query; Team Cymru's by default (tests point them at a fixture). */
  originZone?: string;
  origin6Zone?: string;
  asnZone?: string;
}

interface Address {
  value: bigint;
  bits: 32 | 128;
  queryName: (zone: string) => string;
}

interface OriginAnswer {
  asn: number;
  prefix: string;
  base: bigint;
  length: number;
  country: string | null;
}

function toAddress(ip: string): Address | null {
  const v4 = parseIpv4(ip);
  const words = v4 >= 0 ? [0, 0, 0xffff, v4] : parseIpv6Words(ip);
  if (!words) return null;
  if (words[0] === 0 && words[1] === 0 && words[2] === 0xffff) {
    const n = words[3] ?? 0;
    const reversed = `${n & 255}.${(n >>> 8) & 255}.${(n >>> 16) & 255}.${n >>> 24}`;
    return { value: BigInt(n), bits: 32, queryName: (zone) => `${reversed}.${zone}` };
  }
  const value = wordsToBigInt(words);
  const nibbles = value.toString(16).padStart(32, '0').split('').reverse().join('.');
  return { value, bits: 128, queryName: (zone) => `${nibbles}.${zone}` };
}

function parsePrefix(prefix: string, bits: 32 | 128): { base: bigint; length: number } | null {
  const [addr, len] = prefix.split('/');
  const length = Number(len);
  if (!addr || !Number.isInteger(length) || length < 0 || length > bits) return null;
  const parsed = toAddress(addr);
  if (!parsed || parsed.bits !== bits) return null;
  return { base: parsed.value, length };
}

/** "15169 | 8.8.8.0/24 | US | arin | 1992-12-01"; a multi-origin prefix lists several ASNs: take the first. */
export function parseOriginTxt(txt: string, bits: 32 | 128): OriginAnswer | null {
  const fields = txt.split('|').map((f) => f.trim());
  const asn = Number(fields[0]?.split(/\s+/)[0]);
  const prefix = fields[1] ?? '';
  const parsed = parsePrefix(prefix, bits);
  if (!Number.isInteger(asn) || asn <= 0 || !parsed) return null;
  const cc = fields[2] ?? '';
  return { asn, prefix, ...parsed, country: /^[A-Z]{2}$/i.test(cc) ? cc.toUpperCase() : null };
}

/** "15169 | US | arin | 2000-03-30 | GOOGLE - Google LLC, US" → the owner, the last field. */
export function parseAsnTxt(txt: string): string | null {
  // The owner itself may hold '|', so cut after the fourth separator rather than split.
  let at = -1;
  for (let i = 0; i < 4; i += 1) {
    at = txt.indexOf('|', at + 1);
    if (at < 0) return null;
  }
  return txt.slice(at + 1).trim() || null;
}

function keyOf(bits: number, length: number, base: bigint): string {
  return `${bits}/${length}/${base}`;
}

export function createCymruAsnLookup(options: CymruAsnOptions): AsnLookupPort {
  const { resolver } = options;
  const originZone = options.originZone ?? 'origin.asn.cymru.com';
  const origin6Zone = options.origin6Zone ?? 'origin6.asn.cymru.com';
  const asnZone = options.asnZone ?? 'asn.cymru.com';
  const byPrefix = new Map<string, AsnInfo>();
  const lengthsSeen = { 32: new Set<number>(), 128: new Set<number>() };
  const owners = new Map<number, Promise<string | null>>();

  function fromCache(addr: Address): AsnInfo | null {
    // Longest cached prefix first, as routing would choose.
    const lengths = [...lengthsSeen[addr.bits]].sort((a, b) => b - a);
    for (const length of lengths) {
      const size = 1n << BigInt(addr.bits - length);
      const hit = byPrefix.get(keyOf(addr.bits, length, (addr.value / size) * size));
      if (hit) return { ...hit };
    }
    return null;
  }

  function owner(asn: number, signal?: AbortSignal): Promise<string | null> {
    let pending = owners.get(asn);
    if (!pending) {
      pending = resolver.query(`as${asn}.${asnZone}`, 'TXT', signal).then((res) => {
        const txt = res.records.map((r) => parseAsnTxt(r.value)).find((o) => o !== null) ?? null;
        if (res.outcome !== 'ok' && res.outcome !== 'nxdomain' && res.outcome !== 'nodata') owners.delete(asn);
        return txt;
      });
      pending.catch(() => owners.delete(asn));
      owners.set(asn, pending);
    }
    return pending;
  }

  return {
    async lookup(ip, signal) {
      throwIfAborted(signal);
      const addr = toAddress(ip.trim());
      if (!addr) return null;
      const cached = fromCache(addr);
      if (cached) return cached;
      const res = await resolver.query(addr.queryName(addr.bits === 32 ? originZone : origin6Zone), 'TXT', signal);
      if (res.outcome === 'nxdomain' || res.outcome === 'nodata') return null;
      if (res.outcome !== 'ok') throw new TransientError(`cymru origin lookup ${res.outcome}`, `dns-${res.outcome}`);
      const answers = res.records
        .map((r) => parseOriginTxt(r.value, addr.bits))
        .filter((a): a is OriginAnswer => a !== null)
        .sort((a, b) => b.length - a.length);
      const best = answers[0];
      if (!best) return null;
      const info: AsnInfo = {
        asn: best.asn,
        prefix: best.prefix,
        owner: await owner(best.asn, signal),
        country: best.country,
        source: 'cymru',
      };
      byPrefix.set(keyOf(addr.bits, best.length, best.base), info);
      lengthsSeen[addr.bits].add(best.length);
      return { ...info };
    },
  };
}
