import { describe, expect, it } from 'vitest';
import { PermanentError, RateLimitedError, TransientError } from '../errors.ts';
import type { DnsOutcome, SearchHit } from '../ports.ts';
import type { ProspectInput } from '../types.ts';
import { runSearchAgent, validateSearchAgentOptions, type SearchAgentOptions } from './search.agent.ts';
import { MemoryResolver, MemorySearch } from './test/memory-ports.ts';

const ACME: ProspectInput = {
  id: 1,
  name: 'Acme Plumbing LLC',
  address: '123 Main St',
  city: 'Springfield',
  region: 'IL',
  postalCode: '62701',
  phone: '+12175550134',
  website: null,
  websiteDomain: null,
  emailDomain: null,
  employees: 8,
  revenue: null,
  industryCode: '238220',
};
const Q_TOWN = 'acme plumbing Springfield IL';
const Q_PHONE = 'acme plumbing (217) 555-0134';
const OPTIONS: SearchAgentOptions = { maxCandidates: 4, tlds: ['com', 'net', 'biz', 'us'], maxNameVariants: 2, searchQueries: 2 };

function prospect(overrides: Partial<ProspectInput>): ProspectInput {
  return { ...ACME, ...overrides };
}
function hit(url: string, title: string, content = ''): SearchHit {
  return { url, title, content };
}
function searchWith(entries: [string, SearchHit[]][]): MemorySearch {
  return new MemorySearch(new Map(entries));
}
function dns(entries: [string, DnsOutcome][] = []): MemoryResolver {
  return new MemoryResolver(new Map(entries));
}
const domains = (r: { candidates: { domain: string }[] }) => r.candidates.map((c) => c.domain);

describe('list columns', () => {
  it.each([
    [{ websiteDomain: 'acmeplumbing.com', website: 'https://www.acmeplumbing.com/' }],
    [{ websiteDomain: null, website: 'https://www.AcmePlumbing.com/contact-us' }],
    [{ websiteDomain: null, website: 'www.acmeplumbing.com' }],
    [{ websiteDomain: null, website: 'acmeplumbing.com.' }],
    [{ websiteDomain: null, website: 'http://shop.acmeplumbing.com:8080/x?y=1' }],
  ])('takes the website column %j as a strong candidate', async (columns) => {
    const result = await runSearchAgent(prospect(columns), { resolver: dns(), search: null }, OPTIONS);
    expect(result.candidates).toHaveLength(1);
    // The list's domain is also the obvious name: that is recorded, the weight stays with the list.
    expect(result.candidates[0]).toMatchObject({ domain: 'acmeplumbing.com', sources: ['list-website', 'name-derived'] });
    expect(result.candidates[0]?.score).toBe(0.85);
    expect(result.candidates[0]?.score).toBeGreaterThanOrEqual(0.8);
  });

  it('treats a social page in the website column as a matched social page, not a candidate', async () => {
    const result = await runSearchAgent(
      prospect({ website: 'https://www.facebook.com/acmeplumbingil', websiteDomain: 'facebook.com' }),
      { resolver: dns(), search: null },
      OPTIONS,
    );
    expect(result.candidates).toEqual([]);
    expect(result.socialPages).toEqual([
      { url: 'https://www.facebook.com/acmeplumbingil', network: 'facebook', title: 'Acme Plumbing LLC', matched: true },
    ]);
  });

  it('ignores platform subdomains and IP addresses in the website column', async () => {
    for (const website of ['https://acme-plumbing.myshopify.com', 'http://acme.wixsite.com/home', 'http://192.0.2.7/']) {
      const result = await runSearchAgent(prospect({ website }), { resolver: dns(), search: null }, OPTIONS);
      expect(result.candidates, website).toEqual([]);
    }
  });

  it.each(['gmail.com', 'yahoo.com', 'yahoo.co.uk', 'hotmail.com', 'icloud.com', 'proton.me', 'zoho.com', 'zohomail.com'])(
    'skips the free-mail domain %s',
    async (emailDomain) => {
      const result = await runSearchAgent(prospect({ emailDomain }), { resolver: dns(), search: null }, OPTIONS);
      expect(result.candidates).toEqual([]);
      expect(result.ispMailDomains).toEqual([]);
    },
  );

  it.each([
    ['sbcglobal.net', 'sbcglobal.net'],
    ['comcast.net', 'comcast.net'],
    ['nc.rr.com', 'rr.com'],
    ['optonline.net', 'optonline.net'],
  ])('records the ISP mail domain %s as a hint, not a candidate', async (emailDomain, expected) => {
    const result = await runSearchAgent(prospect({ emailDomain }), { resolver: dns(), search: null }, OPTIONS);
    expect(result.candidates).toEqual([]);
    expect(result.ispMailDomains).toEqual([expected]);
  });

  it('merges website and e-mail columns naming one domain into one stronger candidate', async () => {
    const result = await runSearchAgent(
      prospect({ websiteDomain: 'acmeplumbing.com', website: 'acmeplumbing.com', emailDomain: 'AcmePlumbing.com' }),
      { resolver: dns(), search: null },
      OPTIONS,
    );
    expect(result.candidates).toHaveLength(1);
    expect(result.candidates[0]?.sources).toEqual(['list-website', 'list-email', 'name-derived']);
    expect(result.candidates[0]?.score).toBeGreaterThan(0.9);
    expect(result.candidates[0]?.evidence).toEqual([
      'list website: acmeplumbing.com',
      'list email domain: AcmePlumbing.com',
      'derived from name: acmeplumbing.com',
    ]);
  });
});

