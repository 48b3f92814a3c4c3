// Typed evidence and unknown reasons, and the one place their readable text is made.
// Classifiers build EvidenceItems and UnknownReasons; nothing branches on the text.
import type { CatalogMatch } from '../catalog/catalog.ts';
import type { EvidenceItem, EvidenceKind, UnknownCode, UnknownReason } from '../types.ts';

/** The label each kind of observation is cited with ("MX x.example.net → …"). */
const LABEL: Record<EvidenceKind, string> = {
  mx: 'MX',
  spf: 'SPF include',
  'spf-record': 'SPF',
  'spf-ip4': 'SPF ip4:',
  cname: 'CNAME',
  ns: 'NS',
  srv: 'SRV',
  token: 'TXT',
  autodiscover: 'autodiscover CNAME',
  'mail-domain': 'list e-mail at',
  asn: '',
  ptr: 'PTR',
  address: 'address',
  network: 'network',
  header: 'header',
  cookie: 'cookie',
  marker: 'markup contains',
  generator: 'meta generator',
  'asset-host': 'asset host',
  'credit-link': 'credit link to',
  storefront: 'storefront',
  site: '',
  redirect: '',
  social: '',
  'list-email': 'list e-mail domain',
  inference: '',
};

export function renderEvidence(item: EvidenceItem): string {
  const label = LABEL[item.kind];
  const observed = item.kind === 'generator' ? `"${item.observed}"` : item.observed;
  const head = label === '' ? observed : label.endsWith(':') ? `${label}${observed}` : `${label} ${observed}`;
  const names = item.names ? ` → ${item.names}` : '';
  const notes = item.notes && item.notes.length > 0 ? ` (${item.notes.join(', ')})` : '';
  return `${item.context ? `${item.context}: ` : ''}${head}${names}${notes}`;
}

const REASON_TEXT: Record<UnknownCode, (detail: string | undefined) => string> = {
  'no-domain': (d) => d ?? 'no domain',
  'no-dns': () => 'no DNS result for the domain',
  'no-records': (d) => `no ${d ?? ''} records`.replace('  ', ' '),
  'lookup-failed': (d) => `${d ?? 'DNS'} lookup failed`,
  'no-evidence': (d) => d ?? 'no evidence',
  'weak-evidence': (d) => `evidence too weak${d ? `: ${d}` : ''}`,
  ambiguous: (d) => `ambiguous between ${d ?? 'several providers'}`,
  'gateway-hides-mailbox': (d) => `MX is the ${d ?? ''} gateway and no SPF include, autodiscover or token names the mailbox provider`,
  'owner-unknown': (d) => d ?? 'who runs it is unknown',
  parked: (d) => `name servers are ${d ?? 'a'} parking service`,
  'ns-inside-domain': (d) => `name servers inside the domain (${d ?? ''})`,
  'no-website': () => 'no website',
  'site-not-fetched': () => 'site not fetched',
  'platform-unknown': (d) => `platform unknown${d ? `, network ${d}` : ''}`,
  'no-self-run-addresses': (d) => d ?? 'no self-run addresses',
  'not-access-network': (d) => `self-run addresses not on an access network${d ? `: ${d}` : ''}`,
  'no-candidate-verified': (d) => `no candidate verified${d ? ` (${d})` : ''}`,
  'stage-failed': (d) => `no domain: ${d ?? 'a stage failed'}`,
  'not-checked': () => 'no candidate domain was checked',
  'not-found': () => 'no domain found',
};

export function renderReason(reason: UnknownReason): string {
  return REASON_TEXT[reason.code](reason.detail);
}

export function reason(code: UnknownCode, detail?: string): UnknownReason {
  return detail === undefined ? { code } : { code, detail };
}

/** The evidence item a catalog hit stands for. */
export function fromMatch(m: CatalogMatch, extra: { context?: string; notes?: string[] } = {}): EvidenceItem {
  const notes = [...(m.access ? ['access network'] : []), ...(m.weak ? ['weak alone'] : []), ...(extra.notes ?? [])];
  return {
    kind: m.via,
    observed: m.observed,
    names: m.slug,
    ...(extra.context ? { context: extra.context } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/** Free-standing evidence that names nothing itself (a verified site, an inference). */
export function note(kind: EvidenceKind, observed: string, names?: string): EvidenceItem {
  return names === undefined ? { kind, observed } : { kind, observed, names };
}
