// Finds a list's street address ("123 N. Main Street, Suite 4") in page text written differently
// ("123 North Main St."): both sides are normalised to USPS-style abbreviations, then the house
// number must be followed closely by the street's distinctive word.

const ABBREVIATIONS: Record<string, string> = {
  street: 'st', avenue: 'ave', av: 'ave', road: 'rd', boulevard: 'blvd', drive: 'dr', lane: 'ln', court: 'ct',
  place: 'pl', parkway: 'pkwy', highway: 'hwy', suite: 'ste', circle: 'cir', terrace: 'ter', square: 'sq',
  trail: 'trl', turnpike: 'tpke', expressway: 'expy', north: 'n', south: 's', east: 'e', west: 'w',
  northeast: 'ne', northwest: 'nw', southeast: 'se', southwest: 'sw', first: '1st', second: '2nd', third: '3rd',
};

/** Each normalised word and the raw words that normalise to it ("1st": "1st", "first"). */
const SPELLINGS = new Map<string, string[]>();
for (const [word, short] of Object.entries(ABBREVIATIONS)) SPELLINGS.set(short, [...(SPELLINGS.get(short) ?? [short]), word]);

/** Words that do not identify a street: directions and street types. */
const GENERIC = new Set(['n', 's', 'e', 'w', 'ne', 'nw', 'se', 'sw', 'st', 'ave', 'rd', 'blvd', 'dr', 'ln', 'ct', 'pl', 'pkwy', 'hwy', 'cir', 'ter', 'sq', 'trl', 'way']);
/** Short words allowed between the house number and the distinctive word ("n", "old", "sw"). */
const MAX_GAP_WORDS = 2;

export function normaliseAddress(text: string): string {
  return text
    .toLowerCase()
    .replace(/[.,#]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(' ');
}

export function streetFound(address: string, haystacks: string[]): boolean {
  const words = normaliseAddress(address).split(' ');
  const number = words[0] && /^\d+[a-z]?$/.test(words[0]) ? words[0] : null;
  const distinctive = words.slice(number ? 1 : 0).find((word) => !GENERIC.has(word) && word !== 'ste');
  if (!distinctive) return false;
  // Normalising a page's text is most of the cost, and most pages (other businesses') lack the
  // street's word in any spelling: the normalised text can only hold it where the raw one does.
  const spellings = SPELLINGS.get(distinctive) ?? [distinctive];
  const candidates = haystacks.filter((text) => {
    const lower = text.toLowerCase();
    return (!number || lower.includes(number)) && spellings.some((spelling) => lower.includes(spelling));
  });
  if (candidates.length === 0) return false;
  const escaped = distinctive.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = number
    ? new RegExp(`(^|\\s)${number}\\s+([a-z]{1,3}\\s+){0,${MAX_GAP_WORDS}}${escaped}(\\s|$)`)
    : new RegExp(`(^|\\s)${escaped}\\s+(${[...GENERIC].join('|')})(\\s|$)`);
  return candidates.some((text) => pattern.test(normaliseAddress(text)));
}
