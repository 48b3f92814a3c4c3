// The verify agent's pure parts: name matching, street matching, page extraction, authenticity
// rules and parking detection, on pages written the way small-business sites are.
import { describe, expect, it } from 'vitest';
import { assessAuthenticity } from './authenticity.ts';
import type { AuthenticityWeights } from '../learning/scoring-weights.ts';
import { domainResemblance, nameSimilarity } from './name-similarity.ts';
import { MAX_HTML_CHARS, extractPageFacts } from './page-extract.ts';
import { detectParking } from './parked.ts';
import { streetFound } from './street-match.ts';
import { joes, joesPage, namesakePage, parkedPage } from './verify.fixtures.ts';

const facts = (html: string, url = 'https://example.com/') => extractPageFacts(html, url, 'US');

describe('nameSimilarity', () => {
  it.each([
    ["Joe's Plumbing & Heating LLC", 'Joes Plumbing and Heating | Springfield Plumbers'],
    ["Joe's Plumbing & Heating LLC", 'Heating & Plumbing by Joe’s'],
    ['The Smith Group, Inc.', 'SMITH GROUP'],
    ['ABC Holdings LLC DBA Maple Street Bakery', 'Maple Street Bakery – fresh bread daily'],
    ['Acme Corp.', 'Acme Corporation'],
    ['Crème de la Crème Salon', 'Creme de la Creme Salon'],
  ])('%j matches %j', (name, candidate) => {
    expect(nameSimilarity(name, candidate)).toBeGreaterThanOrEqual(0.85);
  });

  it.each([
    ["Joe's Plumbing & Heating LLC", 'Best Plumbing Services'],
    ["Joe's Plumbing & Heating LLC", 'Welcome'],
    ['Green Valley Dental PLLC', 'Blue River Dental'],
    ['Smith & Sons Roofing', 'Jones Roofing Co'],
  ])('%j does not match %j', (name, candidate) => {
    expect(nameSimilarity(name, candidate)).toBeLessThan(0.85);
  });

  it('scores domains that spell the name, its initials or contain it', () => {
    expect(domainResemblance("Joe's Plumbing & Heating LLC", 'joesplumbing')).toBeGreaterThanOrEqual(0.8);
    expect(domainResemblance('Green Valley Dental PLLC', 'gvd')).toBe(1);
    expect(domainResemblance('Acme Corp', 'acmesupplyil')).toBeGreaterThanOrEqual(0.7);
    expect(domainResemblance('Green Valley Dental PLLC', 'bestdentist')).toBeLessThan(0.5);
  });
});

describe('streetFound', () => {
  it.each([
    ['1420 North Main Street', '… 1420 n. main st., springfield …'],
    ['1420 N Main St Suite 4', 'visit us at 1420 North Main Street'],
    ['88 Lake Avenue', '88 lake ave evanston'],
    // The distinctive word spelled out on the page: the quick skip must know its spellings.
    ['200 1st Avenue', 'Find us at 200 First Ave.'],
  ])('finds %j in %j', (address, text) => expect(streetFound(address, [text])).toBe(true));

  it.each([
    ['1420 North Main Street', '1421 n main st'],
    ['1420 North Main Street', '1420 oak st'],
    ['88 Lake Avenue', 'call 88 today about lake michigan views and our avenue of cakes'],
  ])('does not find %j in %j', (address, text) => expect(streetFound(address, [text])).toBe(false));
});

describe('extractPageFacts', () => {
  it('reads JSON-LD arrays, @graph and nested businesses, skipping page types', () => {
    const page = facts(`<script type="application/ld+json">[
      {"@type":"WebPage","name":"Home","about":{"@type":"Dentist","name":"Green Valley Dental","telephone":"217-522-0145",
        "address":"900 Wabash Ave, Springfield, IL 62704"}},
      {"@graph":[{"@type":"Organization","legalName":"GV Dental PLLC","address":[{"@type":"PostalAddress","postalCode":"62704"}]}]}
    ]</script><script type="application/ld+json">{broken json</script>`);
    expect(page.structuredData).toEqual([
      { type: 'Dentist', name: 'Green Valley Dental', telephone: '+12175220145', postalCode: '62704', streetAddress: '900 Wabash Ave', city: null },
      { type: 'Organization', name: 'GV Dental PLLC', telephone: null, postalCode: '62704', streetAddress: null, city: null },
    ]);
  });

  it('normalises phones from links and text, and finds ZIP codes only after a state', () => {
    const page = facts('<a href="tel:(217)%20522-0145">call</a><p>Or 217.522.0146, order #62701, Springfield IL 62704-1234</p>');
    expect(page.phones).toEqual(['+12175220145', '+12175220146']);
    expect(page.postalCodes).toEqual(['62704']);
  });

  it('keeps asset hosts other than the page host and skips retina image names as e-mails', () => {
    const page = facts(joesPage, 'https://joesplumbingheating.com/');
    expect(page.assetHosts).toEqual(['fonts.googleapis.com', 'cdn.shopify.com']);
    expect(page.emails).toEqual(['office@joesplumbingheating.com']);
    expect(page.metaGenerator).toBe('WordPress 6.5.2');
  });

  it('reads no further than the HTML cap', () => {
    const filler = `<p>${'x'.repeat(MAX_HTML_CHARS)}</p>`;
    const page = facts(`<html><body><a href="tel:+12175220145">a</a>${filler}<a href="tel:+12175220146">b</a></body></html>`);
    expect(page.phones).toEqual(['+12175220145']);
    expect(page.textSample.length).toBeLessThan(9_000);
  });
});

