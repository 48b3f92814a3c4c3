// The simulated Internet's own specification of providers, written from their published
// setup records (each entry cites its source). Nothing here comes from, or names, the
// Prospector catalog: ids are simnet's own, and ground truth carries the organisation's
// name and registrable domains, never an id.

/**
 * A record value template. Placeholders, expanded per business by template.ts:
 *   {domain} the business domain, {dashed} its dots as dashes, {label} its first label
 *   {d:N} N random digits, {h:N} N random hex, {a:N} N random lower-case letters/digits
 *   {n:LO-HI} a random integer (zero-padded to LO's width), {n} it again, {n+1} it plus one
 *   {pick:x|y|z} one of the choices, never the same twice within one record set; {same} it again
 *   {A:N} N random letters and digits of either case
 *   {ip} {ipdashed} {iphex} {o1}..{o4} the address (PTR names), {city} the city code
 */
export type Template = string;

export interface ProviderIdentity {
  /** simnet's own key for the entry (not a catalog slug). */
  id: string;
  /** What a careful analyst would call the provider. */
  name: string;
  /** The organisation's registrable domains, canonical first (service domains included). */
  domains: string[];
  /** Other names the organisation goes by (its AS organisation name, a former brand). */
  aliases?: string[];
  /** Where the record shapes come from. */
  source: string;
}

/** A network announced by one AS: where a provider's servers (or an ISP's lines) live. */
export interface NetworkSpec {
  id: string;
  asn: number;
  /** Team Cymru's AS name handle, e.g. HETZNER-AS. */
  handle: string;
  /** The AS organisation, as the registry prints it. */
  org: string;
  country: string;
  registry: 'arin' | 'ripencc' | 'apnic' | 'lacnic' | 'afrinic';
  allocated: string;
  source: string;
}

export interface MxHost {
  preference: number;
  host: Template;
}

export interface MxForm {
  /** Relative share of this form among the provider's customers. */
  weight: number;
  mx: MxHost[];
  /** Why the form exists (a newer published form, a regional cluster). */
  note?: string;
}

export interface MailSpec extends ProviderIdentity {
  role: 'mailbox' | 'gateway';
  /** Network the MX hosts resolve into. */
  network: string;
  forms: MxForm[];
  /** The SPF mechanism the provider tells customers to publish; null when it has none. */
  spf: Template | null;
  /** TXT records at the apex (verification tokens). */
  txt?: Template[];
  /** CNAMEs under the domain: autodiscover, DKIM. */
  cnames?: { label: Template; target: Template }[];
}

export interface SiteLookSpec {
  headers: Record<string, Template>;
  head: Template[];
  bodyEnd: Template[];
  /** The platform redirects the apex to www. */
  wwwCanonical?: boolean;
  /** Plain HTTP redirects to HTTPS. */
  httpsUpgrade: boolean;
}

export type WebCategory = 'builder' | 'host' | 'cloud' | 'edge';

export interface WebHostSpec extends ProviderIdentity {
  category: WebCategory;
  /** Network the site is served from (a builder often serves from a cloud or CDN). */
  network: string;
  /** Apex A records: shared front-end slots (all, or `choose` of them), or a dedicated address. */
  apex: { shared: number[]; choose?: number } | { dedicated: true };
  /** www: a CNAME to this target, `apex` (CNAME to the domain) or `same-a` (the apex's A records). */
  www: Template | 'apex' | 'same-a';
  /** Reverse name of the serving address, when the provider publishes one. */
  ptr?: Template;
  look: SiteLookSpec;
  /** What runs the pages: the platform itself, or a stack chosen per site. */
  stack: StackSpec;
}

export type StackSpec =
  /** The builder is the CMS; its own store feature when it has one. */
  | { kind: 'platform'; cms: string | null; shop: string | null }
  /** A generic host: WordPress share, else another CMS share; shop platforms by weight. */
  | { kind: 'open'; wordpress: number; otherCms: number; shops: Record<string, number> };

export interface DnsSpec extends ProviderIdentity {
  network: string;
  ns: Template[];
  /** SOA RNAME. */
  rname: string;
}

export interface AppSpec extends ProviderIdentity {
  kind: 'cms' | 'ecommerce';
  headers?: Record<string, Template>;
  head?: Template[];
  body?: Template[];
  /** Runs only inside this CMS (WooCommerce in WordPress). */
  requiresCms?: string;
}

export interface VoipRecord {
  type: 'SRV' | 'CNAME' | 'TXT';
  /** Owner name under the domain (`_sip._tls`, `sip`, `@` for the apex). */
  label: string;
  /** SRV/CNAME target or TXT value. */
  value: Template;
  port?: number;
  priority?: number;
  weight?: number;
}

export interface VoipSpec extends ProviderIdentity {
  network: string;
  records: VoipRecord[];
}

export interface IspSpec extends ProviderIdentity {
  /** The access network the business lines are numbered from. */
  network: NetworkSpec;
  /** A real prefix of the access network (documentation; simnet serves from its /16). */
  realPrefix: string;
  /** Reverse name of a business static line. */
  ptr: Template;
  /** Subscriber mailbox domain, when it sells one. */
  mailDomain: string | null;
  /** /24s the simulated block spans (a power of two). */
  blocks: number;
}
