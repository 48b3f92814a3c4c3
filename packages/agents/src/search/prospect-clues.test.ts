import { describe, expect, it } from 'vitest';
import type { ProspectInput } from '../types.ts';
import { buildProspectClues, buildSearchQueries, findMentions } from './prospect-clues.ts';

const BASE: ProspectInput = {
  id: 1, name: 'Acme Plumbing, Inc.', address: '123 Main St.', city: 'St. Louis', region: 'MO', postalCode: '63101-1234',
  phone: '+13145550134', website: null, websiteDomain: null, emailDomain: null, employees: null, revenue: null, industryCode: null,
};

describe('buildProspectClues', () => {
  it('normalises the prospect once', () => {
    expect(buildProspectClues(BASE)).toEqual({
      searchName: 'acme plumbing', city: 'st louis', place: 'St. Louis MO', state: 'MO',
      phoneDigits: '3145550134', phoneNational: '(314) 555-0134', streetPrefix: '123 main', postalCode: '63101',
    });
  });

  it('copes with missing and unusable fields', () => {
    const clues = buildProspectClues({ ...BASE, address: 'PO Box 9', city: null, region: 'Ontario', postalCode: null, phone: '+1555' });
    expect(clues).toMatchObject({ city: null, place: 'Ontario', state: null, phoneDigits: null, streetPrefix: null, postalCode: null });
  });
});

describe('findMentions', () => {
  const clues = buildProspectClues(BASE);
  it.each([
    ['Plumbers in St. Louis, MO', { city: true, phone: false, street: false, elsewhere: false }],
    ['Call 314.555.0134 today', { city: false, phone: true, street: false, elsewhere: false }],
    ['Call +1 (314) 555-0134', { city: false, phone: true, street: false, elsewhere: false }],
    ['123 Main St, 63101', { city: false, phone: false, street: true, elsewhere: false }],
    ['Serving Shelbyville, KY since 1990', { city: false, phone: false, street: false, elsewhere: true }],
    ['East St. Louisville news', { city: false, phone: false, street: false, elsewhere: false }],
    ['Order no. 93145550134999', { city: false, phone: false, street: false, elsewhere: false }],
  ])('%s', (text, expected) => {
    expect(findMentions(text, clues)).toEqual(expected);
  });
});

describe('buildSearchQueries', () => {
  it('builds town then phone queries, bounded', () => {
    const clues = buildProspectClues(BASE);
    expect(buildSearchQueries(clues, 2)).toEqual(['acme plumbing St. Louis MO', 'acme plumbing (314) 555-0134']);
    expect(buildSearchQueries(clues, 1)).toEqual(['acme plumbing St. Louis MO']);
    expect(buildSearchQueries(clues, 0)).toEqual([]);
  });

  it('asks nothing for a name with no usable tokens', () => {
    expect(buildSearchQueries(buildProspectClues({ ...BASE, name: '  ' }), 2)).toEqual([]);
  });
});
