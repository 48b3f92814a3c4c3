import { describe, expect, it } from 'vitest';
import { domainLabelVariants, domainResemblance } from './domain-variants.ts';

describe('domainLabelVariants', () => {
  it.each([
    ['Acme Plumbing, Inc.', ['acmeplumbing', 'acme-plumbing']],
    ['Acme', ['acme']],
    ['Smith & Sons Roofing LLC', ['smithandsonsroofing', 'smithsonsroofing', 'smith-sons-roofing', 'smithsons', 'ssroofing']],
    ['Johnson Brothers Construction Co', ['johnsonbrothersconstruction', 'johnson-brothers-construction', 'johnsonbrosconstruction', 'johnsonbrothers', 'jbconstruction']],
    ['Café Olé', ['cafeole', 'cafe-ole']],
    ['The Green Door', ['greendoor', 'green-door']],
  ])('%s', (name, expected) => {
    expect(domainLabelVariants(name, 10)).toEqual(expected);
  });

  it('interleaves the DBA and legal names, DBA first', () => {
    expect(domainLabelVariants('Smith Holdings LLC dba Main Street Bakery', 4)).toEqual([
      'mainstreetbakery', 'smithholdings', 'main-street-bakery', 'smith-holdings',
    ]);
  });

  it('respects the bound and drops names with no usable characters', () => {
    expect(domainLabelVariants('Smith & Sons Roofing', 2)).toHaveLength(2);
    expect(domainLabelVariants('日本料理', 5)).toEqual([]);
    expect(domainLabelVariants('', 5)).toEqual([]);
  });
});

describe('domainResemblance', () => {
  it.each([
    ['acmeplumbing.com', 'Acme Plumbing LLC', 1, 1],
    ['acme-plumbing.net', 'Acme Plumbing', 1, 1],
    ['acmeplumbingil.com', 'Acme Plumbing', 0.8, 0.95],
    ['acme.com', 'Acme Plumbing', 0.6, 0.85],
    ['smithsonsroofing.com', 'Smith & Sons Roofing', 1, 1],
    ['jbconstruction.com', 'Johnson Brothers Construction', 0.75, 0.85],
    ['blueskydental.com', 'Acme Plumbing', 0, 0.35],
    ['mainstreetbakery.com', 'Smith Holdings LLC d/b/a Main Street Bakery', 1, 1],
  ])('%s vs %s', (domain, name, low, high) => {
    const score = domainResemblance(domain, name);
    expect(score).toBeGreaterThanOrEqual(low);
    expect(score).toBeLessThanOrEqual(high);
  });

  it('does not reward a short label for sharing initials by chance', () => {
    expect(domainResemblance('abstractart.com', 'Acme Builders')).toBeLessThan(0.4);
  });
});

describe('names whose inner words are legal forms', () => {
  it('also guesses the name with only its trailing corporate form dropped', () => {
    expect(domainLabelVariants('Akron Brewing Company Inc', 4).slice(0, 2)).toEqual(['akronbrewing', 'akronbrewingcompany']);
  });
});