describe('search results', () => {
  it('asks name + town and name + national phone', async () => {
    const search = searchWith([]);
    const result = await runSearchAgent(ACME, { resolver: dns(), search }, OPTIONS);
    expect(search.asked).toEqual([Q_TOWN, Q_PHONE]);
    expect(result.queries).toEqual([Q_TOWN, Q_PHONE]);
    expect(result.searchError).toBeNull();
  });

  it('asks only the town query when searchQueries is 1 or the phone is missing', async () => {
    const one = searchWith([]);
    await runSearchAgent(ACME, { resolver: dns(), search: one }, { ...OPTIONS, searchQueries: 1 });
    expect(one.asked).toEqual([Q_TOWN]);
    const noPhone = searchWith([]);
    await runSearchAgent(prospect({ phone: null }), { resolver: dns(), search: noPhone }, OPTIONS);
    expect(noPhone.asked).toEqual([Q_TOWN]);
  });

  it('never makes candidates of directories, maps, platforms or IPs', async () => {
    const search = searchWith([
      [
        Q_TOWN,
        [
          hit('https://www.yelp.com/biz/acme-plumbing-springfield', 'Acme Plumbing - Springfield - Yelp', 'Springfield IL'),
          hit('https://www.yellowpages.com/springfield-il/acme', 'Acme Plumbing Springfield IL'),
          hit('https://www.bbb.org/us/il/springfield/profile/acme', 'Acme Plumbing | BBB'),
          hit('https://maps.google.com/?cid=123', 'Acme Plumbing'),
          hit('https://www.yelp.ca/biz/acme', 'Acme Plumbing'),
          hit('https://acme-plumbing.myshopify.com/', 'Acme Plumbing Store'),
          hit('https://acmeplumbing.wordpress.com/', 'Acme Plumbing blog'),
          hit('http://203.0.113.9/acme', 'Acme Plumbing'),
          hit('https://www.manta.com/c/acme', 'Acme Plumbing LLC Springfield IL'),
          hit('not a url', 'Acme Plumbing'),
        ],
      ],
    ]);
    const result = await runSearchAgent(ACME, { resolver: dns(), search }, OPTIONS);
    expect(result.candidates).toEqual([]);
    expect(result.socialPages).toEqual([]);
  });

  it('keeps a social page naming the business in its town as matched, others as unmatched', async () => {
    const search = searchWith([
      [
        Q_TOWN,
        [
          hit('https://www.facebook.com/acmeplumbingspringfield', 'Acme Plumbing | Springfield IL', 'Plumber. Call (217) 555-0134'),
          hit('https://www.facebook.com/acmeplumbingdenver', 'Acme Plumbing', 'Plumbing in Denver, CO'),
          hit('https://www.instagram.com/cats', 'Cute cats', 'Springfield'),
        ],
      ],
      [Q_PHONE, [hit('https://www.facebook.com/acmeplumbingspringfield/', 'Acme Plumbing', '(217) 555-0134')]],
    ]);
    const result = await runSearchAgent(ACME, { resolver: dns(), search }, OPTIONS);
    expect(result.candidates).toEqual([]);
    expect(result.socialPages).toEqual([
      { url: 'https://www.facebook.com/acmeplumbingspringfield', network: 'facebook', title: 'Acme Plumbing | Springfield IL', matched: true },
      { url: 'https://www.facebook.com/acmeplumbingdenver', network: 'facebook', title: 'Acme Plumbing', matched: false },
    ]);
  });

  it('scores the real business above a namesake in another town ranked first', async () => {
    const search = searchWith([
      [
        Q_TOWN,
        [
          hit('https://acmeplumbing.net/', 'Acme Plumbing', 'Family plumbers serving Shelbyville, KY since 1990'),
          hit('https://www.acmeplumbingil.com/', 'Acme Plumbing | Springfield plumber', 'Visit us at 123 Main St, Springfield. Call (217) 555-0134'),
        ],
      ],
      [Q_PHONE, [hit('https://www.acmeplumbingil.com/contact', 'Contact Acme Plumbing', '(217) 555-0134')]],
    ]);
    const resolver = dns([['acmeplumbing.net|A', 'ok']]);
    const result = await runSearchAgent(ACME, { resolver, search }, OPTIONS);
    expect(domains(result).slice(0, 2)).toEqual(['acmeplumbingil.com', 'acmeplumbing.net']);
    const [real, namesake] = result.candidates;
    expect(real?.sources).toEqual(['search']);
    expect(real?.evidence).toEqual(['https://www.acmeplumbingil.com/', 'https://www.acmeplumbingil.com/contact']);
    expect((real?.score ?? 0) - (namesake?.score ?? 0)).toBeGreaterThan(0.1);
    // The namesake owns the obvious name: recorded as derived, but not scored up for it.
    expect(namesake?.sources).toEqual(['search', 'name-derived']);
  });

  it('scores an unrelated site mentioning the business below one that resembles its name', async () => {
    const search = searchWith([
      [
        Q_TOWN,
        [
          hit('https://springfieldnews.com/2024/best-plumbers', 'Best plumbers in Springfield', 'Acme Plumbing, Joe Pipes and more'),
          hit('https://acmeplumbingco.com/', 'Acme Plumbing Co', 'Springfield IL plumbing'),
        ],
      ],
    ]);
    const result = await runSearchAgent(ACME, { resolver: dns(), search }, { ...OPTIONS, searchQueries: 1 });
    expect(domains(result)).toEqual(['acmeplumbingco.com', 'springfieldnews.com']);
  });

  it('bounds the candidates to maxCandidates, best first', async () => {
    const hits = ['acmeplumbing1.com', 'acmeplumbing2.com', 'acmeplumbing3.com', 'acmeplumbing4.com', 'acmeplumbing5.com'].map((d) =>
      hit(`https://${d}/`, 'Acme Plumbing', 'Springfield'),
    );
    const result = await runSearchAgent(ACME, { resolver: dns(), search: searchWith([[Q_TOWN, hits]]) }, { ...OPTIONS, maxCandidates: 2 });
    expect(domains(result)).toEqual(['acmeplumbing1.com', 'acmeplumbing2.com']);
    expect(result.candidates[0]!.score).toBeGreaterThanOrEqual(result.candidates[1]!.score);
  });
});

