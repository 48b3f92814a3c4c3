// Business-name comparison that survives how names are really written: legal suffixes
// ("Inc", "LLC"), "&" vs "and", punctuation, word order, a DBA, and a title that adds a slogan.
import { distance } from 'fastest-levenshtein';

/** Words that carry no identity: legal forms, articles, connectors. */
const NOISE_WORDS = new Set([
  'inc', 'incorporated', 'llc', 'l', 'c', 'co', 'corp', 'corporation', 'company', 'ltd', 'limited', 'pllc', 'llp',
  'lp', 'pc', 'pa', 'plc', 'dba', 'the', 'and', 'of', 'a', 'an',
]);

export function nameTokens(name: string): string[] {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ');
  return cleaned.split(' ').filter((word) => word.length > 0 && !NOISE_WORDS.has(word));
}

/** A DBA name is the name the public sees: compare both the legal and the trading name. */
export function nameVariants(name: string): string[] {
  const parts = name.split(/\b(?:d\/b\/a|dba|doing business as)\b/i).map((part) => part.trim()).filter(Boolean);
  return parts.length > 1 ? [name, ...parts] : [name];
}

/** 1 − normalised Levenshtein distance. */
export function ratio(a: string, b: string): number {
  if (a.length === 0 && b.length === 0) return 1;
  return 1 - distance(a, b) / Math.max(a.length, b.length);
}

/** fuzzywuzzy's token-set ratio: word order and extra words on one side do not count against. */
export function tokenSetRatio(aTokens: string[], bTokens: string[]): number {
  if (aTokens.length === 0 || bTokens.length === 0) return 0;
  const a = new Set(aTokens);
  const b = new Set(bTokens);
  const common = [...a].filter((word) => b.has(word)).sort().join(' ');
  const onlyA = [...a].filter((word) => !b.has(word)).sort().join(' ');
  const onlyB = [...b].filter((word) => !a.has(word)).sort().join(' ');
  const withA = `${common} ${onlyA}`.trim();
  const withB = `${common} ${onlyB}`.trim();
  const scores = [ratio(withA, withB)];
  if (common) scores.push(ratio(common, withA), ratio(common, withB));
  return Math.max(...scores);
}

/**
 * How well `candidate` (a title, heading, structured name) names the business. Token-set ratio
 * alone lets one shared generic word ("plumbing") score high, so it is weighted by how much of
 * the business name's letters the candidate covers.
 */
export function nameSimilarity(businessName: string, candidate: string): number {
  const candidateTokens = nameTokens(candidate);
  let best = 0;
  for (const variant of nameVariants(businessName)) {
    const tokens = nameTokens(variant);
    if (tokens.length === 0) continue;
    const setRatio = tokenSetRatio(tokens, candidateTokens);
    const joined = candidateTokens.join('');
    const coverage = letterCoverage(tokens, new Set(candidateTokens), joined);
    best = Math.max(best, Math.min(setRatio, 0.5 + coverage / 2), ratio(tokens.join(''), joined));
  }
  return round(best);
}

/** Share of the name's letters whose word appears in the candidate (as a word or run together, "joesplumbing"). */
function letterCoverage(tokens: string[], candidate: Set<string>, joined: string): number {
  const total = tokens.reduce((sum, word) => sum + word.length, 0);
  const covered = tokens.filter((word) => candidate.has(word) || (word.length >= 4 && joined.includes(word)));
  return covered.reduce((sum, word) => sum + word.length, 0) / total;
}

/** How much a domain's first label looks like the business name: joined words, initials, or a part of either. */
export function domainResemblance(businessName: string, domainLabel: string): number {
  const label = domainLabel.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!label) return 0;
  let best = 0;
  for (const variant of nameVariants(businessName)) {
    const tokens = nameTokens(variant);
    if (tokens.length === 0) continue;
    const joined = tokens.join('');
    const initials = tokens.map((word) => word[0]).join('');
    best = Math.max(best, ratio(label, joined), initials.length >= 2 ? ratio(label, initials) : 0);
    // joesplumbing vs joesplumbingspringfield, or joes vs joesplumbing: a containment, discounted.
    if (Math.min(label.length, joined.length) >= 4 && (joined.includes(label) || label.includes(joined))) {
      best = Math.max(best, 0.7 + 0.3 * (Math.min(label.length, joined.length) / Math.max(label.length, joined.length)));
    }
  }
  return round(best);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
