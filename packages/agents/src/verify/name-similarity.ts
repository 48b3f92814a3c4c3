// Business-name comparison that survives how names are really written: legal suffixes
// ("Inc", "LLC"), "&" vs "and", punctuation, word order, a DBA, and a title that adds a slogan.
import { cleanText, nameAlternatives, stringRatio as ratio, tokenSetRatio } from '../names/business-name.ts';

/** Words that carry no identity wherever they stand in a page's title or heading. */
const NOISE_WORDS = new Set([
  'inc', 'incorporated', 'llc', 'co', 'corp', 'corporation', 'company', 'ltd', 'limited', 'pllc', 'llp',
  'lp', 'pc', 'pa', 'plc', 'dba', 'the', 'and', 'of', 'a', 'an',
]);

function identityTokens(text: string): string[] {
  return cleanText(text).split(' ').filter((word) => word.length > 0 && !NOISE_WORDS.has(word));
}

/** The business's names (trading name first), as identity tokens. */
function nameVariants(businessName: string): string[][] {
  return nameAlternatives(businessName).map((tokens) => tokens.filter((word) => !NOISE_WORDS.has(word)));
}

/**
 * How well `candidate` (a title, heading, structured name) names the business. Token-set ratio
 * alone lets one shared generic word ("plumbing") score high, so it is weighted by how much of
 * the business name's letters the candidate covers.
 */
export function nameSimilarity(businessName: string, candidate: string): number {
  const candidateTokens = identityTokens(candidate);
  let best = 0;
  for (const tokens of nameVariants(businessName)) {
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
  for (const tokens of nameVariants(businessName)) {
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