describe('search failures', () => {
  it('re-throws RateLimitedError so the queue waits without spending an attempt', async () => {
    const limited = new RateLimitedError('slow down', 7000);
    const search = new MemorySearch(new Map(), limited);
    await expect(runSearchAgent(ACME, { resolver: dns(), search }, OPTIONS)).rejects.toBe(limited);
  });

  it('re-throws TransientError so the queue retries', async () => {
    const search = new MemorySearch(new Map(), new TransientError('503', 'http-503'));
    await expect(runSearchAgent(ACME, { resolver: dns(), search }, OPTIONS)).rejects.toBeInstanceOf(TransientError);
  });

  it('records a PermanentError and still returns list and name candidates', async () => {
    const search = new MemorySearch(new Map(), new PermanentError('brave: HTTP 401', 'http-401'));
    const resolver = dns([['acmeplumbing.com|A', 'ok']]);
    const result = await runSearchAgent(prospect({ emailDomain: 'acme-pipes.com' }), { resolver, search }, OPTIONS);
    expect(result.searchError).toBe('http-401: brave: HTTP 401');
    expect(domains(result)).toEqual(['acme-pipes.com', 'acmeplumbing.com']);
  });

  it('does not search at all without a search port', async () => {
    const result = await runSearchAgent(ACME, { resolver: dns(), search: null }, OPTIONS);
    expect(result.queries).toEqual([]);
    expect(result.searchError).toBeNull();
  });
});

