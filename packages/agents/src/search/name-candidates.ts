// Domains guessed from the business name, kept only when they exist in DNS. Each guess
// costs queries against a shared resolver, so the total is bounded.
import { domainLabelVariants } from '../names/domain-variants.ts';
import type { DnsOutcome, DnsRecordType, ResolverPort } from '../ports.ts';
import type { Sighting } from './candidate-merge.ts';
import { isNeverCandidate } from './domain-lists.ts';

/** A registered name with a website address: weak alone, since namesakes everywhere own such names. */
export const NAME_DERIVED_WITH_ADDRESS_SCORE = 0.3;
/** Registered (NS) but no apex address: even weaker. */
export const NAME_DERIVED_DELEGATED_SCORE = 0.2;
/**
 * A derived name already seen in the list or search: the source is recorded, but the
 * weight stays with that sighting, whose score already counts the name's resemblance
 * (adding more would favour namesakes that own the obvious name).
 */
export const NAME_DERIVED_SEEN_SCORE = 0;
const PARALLEL_NAMES = 4;

export interface NameCandidateOptions {
  tlds: string[];
  maxNameVariants: number;
  maxDnsQueries: number;
}

/** Derived names in the order worth checking: better variants first, .com before other TLDs. */
export function derivedDomains(name: string, options: Pick<NameCandidateOptions, 'tlds' | 'maxNameVariants'>): string[] {
  const labels = domainLabelVariants(name, options.maxNameVariants);
  const tlds = options.tlds.map((t) => t.toLowerCase().replace(/^\./, '')).filter((t) => t !== '');
  const ranked: { domain: string; rank: number }[] = [];
  labels.forEach((label, li) => tlds.forEach((tld, ti) => ranked.push({ domain: `${label}.${tld}`, rank: li + 2 * ti })));
  // Stable sort keeps label order among equal ranks.
  ranked.sort((a, b) => a.rank - b.rank);
  return [...new Set(ranked.map((r) => r.domain))].filter((d) => !isNeverCandidate(d));
}

interface Budget {
  remaining: number;
}

async function ask(resolver: ResolverPort, name: string, type: DnsRecordType, budget: Budget, signal?: AbortSignal): Promise<DnsOutcome | null> {
  if (budget.remaining <= 0) return null;
  budget.remaining -= 1;
  return (await resolver.query(name, type, signal)).outcome;
}

/** A then NS: an address proves the name exists; NXDOMAIN proves it does not; otherwise NS decides. */
async function confirm(resolver: ResolverPort, domain: string, budget: Budget, signal?: AbortSignal): Promise<Sighting | null> {
  const a = await ask(resolver, domain, 'A', budget, signal);
  if (a === 'ok') return { domain, source: 'name-derived', score: NAME_DERIVED_WITH_ADDRESS_SCORE, evidence: `derived from name: ${domain} A ok` };
  if (a === null || a === 'nxdomain') return null;
  const ns = await ask(resolver, domain, 'NS', budget, signal);
  if (ns !== 'ok') return null;
  return { domain, source: 'name-derived', score: NAME_DERIVED_DELEGATED_SCORE, evidence: `derived from name: ${domain} NS ok` };
}

/**
 * Checks derived names in DNS, skipping those already seen elsewhere (they get a
 * no-cost 'name-derived' sighting instead), within `maxDnsQueries` queries in total.
 */
export async function findNameCandidates(
  name: string,
  alreadySeen: ReadonlySet<string>,
  resolver: ResolverPort,
  options: NameCandidateOptions,
  signal?: AbortSignal,
): Promise<Sighting[]> {
  const domains = derivedDomains(name, options);
  const sightings: Sighting[] = domains
    .filter((d) => alreadySeen.has(d))
    .map((domain) => ({ domain, source: 'name-derived', score: NAME_DERIVED_SEEN_SCORE, evidence: `derived from name: ${domain}` }));
  const toCheck = domains.filter((d) => !alreadySeen.has(d));
  const budget: Budget = { remaining: options.maxDnsQueries };
  for (let i = 0; i < toCheck.length && budget.remaining > 0; i += PARALLEL_NAMES) {
    const batch = toCheck.slice(i, i + PARALLEL_NAMES);
    const confirmed = await Promise.all(batch.map((domain) => confirm(resolver, domain, budget, signal)));
    for (const sighting of confirmed) if (sighting !== null) sightings.push(sighting);
  }
  return sightings;
}
