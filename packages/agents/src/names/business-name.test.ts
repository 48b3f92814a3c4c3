import { describe, expect, it } from 'vitest';
import { cleanText, nameAlternatives, nameContainment, nameKey, nameSimilarity, nameTokens, parseBusinessName } from './business-name.ts';

describe('cleanText', () => {
  it.each([
    ['Café Olé', 'cafe ole'],
    ["Joe's Pizza & Grill", 'joes pizza and grill'],
    ['A+B Plumbing', 'a and b plumbing'],
    ['Smith-Jones, Inc.', 'smith jones inc'],
    ['Amazon.com Inc', 'amazon inc'],
  ])('%s → %s', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});

describe('nameKey', () => {
  it.each([
    ['Acme Plumbing, Inc.', 'acme plumbing'],
    ['Acme Plumbing Inc', 'acme plumbing'],
    ['ACME PLUMBING LLC', 'acme plumbing'],
    ['Acme Plumbing L.L.C.', 'acme plumbing'],
    ['Acme Plumbing Co., Inc.', 'acme plumbing'],
    ['Acme Plumbing Corporation', 'acme plumbing'],
    ['Acme Plumbing Company', 'acme plumbing'],
    ['Acme Plumbing Ltd', 'acme plumbing'],
    ['Smith Law PLLC', 'smith law'],
    ['Smith Dental PC', 'smith dental'],
    ['Smith Accounting P.A.', 'smith accounting'],
    ['Smith Partners LLP', 'smith partners'],
    ['Smith Holdings LP', 'smith holdings'],
    ['Acme Limited Liability Company', 'acme'],
    ['The Green Door', 'green door'],
    ['Smith & Co.', 'smith'],
    ['Smith & Sons Roofing', 'smith and sons roofing'],
    ['Crème Brûlée Bakery', 'creme brulee bakery'],
    ['The Company', 'the company'],
    ['Inc', 'inc'],
    ['', ''],
    ['Company Store of Ohio', 'company store of ohio'],
  ])('%s → %s', (input, expected) => {
    expect(nameKey(input)).toBe(expected);
  });

  it('gives the same key to spelling variants of one business', () => {
    expect(nameKey("The Joe's Pizza, L.L.C.")).toBe(nameKey('JOES PIZZA'));
  });
});

describe('DBA handling', () => {
  it.each([
    ['Smith Holdings LLC d/b/a Main Street Bakery', ['smith', 'holdings'], ['main', 'street', 'bakery']],
    ['Smith Holdings LLC DBA Main Street Bakery', ['smith', 'holdings'], ['main', 'street', 'bakery']],
    ['Smith Holdings, LLC, D.B.A. Main Street Bakery Inc', ['smith', 'holdings'], ['main', 'street', 'bakery']],
    ['Smith Holdings LLC', ['smith', 'holdings'], null],
  ])('%s', (input, legal, dba) => {
    const parsed = parseBusinessName(input);
    expect(parsed.tokens).toEqual(legal);
    expect(parsed.dbaTokens).toEqual(dba);
  });

  it('prefers the trading name for tokens and lists both as alternatives', () => {
    const name = 'Smith Holdings LLC dba Main Street Bakery';
    expect(nameTokens(name)).toEqual(['main', 'street', 'bakery']);
    expect(nameAlternatives(name)).toEqual([['main', 'street', 'bakery'], ['smith', 'holdings']]);
  });

  it('does not split on words that merely contain "dba" or "aka"', () => {
    expect(nameKey('Sakana Sushi')).toBe('sakana sushi');
    expect(nameKey('Adbal Tools')).toBe('adbal tools');
  });
});

describe('nameSimilarity', () => {
  it.each([
    ['Acme Plumbing Inc', 'ACME PLUMBING, LLC', 1],
    ['Plumbing Acme', 'Acme Plumbing', 1],
    ["Joe's Pizza", 'Joes Pizza & Grill', 1],
    ['Smith Holdings LLC dba Main Street Bakery', 'Main Street Bakery', 1],
  ])('%s ~ %s = %d', (a, b, expected) => {
    expect(nameSimilarity(a, b)).toBeCloseTo(expected, 5);
  });

  it('scores a one-letter typo high but below 1', () => {
    const s = nameSimilarity('Acme Plumbing', 'Acme Plumbin');
    expect(s).toBeGreaterThan(0.85);
    expect(s).toBeLessThan(1);
  });

  it('scores unrelated names low', () => {
    expect(nameSimilarity('Acme Plumbing', 'Blue Sky Dental')).toBeLessThan(0.4);
  });

  it('is symmetric and bounded', () => {
    const pairs: [string, string][] = [['Acme Roofing', 'Acme Roof Co'], ['A', 'B'], ['Green Door', 'The Red Door']];
    for (const [a, b] of pairs) {
      const s = nameSimilarity(a, b);
      expect(s).toBe(nameSimilarity(b, a));
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });

  it('returns 0 for empty names', () => {
    expect(nameSimilarity('', 'Acme')).toBe(0);
  });
});

describe('nameContainment', () => {
  it('finds the name in a noisy title', () => {
    expect(nameContainment('Acme Plumbing LLC', 'Acme Plumbing | Springfield, IL plumbers')).toBe(1);
  });

  it('tolerates one edit on long tokens', () => {
    expect(nameContainment('Acme Plumbing', 'Acme Plumbng Springfield')).toBe(1);
  });

  it('gives partial credit weighted by token length', () => {
    const s = nameContainment('Acme Plumbing', 'Plumbing services in Springfield');
    expect(s).toBeCloseTo(8 / 12, 5);
  });

  it('returns 0 when nothing matches', () => {
    expect(nameContainment('Acme Plumbing', 'Blue Sky Dental')).toBe(0);
  });
});
