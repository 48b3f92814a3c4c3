// Domain labels a business might have registered, derived from its name, and how much a
// given domain resembles a name. Pure functions; DNS checks happen in the search agent.
import { getDomainWithoutSuffix } from 'tldts';
import { nameAlternatives, stringRatio } from './business-name.ts';

/** Word shortenings common in small-business domains; kept few on purpose (each costs DNS queries). */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['brothers', 'bros'],
  ['saint', 'st'],
  ['mount', 'mt'],
  ['mountain', 'mtn'],
  ['company', 'co'],
  ['services', 'svc'],
]);
const MAX_LABEL = 63;

/** Keeps only what a DNS label may hold (after accent folding, already done by nameTokens). */
function labelPart(token: string): string {
  return token.replace(/[^a-z0-9]/g, '');
}

function validLabel(label: string): boolean {
  return label.length >= 2 && label.length <= MAX_LABEL && /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(label);
}

/** Variants of one token list, most likely first. */
function variantsOf(rawTokens: string[]): string[] {
  const tokens = rawTokens.map(labelPart).filter((t) => t !== '');
  if (tokens.length === 0) return [];
  const withoutAnd = tokens.filter((t) => t !== 'and');
  const out = [tokens.join('')];
  if (withoutAnd.length !== tokens.length) out.push(withoutAnd.join(''));
  if (withoutAnd.length > 1) out.push(withoutAnd.join('-'));
  const abbreviated = withoutAnd.map((t) => ABBREVIATIONS.get(t) ?? t);
  if (abbreviated.join('') !== withoutAnd.join('')) out.push(abbreviated.join(''));
  if (withoutAnd.length >= 3) {
    out.push(withoutAnd.slice(0, 2).join(''));
    const initials = withoutAnd.slice(0, -1).map((t) => t[0] ?? '').join('');
    out.push(initials + (withoutAnd.at(-1) ?? ''));
  }
  return out;
}

const TRAILING_FORMS = new Set(['inc', 'incorporated', 'llc', 'ltd', 'limited', 'corp', 'co', 'pllc', 'pc', 'pa', 'llp', 'lp', 'plc']);

function withoutTrailingForms(name: string): string[] {
  const words = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9\s]/g, '')
    .split(/\s+/)
    .filter(Boolean);
  while (words.length > 1 && TRAILING_FORMS.has(words.at(-1)!)) words.pop();
  if (words[0] === 'the' && words.length > 1) words.shift();
  return words.map(labelPart).filter((t) => t !== '');
}

/**
 * Candidate second-level labels for a business name, most likely first, deduplicated:
 * words joined, without "and", dashed, abbreviated, first two words, initials + last word.
 * A DBA trading name comes before the legal name.
 */
export function domainLabelVariants(name: string, max: number): string[] {
  const seen = new Set<string>();
  const alternatives = nameAlternatives(name).map(variantsOf);
  // "Akron Brewing Company Inc" often owns akronbrewingcompany.com: the name with only its
  // trailing corporate form dropped is a guess of its own.
  const keptForm = withoutTrailingForms(name).join('');
  if (alternatives.length === 1 && keptForm !== '' && !alternatives[0]!.includes(keptForm)) alternatives.push([keptForm]);
  // Interleave so the legal name's best guess is not crowded out by the DBA's weaker ones.
  const longest = Math.max(0, ...alternatives.map((v) => v.length));
  for (let i = 0; i < longest && seen.size < max; i++) {
    for (const variants of alternatives) {
      const label = variants[i];
      if (label !== undefined && validLabel(label) && seen.size < max) seen.add(label);
    }
  }
  return [...seen];
}

/** The compact forms a name can take inside a domain label, each with the most it can score. */
function compactForms(name: string): { form: string; weight: number }[] {
  const forms: { form: string; weight: number }[] = [];
  for (const tokens of nameAlternatives(name)) {
    const parts = tokens.map(labelPart).filter((t) => t !== '');
    const noAnd = parts.filter((t) => t !== 'and');
    for (const form of [parts.join(''), noAnd.join(''), noAnd.map((t) => ABBREVIATIONS.get(t) ?? t).join('')]) {
      if (form !== '') forms.push({ form, weight: 1 });
    }
    if (noAnd.length >= 2) {
      const initials = noAnd.map((t) => t[0] ?? '').join('');
      forms.push({ form: initials.slice(0, -1) + (noAnd.at(-1) ?? ''), weight: 0.8 });
      forms.push({ form: initials, weight: 0.5 });
    }
  }
  return forms;
}

function labelScore(label: string, compact: string): number {
  if (label === compact) return 1;
  // acmeplumbingil.com, theacmeplumbing.com: the whole name plus a little.
  if (compact.length >= 3 && label.includes(compact)) return Math.max(0.75, 0.95 - 0.02 * (label.length - compact.length));
  // acme.com for "Acme Plumbing": a real but weaker resemblance.
  if (label.length >= 4 && compact.startsWith(label)) return 0.5 + 0.4 * (label.length / compact.length);
  if (label.length >= 4 && compact.includes(label)) return 0.4 + 0.3 * (label.length / compact.length);
  return stringRatio(label, compact);
}

/** 0..1: how much a domain's second-level label resembles the business name (dashes ignored). */
export function domainResemblance(domain: string, name: string): number {
  const label = (getDomainWithoutSuffix(domain) ?? domain.split('.')[0] ?? '').toLowerCase().replace(/-/g, '');
  if (label === '') return 0;
  let best = 0;
  for (const { form, weight } of compactForms(name)) {
    // Short forms (initials) only count when they match exactly.
    const score = form.length < 4 ? (label === form ? 1 : 0) : labelScore(label, form);
    best = Math.max(best, score * weight);
  }
  return Math.min(1, best);
}
