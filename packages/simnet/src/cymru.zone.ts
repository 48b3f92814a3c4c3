// Team Cymru's IP-to-ASN DNS interface, computed on demand for the instance's /16:
//   <d.c.b.a>.origin.asn.cymru.com TXT "ASN | prefix | CC | registry | allocated"
//   AS<n>.asn.cymru.com TXT "ASN | CC | registry | allocated | owner"
import { blockCidr, buildBlockTable } from './as-blocks.data.ts';
import type { AsBlock, SimRecord } from './market.types.ts';

const ORIGIN = '.origin.asn.cymru.com';
const AS_ZONE = '.asn.cymru.com';

export class CymruZone {
  private readonly table = buildBlockTable();
  private readonly byAsn = new Map<number, AsBlock>();

  constructor(private readonly octet: number, blocks: readonly AsBlock[]) {
    for (const block of blocks) if (!this.byAsn.has(block.asn)) this.byAsn.set(block.asn, block);
  }

  /** Records for a cymru name, or null when the name is not a cymru name we know. */
  answer(name: string): SimRecord[] | null {
    if (name.endsWith(ORIGIN)) return this.origin(name);
    if (name.endsWith(AS_ZONE) && name.startsWith('as')) return this.asName(name);
    return null;
  }

  private origin(name: string): SimRecord[] | null {
    const parts = name.slice(0, -ORIGIN.length).split('.').map(Number);
    if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
    const [d, c, b, a] = parts as [number, number, number, number];
    if (a !== 127 || b !== this.octet || d === undefined) return null;
    const block = this.table[c];
    if (!block) return null;
    const value = `${block.asn} | ${blockCidr(this.octet, block)} | ${block.country} | ${block.registry} | ${block.allocated}`;
    return [{ name, type: 'TXT', value, ttl: 14400 }];
  }

  private asName(name: string): SimRecord[] | null {
    const asn = Number(name.slice(2, -AS_ZONE.length));
    const block = Number.isInteger(asn) ? this.byAsn.get(asn) : undefined;
    if (!block) return null;
    const value = `${block.asn} | ${block.country} | ${block.registry} | ${block.allocated} | ${block.owner}`;
    return [{ name, type: 'TXT', value, ttl: 14400 }];
  }
}
