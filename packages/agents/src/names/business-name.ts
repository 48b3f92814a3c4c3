// Business-name normalisation shared by search (domain derivation, result matching),
// verify (page-title matching) and import (dedupe keys). Everything here is pure.
import { distance } from 'fastest-levenshtein';

/** Trailing words that name the legal form, not the business. Compared after dots are removed. */
const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'llc', 'co', 'corp', 'corporation', 'company', 'ltd', 'limited',
  'pllc', 'pc', 'pa', 'llp', 'lp', 'lllp', 'plc', 'chtd', 'chartered',
]);
/** Multi-word legal forms, matched at the end of the token list. */
const LEGAL_PHRASES = [['limited', 'liability', 'company'], ['professional', 'corporation'], ['professional', 'association']];
/** Words left dangling once a suffix is gone ("Smith & Co" → "smith and"). */
const DANGLING = new Set(['and', 'of', 'the']);
/** "Doing business as" markers; the part after one is the trading name. */
const DBA_PATTERN = /\s*(?:\b(?:d\s*\/\s*b\s*\/\s*a|d\.\s*b\.\s*a\.?|dba|t\s*\/\s*a|a\s*\/\s*k\s*\/\s*a|aka)\b\.?|\bdoing business as\b)\s*/i;

export interface ParsedBusinessName {
  /** Tokens of the name as listed (the legal name when a DBA is present). */
  tokens: string[];
  /** Tokens of the trading name after "d/b/a", when present. */
  dbaTokens: string[] | null;
}

/** Lower case, accents folded, `&`/`+` → `and`, apostrophes and dots dropped, other punctuation → space. */
export function cleanText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[&+]/g, ' and ')
    .replace(/\.(?:com|net|org|biz|us|info)\b/g, ' ')
    .replace(/['’‘`´.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function stripLegalForms(tokens: string[]): string[] {
  const out = [...tokens];
  let changed = true;
  while (changed && out.length > 1) {
    changed = false;
    for (const phrase of LEGAL_PHRASES) {
      const tail = out.slice(-phrase.length);
      if (out.length > phrase.length && tail.join(' ') === phrase.join(' ')) {
        out.splice(-phrase.length);
        changed = true;
      }
    }
    const last = out.at(-1);
    if (out.length > 1 && last !== undefined && (LEGAL_SUFFIXES.has(last) || DANGLING.has(last))) {
      out.pop();
      changed = true;
    }
  }
  if (out.length > 1 && out[0] === 'the') out.shift();
  // "The Company" is a name, not a suffix: keep it when only filler words would remain.
  return out.every((t) => DANGLING.has(t)) ? tokens : out;
}

function tokensOf(part: string): string[] {
  const cleaned = cleanText(part);
  return cleaned === '' ? [] : stripLegalForms(cleaned.split(' '));
}

/** Splits off a DBA trading name and returns both token lists, legal suffixes stripped. */
export function parseBusinessName(name: string): ParsedBusinessName {
  const match = DBA_PATTERN.exec(name);
  if (match === null || match.index === undefined) return { tokens: tokensOf(name), dbaTokens: null };
  const legal = tokensOf(name.slice(0, match.index));
  const dba = tokensOf(name.slice(match.index + match[0].length));
  if (legal.length === 0) return { tokens: dba, dbaTokens: null };
  return { tokens: legal, dbaTokens: dba.length > 0 ? dba : null };
}

/**
 * Suffix-free lower-case tokens. With a DBA the trading name wins: it is what the
 * business calls itself on its website and in search results.
 */
export function nameTokens(name: string): string[] {
  const parsed = parseBusinessName(name);
  return parsed.dbaTokens ?? parsed.tokens;
}

/** Every name the business may go by (trading name first), as token lists. */
export function nameAlternatives(name: string): string[][] {
  const parsed = parseBusinessName(name);
  return parsed.dbaTokens === null ? [parsed.tokens] : [parsed.dbaTokens, parsed.tokens];
}

/** A dedupe key: "The Joe's Pizza, L.L.C." and "joes pizza" share "joes pizza". */
export function nameKey(name: string): string {
  return nameTokens(name).join(' ');
}

/** 1 - normalised Levenshtein distance. */
export function stringRatio(a: string, b: string): number {
  if (a.length === 0 && b.length === 0) return 1;
  const longest = Math.max(a.length, b.length);
  return 1 - distance(a, b) / longest;
}

/** fuzzywuzzy's token-set ratio: word order and extra words on one side do not count against. */
export function tokenSetRatio(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const setA = new Set(a);
  const setB = new Set(b);
  const common = [...setA].filter((t) => setB.has(t)).sort();
  const onlyA = [...setA].filter((t) => !setB.has(t)).sort();
  const onlyB = [...setB].filter((t) => !setA.has(t)).sort();
  const t0 = common.join(' ');
  const t1 = [...common, ...onlyA].join(' ');
  const t2 = [...common, ...onlyB].join(' ');
  const pairs: number[] = [stringRatio(t1, t2)];
  if (common.length > 0) pairs.push(stringRatio(t0, t1), stringRatio(t0, t2));
  return Math.max(...pairs);
}

/**
 * Token-set similarity in 0..1, word-order tolerant, DBA-aware (best of the
 * alternatives). As in the classic token_set_ratio, a name whose tokens are all
 * contained in the other scores 1 ("Joe's Pizza" vs "Joe's Pizza & Grill").
 */
export function nameSimilarity(a: string, b: string): number {
  let best = 0;
  for (const ta of nameAlternatives(a)) {
    for (const tb of nameAlternatives(b)) {
      if (ta.length === 0 || tb.length === 0) continue;
      best = Math.max(best, tokenSetRatio(ta, tb));
    }
  }
  return best;
}

/**
 * Share of the name's tokens (weighted by length) that appear in a free text such as
 * a search-result title or snippet; tokens of 4+ letters may differ by one edit.
 */
export function nameContainment(name: string, text: string): number {
  const textTokens = new Set(cleanText(text).split(' ').filter((t) => t !== ''));
  let best = 0;
  for (const tokens of nameAlternatives(name)) {
    const total = tokens.reduce((sum, t) => sum + t.length, 0);
    if (total === 0) continue;
    let found = 0;
    for (const token of tokens) {
      if (textTokens.has(token)) found += token.length;
      else if (token.length >= 4 && [...textTokens].some((t) => Math.abs(t.length - token.length) <= 1 && distance(t, token) <= 1)) found += token.length;
    }
    best = Math.max(best, found / total);
  }
  return best;
}
