// Overrides of the catalog that ops accepted from reps' repeated corrections: "a domain whose
// MX ends in mx.example-host.net has its mailboxes at Example Host". Here they are plain data
// handed in by the caller (the worker reads them from the database); the classifier applies
// one when the prospect's own DNS shows its evidence pattern, and says so in the evidence.
import { getDomain } from 'tldts';
import type { DnsResult, EvidenceItem, EvidenceKind, ProviderField } from '../types.ts';
import type { Answer } from './answer.ts';

export const OVERRIDE_EVIDENCE = ['mx-suffix', 'ns-suffix', 'cname-target', 'asn'] as const;
export type OverrideEvidence = (typeof OVERRIDE_EVIDENCE)[number];

/** Written in catalog corrections as `uncatalogued:NAME`: a provider the catalog lacks. */
const UNCATALOGUED = 'uncatalogued:';

export interface CatalogOverride {
  id: number;
  field: ProviderField;
  evidence: OverrideEvidence;
  /** A registrable domain (suffixes, CNAME targets) or an AS number as digits. */
  pattern: string;
  /** A catalog slug, or `uncatalogued:NAME`. */
  provider: string;
}

/** Which evidence can name the provider of each answer. */
export const FIELD_EVIDENCE: Record<ProviderField, readonly OverrideEvidence[]> = {
  emailProvider: ['mx-suffix'],
  emailGateway: ['mx-suffix'],
  dnsProvider: ['ns-suffix'],
  webHost: ['cname-target', 'asn'],
  ecommercePlatform: ['cname-target'],
  cms: ['cname-target'],
  // The access network shows in the addresses the business runs itself (mail., vpn., SPF ip4).
  isp: ['asn'],
  voipProvider: [],
};

/** An override is confident, but not more than a catalog fingerprint seen twice. */
const OVERRIDE_CONFIDENCE = 0.85;

const registrable = (host: string): string | null => getDomain(host.replace(/\.$/, '').toLowerCase());

/** Web addresses (apex, www) for the web host; self-run ones (hosts, SPF) for the ISP. */
function asnsOf(dns: DnsResult, field: ProviderField): string[] {
  const web = (role: string) => role === 'apex' || role === 'www';
  const selfRun = (role: string) => role.startsWith('host:') || role === 'spf' || role === 'spf-a';
  const wanted = field === 'isp' ? selfRun : web;
  return dns.addresses.filter((a) => a.asn && a.roles.some((r) => wanted(r.role))).map((a) => String(a.asn!.asn));
}

/** The evidence patterns of one answer field in a domain's DNS: what a correction of it points at. */
export function evidencePatterns(dns: DnsResult, field: ProviderField): { evidence: OverrideEvidence; pattern: string }[] {
  const out: { evidence: OverrideEvidence; pattern: string }[] = [];
  for (const evidence of FIELD_EVIDENCE[field]) {
    let values: (string | null)[] = [];
    if (evidence === 'mx-suffix') values = dns.mx.filter((m) => m.host !== '').map((m) => registrable(m.host));
    if (evidence === 'ns-suffix') values = dns.ns.map(registrable);
    if (evidence === 'cname-target') values = [dns.www?.cnameChain.at(-1) ?? null].map((t) => (t ? registrable(t) : null));
    if (evidence === 'asn') values = asnsOf(dns, field);
    for (const pattern of new Set(values)) if (pattern && pattern !== registrable(dns.domain)) out.push({ evidence, pattern });
  }
  return out;
}

const EVIDENCE_KIND: Record<OverrideEvidence, EvidenceKind> = { 'mx-suffix': 'mx', 'ns-suffix': 'ns', 'cname-target': 'cname', asn: 'asn' };
const DESCRIBE: Record<OverrideEvidence, string> = { 'mx-suffix': 'MX under', 'ns-suffix': 'name servers under', 'cname-target': 'www CNAME to', asn: 'addresses in AS' };

/** The answers with every matching override applied (the first accepted wins for a field). */
export function applyCatalogOverrides<F extends string>(answers: Record<F, Answer>, dns: DnsResult | null, overrides: readonly CatalogOverride[]): Record<F, Answer> {
  if (!dns || overrides.length === 0) return answers;
  const out: Record<string, Answer> = { ...answers };
  const done = new Set<ProviderField>();
  for (const o of [...overrides].sort((a, b) => a.id - b.id)) {
    if (done.has(o.field) || !(o.field in out)) continue;
    if (!evidencePatterns(dns, o.field).some((p) => p.evidence === o.evidence && p.pattern === o.pattern)) continue;
    const uncatalogued = o.provider.startsWith(UNCATALOGUED);
    const item: EvidenceItem = {
      kind: EVIDENCE_KIND[o.evidence],
      observed: `${DESCRIBE[o.evidence]} ${o.pattern}`,
      names: uncatalogued ? o.provider.slice(UNCATALOGUED.length) : o.provider,
      notes: [`catalog override ${o.id}, accepted from reps' corrections`],
    };
    const previous = out[o.field];
    out[o.field] = {
      value: uncatalogued ? o.provider.slice(UNCATALOGUED.length) : o.provider,
      confidence: OVERRIDE_CONFIDENCE,
      evidence: [item, ...(previous?.value && previous.value !== o.provider ? [{ kind: 'inference' as const, observed: `the catalog alone answered ${previous.value}` }] : [])],
      cataloged: !uncatalogued,
    };
    done.add(o.field);
  }
  return out as Record<F, Answer>;
}
