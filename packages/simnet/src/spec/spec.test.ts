// The provider specification's own invariants: every entry sourced and named by its
// organisation's domains, every template expands, the long tail is really there.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../prng.ts';
import { ALL_NETWORKS, ALL_PROVIDERS, APPS, DNS_HOSTS, GATEWAYS, ISPS, MAILBOX_HOSTS, VOIP, WEB_HOSTS } from './index.ts';
import { TemplateScope } from './template.ts';

describe('provider specification', () => {
  it('gives every provider a source URL, a name and registrable domains', () => {
    const bad = ALL_PROVIDERS.filter((p) => !/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(\/|$)/.test(p.source) || p.name.trim() === '' || p.domains.length === 0
      || p.domains.some((d) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)));
    expect(bad.map((p) => `${p.kind} ${p.id}`)).toEqual([]);
  });

  it('names every network a provider serves from, with a distinct ASN', () => {
    const ids = new Set(ALL_NETWORKS.map((n) => n.id));
    const used = [...MAILBOX_HOSTS, ...GATEWAYS, ...WEB_HOSTS, ...DNS_HOSTS, ...VOIP].map((p) => p.network);
    expect(used.filter((n) => !ids.has(n))).toEqual([]);
    const asns = ALL_NETWORKS.map((n) => n.asn);
    expect(new Set(asns).size).toBe(asns.length);
  });

  it('gives every network the owner name the bundled AS table prints, and every ISP a prefix of its own AS', () => {
    const table = readAsTable(new Set(ALL_NETWORKS.map((n) => n.asn)));
    const wrongOwner = ALL_NETWORKS.filter((n) => !table.get(n.asn)?.owners.has(n.org))
      .map((n) => `${n.id} AS${n.asn} "${n.org}" (table: ${[...(table.get(n.asn)?.owners ?? ['no such AS'])].join(' | ')})`);
    expect(wrongOwner).toEqual([]);
    const outside = ISPS.filter((i) => {
      const [start, end] = cidrRange(i.realPrefix);
      return !(table.get(i.network.asn)?.ranges ?? []).some(([a, b]) => a <= start && end <= b);
    }).map((i) => `${i.id} ${i.realPrefix} AS${i.network.asn}`);
    expect(outside).toEqual([]);
  });

  it('expands every record template', () => {
    const scope = (): TemplateScope => new TemplateScope(createRng(1), { domain: 'example-shop.com', ip: '127.20.64.9', city: 'clmboh' });
    const templates = [
      ...[...MAILBOX_HOSTS, ...GATEWAYS].flatMap((m) => m.forms.map((f) => f.mx.map((x) => x.host).join(' ')).concat(m.spf ?? [], m.txt ?? [], (m.cnames ?? []).map((c) => `${c.label} ${c.target}`))),
      ...WEB_HOSTS.flatMap((w) => [typeof w.www === 'string' ? w.www : '', w.ptr ?? '', ...Object.values(w.look.headers), ...w.look.head, ...w.look.bodyEnd]),
      ...DNS_HOSTS.map((d) => d.ns.join(' ')), ...ISPS.map((i) => i.ptr), ...VOIP.flatMap((v) => v.records.map((r) => r.value)),
      ...APPS.flatMap((a) => [...Object.values(a.headers ?? {}), ...(a.head ?? []), ...(a.body ?? [])]),
    ];
    for (const t of templates) expect(scope().expand(t), t).not.toMatch(/\{(domain|dashed|label|ip|ipdashed|iphex|n|same|pick:[^}]*|[dhaA]:\d+)\}/);
  });

  it('expands Google-style alternatives and never repeats a pick within one record set', () => {
    const scope = new TemplateScope(createRng(7), { domain: 'a.com' });
    const a = scope.expand('{pick:x|y}.ns.example');
    const b = scope.expand('{pick:x|y}.ns.example');
    expect(new Set([a, b]).size).toBe(2);
    expect(scope.expand('ns{n:01-76}.d.com ns{n+1}.d.com')).toMatch(/^ns(\d\d)\.d\.com ns\d\d\.d\.com$/);
  });
});

interface AsRows {
  owners: Set<string>;
  ranges: [number, number][];
}

/** @ip-location-db/asn's start_num,end_num,asn,owner rows, for the ASNs asked about only. */
function readAsTable(asns: ReadonlySet<number>): Map<number, AsRows> {
  const dir = dirname(createRequire(import.meta.url).resolve('@ip-location-db/asn/package.json'));
  const out = new Map<number, AsRows>();
  for (const line of readFileSync(join(dir, 'asn-ipv4-num.csv'), 'utf8').split('\n')) {
    const m = /^(\d+),(\d+),(\d+),(.*)$/.exec(line);
    if (!m?.[1] || !m[2] || !m[3] || m[4] === undefined) continue;
    const asn = Number(m[3]);
    if (!asns.has(asn)) continue;
    const rows = out.get(asn) ?? { owners: new Set<string>(), ranges: [] };
    rows.owners.add(m[4].replace(/^"(.*)"$/, '$1'));
    rows.ranges.push([Number(m[1]), Number(m[2])]);
    out.set(asn, rows);
  }
  return out;
}

function cidrRange(cidr: string): [number, number] {
  const [ip = '', bits = '32'] = cidr.split('/');
  const start = ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  return [start, start + 2 ** (32 - Number(bits)) - 1];
}
