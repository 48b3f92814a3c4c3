// Is this site the prospect's own, or a namesake's? A name match alone is weak evidence (there
// are many "Joe's Plumbing"); a phone, postal code or street on the page ties it to THIS business,
// and a page that shows another town's phone and postal code rules it out.
import type { PageFacts, ProspectInput } from '../types.ts';
import { domainResemblance, nameSimilarity } from './name-similarity.ts';
import { streetFound } from './street-match.ts';
import { ACCEPT_PROBABILITY, authenticityScore, verdictFollowsScore, WEIGHTS_V0, type AuthenticitySignal, type AuthenticityWeights } from '../learning/scoring-weights.ts';

/** Page names the business: tolerates legal suffixes, slogans in titles, word order, a close spelling. */
export const NAME_STRONG = 0.85;
/** Enough when the phone number matches too: the page may call the business by a shortened name. */
export const NAME_WEAK = 0.6;
/** The domain spells the name, its initials, or contains it ("joesplumbingil"). */
export const DOMAIN_STRONG = 0.8;
/** With no location anywhere on the page, the domain must at least resemble the name this much. */
export const DOMAIN_MODERATE = 0.6;
/** How much a conflicting location scales the score down (it stays a ranking hint, not a verdict). */
const CONFLICT_PENALTY = 0.3;
const HEADINGS_CONSIDERED = 6;

export interface AuthenticityAssessment {
  authenticity: import('../types.ts').AuthenticityResult;
  authentic: boolean;
}

export function assessAuthenticity(prospect: ProspectInput, page: PageFacts, domain: string, weights: AuthenticityWeights = WEIGHTS_V0.authenticity): AuthenticityAssessment {
  const name = bestNameMatch(prospect.name, page);
  const evidence = locationEvidence(prospect, page);
  const resemblance = domainResemblance(prospect.name, domain.split('.')[0] ?? '');
  const reasons = [`name similarity ${name.score.toFixed(2)}${name.source ? ` (${name.source})` : ''}`];
  reasons.push(...evidence.reasons, `domain resemblance ${resemblance.toFixed(2)}`);
  const byRules = decide(name.score, resemblance, evidence, reasons);
  const probability = score(weights, authenticitySignals({ nameSimilarity: name.score, domainResemblance: resemblance, ...evidence }, domain), evidence);
  let authentic = byRules;
  if (verdictFollowsScore(weights) && !evidence.hardConflict) {
    authentic = probability >= ACCEPT_PROBABILITY;
    reasons.push(`${authentic ? 'verified' : 'rejected'}: fitted probability ${probability.toFixed(2)} ${authentic ? '≥' : '<'} ${ACCEPT_PROBABILITY} (the rules alone: ${byRules ? 'verified' : 'rejected'})`);
  }
  const authenticity = {
    score: probability,
    nameSimilarity: name.score,
    phoneMatch: evidence.phoneMatch,
    postalCodeMatch: evidence.postalCodeMatch,
    streetMatch: evidence.streetMatch,
    cityMatch: evidence.cityMatch,
    structuredDataMatch: evidence.structuredDataMatch,
    domainResemblance: resemblance,
    conflictPenalty: evidence.conflict && !evidence.cityWithRegion,
    hardConflict: evidence.hardConflict,
    reasons,
  };
  return { authenticity, authentic };
}

function decide(name: number, resemblance: number, evidence: LocationEvidence, reasons: string[]): boolean {
  const tiedToPlace = evidence.phoneMatch || evidence.postalCodeMatch || evidence.streetMatch || evidence.structuredDataMatch;
  const verdict = (authentic: boolean, why: string): boolean => {
    reasons.push(why);
    return authentic;
  };
  // Same name, same town, but another phone and postal code: two businesses share a name.
  if (evidence.hardConflict) {
    return verdict(false, evidence.cityMatch ? 'rejected: same town, but another phone and postal code' : 'rejected: the page belongs to a business in another town');
  }
  if (name >= NAME_STRONG && tiedToPlace) return verdict(true, 'verified: name and location match');
  if (evidence.phoneMatch && (name >= NAME_WEAK || resemblance >= DOMAIN_STRONG)) return verdict(true, 'verified: phone number matches');
  // A bare city name is weak against another town's phone and postal code (Springfield, OR lies
  // next to Portland): under a conflict only "city, region" or structured data counts.
  if (evidence.conflict && !evidence.cityWithRegion) return verdict(false, 'rejected: the page belongs to a business in another town');
  if (name >= NAME_STRONG && evidence.cityMatch) return verdict(true, 'verified: name and city match');
  if (name >= NAME_STRONG && !evidence.conflict && !evidence.pageHasLocation && resemblance >= DOMAIN_MODERATE) {
    return verdict(true, 'verified: name and domain match, no location on the page');
  }
  if (name < NAME_WEAK) return verdict(false, 'rejected: the page does not name the business');
  return verdict(false, 'rejected: not enough evidence that the site is the business’s own');
}

/** What the authenticity check weighs, from an assessment (also used to refit the weights from stored results). */
export function authenticitySignals(
  a: { nameSimilarity: number; phoneMatch: boolean; postalCodeMatch: boolean; streetMatch: boolean; cityMatch: boolean; structuredDataMatch: boolean; domainResemblance: number },
  domain: string,
): Record<AuthenticitySignal, number> {
  return {
    name: a.nameSimilarity,
    phone: Number(a.phoneMatch),
    postalCode: Number(a.postalCodeMatch),
    street: Number(a.streetMatch),
    city: Number(a.cityMatch),
    structuredData: Number(a.structuredDataMatch),
    domainResemblance: a.domainResemblance,
    tldCom: Number(domain.toLowerCase().endsWith('.com')),
  };
}