describe('name-derived candidates', () => {
  it('keeps a derived name only when it exists in DNS (A, or NS when A has no data)', async () => {
    const resolver = dns([
      ['acmeplumbing.com|A', 'ok'],
      ['acme-plumbing.com|A', 'nodata'],
      ['acme-plumbing.com|NS', 'ok'],
      ['acmeplumbing.net|A', 'servfail'],
      ['acmeplumbing.net|NS', 'servfail'],
    ]);
    const result = await runSearchAgent(ACME, { resolver, search: null }, OPTIONS);
    expect(domains(result)).toEqual(['acmeplumbing.com', 'acme-plumbing.com']);
    expect(result.candidates.every((c) => c.sources.join() === 'name-derived')).toBe(true);
    expect(result.candidates[0]!.score).toBeLessThan(0.5);
    // NXDOMAIN answers A alone; the NS question is not asked.
    expect(resolver.asked).not.toContain('acmeplumbing.biz|NS');
    expect(resolver.asked).toContain('acmeplumbing.biz|A');
  });

  it('spends at most maxDnsQueries', async () => {
    const answers: [string, DnsOutcome][] = [];
    for (const label of ['acmeplumbing', 'acme-plumbing']) {
      for (const tld of ['com', 'net', 'biz', 'us']) answers.push([`${label}.${tld}|A`, 'timeout'], [`${label}.${tld}|NS`, 'timeout']);
    }
    const resolver = dns(answers);
    const result = await runSearchAgent(ACME, { resolver, search: null }, { ...OPTIONS, maxDnsQueries: 5 });
    expect(resolver.asked).toHaveLength(5);
    expect(result.candidates).toEqual([]);
  });

  it('asks .com variants before other TLDs and does not re-check domains already seen', async () => {
    const resolver = dns();
    await runSearchAgent(prospect({ websiteDomain: 'acmeplumbing.com' }), { resolver, search: null }, OPTIONS);
    const aQueries = resolver.asked.filter((q) => q.endsWith('|A'));
    expect(aQueries.slice(0, 2)).toEqual(['acme-plumbing.com|A', 'acmeplumbing.net|A']);
    expect(aQueries).not.toContain('acmeplumbing.com|A');
  });

  it('gives a derived name confirmed by search its search weight', async () => {
    const search = searchWith([[Q_TOWN, [hit('https://acmeplumbing.com/', 'Acme Plumbing Springfield', '')]]]);
    const result = await runSearchAgent(ACME, { resolver: dns(), search }, OPTIONS);
    expect(result.candidates[0]).toMatchObject({ domain: 'acmeplumbing.com', sources: ['search', 'name-derived'] });
    expect(result.candidates[0]!.score).toBeGreaterThan(0.5);
  });
});

describe('options', () => {
  it('rejects unusable settings eagerly', () => {
    expect(() => validateSearchAgentOptions({ ...OPTIONS, maxCandidates: 0 })).toThrow(RangeError);
    expect(() => validateSearchAgentOptions({ ...OPTIONS, searchQueries: 3 })).toThrow(RangeError);
    expect(() => validateSearchAgentOptions({ ...OPTIONS, tlds: ['com', 'not a tld'] })).toThrow(RangeError);
  });

  it('stops when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('shutdown'));
    await expect(runSearchAgent(ACME, { resolver: dns(), search: null }, OPTIONS, controller.signal)).rejects.toThrow('shutdown');
  });
});
