// The provider specification's own invariants: every entry sourced and named by its
// organisation's domains, every template expands, the long tail is really there.
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