describe('assessAuthenticity', () => {
  it('rejects a namesake even when its page mentions the prospect’s city name', () => {
    const page = facts(namesakePage.replace('Portland\'s trusted plumbers', 'Serving Portland and Springfield, OR'));
    const { authentic, authenticity } = assessAuthenticity(joes, page, 'joesplumbing.com');
    expect(authenticity.cityMatch).toBe(true);
    expect(authentic).toBe(false);
  });

  it('accepts a page whose phone differs but names the business in its town', () => {
    const page = facts("<title>Joe's Plumbing &amp; Heating</title><p>Springfield, IL</p><p>Call 217-699-1000</p>");
    const { authentic, authenticity } = assessAuthenticity(joes, page, 'joesplumbingheating.com');
    expect(authenticity.phoneMatch).toBe(false);
    expect(authentic).toBe(true);
  });

  it('accepts a matching phone with a shortened name', () => {
    const page = facts('<title>Joe’s – since 1987</title><a href="tel:2177443321">call</a>');
    expect(assessAuthenticity(joes, page, 'joesplumbingheating.com').authentic).toBe(true);
  });

  it('rejects a page that does not name the business', () => {
    const page = facts('<title>Welcome to our site</title><p>Springfield, IL</p>');
    expect(assessAuthenticity(joes, page, 'example.com').authentic).toBe(false);
  });
});

describe('assessAuthenticity under fitted (logistic) weights', () => {
  const fitted: AuthenticityWeights = {
    link: 'logistic', intercept: -5.8,
    weights: { name: 0.8, phone: 2.8, postalCode: 1.4, street: 4, city: 0.8, structuredData: 0.6, domainResemblance: -0.3, tldCom: 0.3 },
  };

  it('accepts a renamed business’s page that shows its phone, street and postal code, which the rules reject', () => {
    const page = facts('<title>Riverside Pipe Works</title><p>1420 North Main Street, Springfield, IL 62702</p><a href="tel:2177443321">call</a>');
    expect(assessAuthenticity(joes, page, 'riversidepipe.com').authentic).toBe(false);
    const { authentic, authenticity } = assessAuthenticity(joes, page, 'riversidepipe.com', fitted);
    expect(authentic).toBe(true);
    expect(authenticity.score).toBeGreaterThan(0.5);
    expect(authenticity.reasons.at(-1)).toMatch(/^verified: fitted probability 0\.\d+ ≥ 0.5 \(the rules alone: rejected\)$/);
  });

  it('rejects a page that only names the business in its town, which the rules accept', () => {
    const page = facts("<title>Joe's Plumbing &amp; Heating</title><p>Springfield, IL</p><p>Call 217-699-1000</p>");
    expect(assessAuthenticity(joes, page, 'joesplumbingheating.com').authentic).toBe(true);
    expect(assessAuthenticity(joes, page, 'joesplumbingheating.com', fitted).authentic).toBe(false);
  });

  it('still rules out a page with another phone and another postal code, whatever the weights', () => {
    const anything: AuthenticityWeights = { ...fitted, intercept: 50 };
    const { authentic, authenticity } = assessAuthenticity(joes, facts(namesakePage), 'joesplumbing.com', anything);
    expect(authenticity.hardConflict).toBe(true);
    expect(authentic).toBe(false);
  });
});

describe('detectParking', () => {
  it('recognises parking hosts and for-sale wording', () => {
    const verdict = detectParking({ page: facts(parkedPage, 'http://joesplumbing.net/'), hosts: ['joesplumbing.net'] });
    expect(verdict).toMatchObject({ parked: true, provider: 'parkingcrew' });
  });

  it('recognises a redirect to a sale marketplace', () => {
    const verdict = detectParking({ page: facts('<p>Make an offer</p>'), hosts: ['joes.com', 'www.afternic.com'] });
    expect(verdict).toMatchObject({ parked: true, provider: 'afternic' });
  });

  it('does not take a business page for a parked one', () => {
    expect(detectParking({ page: facts(joesPage), hosts: ['joesplumbingheating.com'] }).parked).toBe(false);
    expect(detectParking({ page: facts('<p>We own this domain and our privacy policy covers it.</p>'), hosts: [] }).parked).toBe(false);
  });
});
