// Judges one exported answer against a simulated business's ground truth. The world names
// providers by organisation ({ name, domains }); the pipeline answers with a catalog slug or,
// for a provider the catalog lacks, the evidence's own name (a registrable domain such as
// mxroute.com, or a normalised AS organisation name). This is the one place the two meet,
// so it may read the catalog; packages/simnet never does.
import { getDomain } from 'tldts';
import type { Catalog, ProviderEntry } from '@prospector/agents';
import type { ProviderTruth } from '@prospector/simnet';

/** right: a catalog entry of the provider; uncatalogued: named from the evidence alone. */
export type Verdict = 'right' | 'uncatalogued' | 'unknown' | 'wrong';
/** Nothing to find and nothing claimed: not counted. */
export type Judgement = Verdict | 'silent';

const SELF_HOSTED = 'self-hosted';

/** Words that differ between how a registry, a catalog and a person write one organisation. */
const NOISE_WORDS = new Set(['the', 'of', 'inc', 'llc', 'ltd', 'limited', 'gmbh', 'corp', 'corporation', 'co', 'company', 'sa', 'sas', 'ag', 'bv', 'plc', 'lp', 'llp', 'se']);

/** "The Constant Company, LLC" → "constant"; "AT&T" → "atandt"; "allo-communications" → "allocommunications". */
export function normaliseName(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replaceAll('&', ' and ')
    .split(/[^a-z0-9]+/).filter((w) => w !== '' && !NOISE_WORDS.has(w)).join('');
}

/** A catalog name with a parenthesis names two things: "Lumen (CenturyLink)". */
function nameVariants(name: string): string[] {
  const inner = /\(([^)]*)\)/.exec(name)?.[1];
  return [name, name.replace(/\([^)]*\)/g, ''), ...(inner ? [inner] : [])].map(normaliseName).filter((n) => n !== '');
}

export function registrable(host: string): string | null {
  return getDomain(host.trim().toLowerCase().replace(/\.+$/, ''));
}

interface EntryKeys {
  domains: Set<string>;
  names: string[];
}

const HOST_FIELDS = ['mx', 'cname', 'ns', 'spfIncludes', 'assetHosts', 'srv', 'mailDomains'] as const;

/**
 * The organisation's domains of a catalog entry. Entries that list `domains` are matched on
 * those alone (the rule). Entries that do not yet (the catalog before its `domains`
 * field was filled) fall back to the registrable domains of their own host fingerprints and
 * to their name: a bridge, reported by `entriesWithoutDomains`.
 */
export function entryKeys(entry: ProviderEntry): EntryKeys {
  if (entry.domains && entry.domains.length > 0) {
    return { domains: new Set(entry.domains.map((d) => registrable(d) ?? d)), names: [] };
  }
  const domains = new Set<string>();
  for (const field of HOST_FIELDS) {
    for (const pattern of entry[field] ?? []) {
      if (pattern.startsWith('/')) continue;
      const d = registrable(pattern);
      if (d) domains.add(d);
    }
  }
  return { domains, names: nameVariants(entry.name) };
}

export function entriesWithoutDomains(catalog: Catalog): string[] {
  return catalog.providers.filter((p) => !p.domains || p.domains.length === 0).map((p) => p.slug);
}

function truthDomains(truth: ProviderTruth): Set<string> {
  return new Set(truth.domains.map((d) => registrable(d) ?? d));
}

function truthNames(truth: ProviderTruth): Set<string> {
  return new Set([truth.name, ...truth.aliases].map(normaliseName));
}

/** Whether the answer names the truth's organisation. */
export function names(catalog: Catalog, answer: string, truth: ProviderTruth): boolean {
  if (answer === SELF_HOSTED || truth.selfHosted) return answer === SELF_HOSTED && truth.selfHosted === true;
  const entry = catalog.get(answer);
  const domains = truthDomains(truth);
  if (entry) {
    const keys = entryKeys(entry);
    const people = truthNames(truth);
    return [...keys.domains].some((d) => domains.has(d)) || keys.names.some((n) => people.has(n));
  }
  const asDomain = answer.includes('.') ? registrable(answer) : null;
  if (asDomain) return domains.has(asDomain);
  return truthNames(truth).has(normaliseName(answer));
}

/** Whether the answer came from a catalog entry: the export's `<field>Cataloged` when it has one. */
export function isCataloged(catalog: Catalog, answer: string, flag: unknown): boolean {
  if (typeof flag === 'boolean') return flag;
  return answer === SELF_HOSTED || catalog.get(answer) !== undefined;
}

export function judge(catalog: Catalog, answer: string | null, cataloged: unknown, truth: ProviderTruth | null): Judgement {
  if (answer === null) return truth?.observable ? 'unknown' : 'silent';
  if (!truth || !names(catalog, answer, truth)) return 'wrong';
  return isCataloged(catalog, answer, cataloged) ? 'right' : 'uncatalogued';
}

/** Whether any catalog entry of these kinds names the provider: the world's "outside the catalog" share. */
export function inCatalog(catalog: Catalog, truth: ProviderTruth, kinds: readonly string[]): boolean {
  if (truth.selfHosted) return true;
  return catalog.providers.some((p) => p.kinds.some((k) => kinds.includes(k)) && names(catalog, p.slug, truth));
}