function score(weights: AuthenticityWeights, signals: Record<AuthenticitySignal, number>, evidence: LocationEvidence): number {
  const raw = authenticityScore(weights, signals);
  const penalised = evidence.conflict && !evidence.cityWithRegion ? raw * CONFLICT_PENALTY : raw;
  return Math.round(Math.min(1, penalised) * 1000) / 1000;
}

function bestNameMatch(businessName: string, page: PageFacts): { score: number; source: string | null } {
  const candidates = [
    ...(page.title ? [page.title, ...page.title.split(/\s[|\-–—:•·]\s|\s[|–—•·]|[|–—•·]\s/)] : []),
    ...page.headings.slice(0, HEADINGS_CONSIDERED),
    ...page.structuredData.flatMap((item) => item.name ?? []),
  ];
  let best = { score: 0, source: null as string | null };
  for (const candidate of candidates) {
    const similarity = nameSimilarity(businessName, candidate);
    if (similarity > best.score) best = { score: similarity, source: candidate.slice(0, 80) };
  }
  return best;
}

interface LocationEvidence {
  phoneMatch: boolean;
  postalCodeMatch: boolean;
  streetMatch: boolean;
  cityMatch: boolean;
  /** "Springfield, IL" (or "Springfield IL") in the page text. */
  cityWithRegion: boolean;
  structuredDataMatch: boolean;
  /** The page shows a local phone or postal code and none of the prospect's. */
  conflict: boolean;
  /** Both another local phone and another postal code: a different business even in the same town. */
  hardConflict: boolean;
  pageHasLocation: boolean;
  reasons: string[];
}

function locationEvidence(prospect: ProspectInput, page: PageFacts): LocationEvidence {
  const zip = prospect.postalCode?.trim().slice(0, 5) ?? null;
  const city = prospect.city?.trim().toLowerCase() ?? null;
  const phoneMatch = !!prospect.phone && page.phones.includes(prospect.phone);
  const text = pageText(page.textSample);
  const postalCodeMatch = !!zip && (page.postalCodes.some((code) => code.startsWith(zip)) || wordIn(text, zip));
  const streetMatch = !!prospect.address && streetFound(prospect.address, [page.textSample, ...page.structuredData.flatMap((item) => item.streetAddress ?? [])]);
  const structuredCity = !!city && page.structuredData.some((item) => item.city?.toLowerCase() === city);
  const cityMatch = !!city && (wordIn(text, city) || structuredCity);
  const region = prospect.region?.trim().toLowerCase() ?? '';
  // Structured data carries no region here, and Springfield, OR is a Springfield too.
  const cityWithRegion = (!!city && !!region && wordIn(text, city, `,?\\s+${escape(region)}`));
  const structuredDataMatch = page.structuredData.some(
    (item) =>
      !!item.name &&
      nameSimilarity(prospect.name, item.name) >= NAME_STRONG &&
      ((!!prospect.phone && item.telephone === prospect.phone) ||
        (!!zip && !!item.postalCode?.startsWith(zip)) ||
        // A city alone ties the data to the place only when it names no phone or postal code of its own.
        (!!city && item.city?.toLowerCase() === city && !item.telephone && !item.postalCode)),
  );
  const localPhones = page.phones.filter((phone) => !isTollFree(phone));
  const otherPhone = !!prospect.phone && localPhones.length > 0 && !phoneMatch;
  const otherZip = !!zip && page.postalCodes.length > 0 && !postalCodeMatch;
  const conflict = (otherPhone || otherZip) && !phoneMatch && !postalCodeMatch && !streetMatch;
  const hardConflict = conflict && otherPhone && otherZip;
  const reasons: string[] = [];
  if (phoneMatch) reasons.push(`phone ${prospect.phone} on the page`);
  if (postalCodeMatch) reasons.push(`postal code ${zip} on the page`);
  if (streetMatch) reasons.push('street address on the page');
  if (cityMatch) reasons.push(`city ${prospect.city} on the page`);
  if (structuredDataMatch) reasons.push('schema.org data names the business at its location');
  if (otherPhone && !phoneMatch) reasons.push(`page lists other phones: ${localPhones.slice(0, 3).join(', ')}`);
  if (otherZip && !postalCodeMatch) reasons.push(`page lists other postal codes: ${page.postalCodes.slice(0, 3).join(', ')}`);
  const pageHasLocation = localPhones.length > 0 || page.postalCodes.length > 0;
  return { phoneMatch, postalCodeMatch, streetMatch, cityMatch, cityWithRegion, structuredDataMatch, conflict, hardConflict, pageHasLocation, reasons };
}

/** North American toll-free numbers say nothing about where a business is. */
function isTollFree(e164: string): boolean {
  return /^\+18(00|33|44|55|66|77|88)/.test(e164);
}

/** A page's text, and its lower case once for the words looked up in it. */
function pageText(raw: string): { raw: string; lower: string } {
  return { raw, lower: raw.toLowerCase() };
}

/** `word` as a whole word, optionally followed by a regex `suffix` (already escaped). */
function wordIn(text: { raw: string; lower: string }, word: string, suffix = ''): boolean {
  // A pattern compiled per page and word: skipped when the word is nowhere in the text.
  if (!text.lower.includes(word.toLowerCase())) return false;
  return new RegExp(`(^|[^a-z0-9])${escape(word)}${suffix}($|[^a-z0-9])`, 'i').test(text.raw);
}

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
