// Page extraction on hostile and on sloppy pages: the work is bounded whatever a page holds
// (a page past the limits is a permanent failure naming the limit), and the sloppy markup real
// sites serve reads as a tree parser (parse5, which this extractor replaced) read it.
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../errors.ts';
import { MAX_PAGE_DEPTH, MAX_PAGE_ELEMENTS } from './html-scan.ts';
import { MAX_HTML_CHARS, extractPageFacts } from './page-extract.ts';

const facts = (html: string, url = 'https://example.com/') => extractPageFacts(html, url, 'US');

function timed<T>(work: () => T): { ms: number; result: T | Error } {
  const started = performance.now();
  try {
    return { result: work(), ms: performance.now() - started };
  } catch (error) {
    return { result: error as Error, ms: performance.now() - started };
  }
}

describe('extractPageFacts on hostile pages', () => {
  it('refuses 100,000 nested <div>s at once, as a permanent failure that names the limit', () => {
    const nested = `<html><body>${'<div>'.repeat(100_000)}x${'</div>'.repeat(100_000)}</body></html>`;
    expect(nested.length).toBeLessThan(MAX_HTML_CHARS * 1.2);
    const { ms, result } = timed(() => facts(nested));
    expect(result).toBeInstanceOf(PermanentError);
    expect(result).toMatchObject({ kind: 'page-too-complex', message: `page not read: elements nest deeper than ${MAX_PAGE_DEPTH}` });
    // A tree parser took ~95 s here, then overflowed the stack.
    expect(ms).toBeLessThan(1000);
  });

  it('reads a page just inside the depth limit', () => {
    const deep = `<p>Call 217-555-0101</p>${'<div>'.repeat(MAX_PAGE_DEPTH - 1)}Springfield, IL 62704`;
    expect(facts(deep)).toMatchObject({ phones: ['+12175550101'], postalCodes: ['62704'] });
  });

  it('refuses a page of more elements than a home page has', () => {
    const { result } = timed(() => facts('<br>'.repeat(MAX_PAGE_ELEMENTS + 1)));
    expect(result).toMatchObject({ kind: 'page-too-complex', message: `page not read: more than ${MAX_PAGE_ELEMENTS} elements` });
  });

  it.each([
    // Unmatched end tags make each one search the open stack: bounded by the depth limit.
    ['unmatched end tags under a deep stack', `${'<div>'.repeat(MAX_PAGE_DEPTH - 1)}${'</x>'.repeat(240_000)}`],
    ['unclosed <li> under inline elements', '<ul>' + '<li><b>item '.repeat(60_000)],
    ['text under nested headings', '<h1>'.repeat(8) + 'word '.repeat(190_000)],
  ])('stays linear on %s', (_name, html) => {
    const { ms } = timed(() => facts(html));
    // Generous for a loaded machine: the tree parser took 11.7 s on the <li> case.
    expect(ms).toBeLessThan(5000);
  });
});

describe('extractPageFacts reads sloppy markup as a browser does', () => {
  it('ignores markup inside <noscript> (a tracking pixel is not an asset host) and svg titles', () => {
    const page = facts(
      '<head><noscript><img src="https://www.facebook.com/tr?id=1"></noscript></head>' +
        '<body><svg><title>phone icon</title></svg><h1>Acme</h1><img src="https://cdn.example.net/a.png"></body>',
    );
    expect(page.assetHosts).toEqual(['cdn.example.net']);
    expect(page.title).toBeNull();
    expect(page.textSample).toBe('acme');
  });

  it('reads links inside <template> but none of its text or headings', () => {
    const page = facts('<template><a href="tel:2175550111">t</a><h1>Hidden</h1></template><h1>Shown</h1>');
    expect(page.phones).toEqual(['+12175550111']);
    expect(page.headings).toEqual(['Shown']);
    expect(page.textSample).toBe('shown');
  });

  it('keeps block boundaries that parse5 implied through unclosed inline elements', () => {
    const page = facts('<ul><li><a href="/">Home<li><a href="/about">About</a></ul><p><b>Main St<div>Springfield</div>');
    expect(page.textSample).toBe('home about main st springfield');
  });

  it('decodes entities in <textarea> and falls back to the title for a page without body text', () => {
    expect(facts('<textarea>Fish &amp; Chips</textarea>').textSample).toBe('fish & chips');
    expect(facts('<html><head><title>Only A Title</title></head><body></body></html>').textSample).toBe('only a title');
    // Whitespace in <head> is not body text; a newline in <body> is (and collapses to nothing).
    expect(facts('<html><head>\n<title>Only A Title</title>\n</head><body></body></html>').textSample).toBe('only a title');
    expect(facts('<html><head><title>Only A Title</title></head><body>\n</body></html>').textSample).toBe('');
    expect(facts('<title> </title><meta property="og:title" content=" From OG "><p>x</p>').title).toBe('From OG');
  });
});

describe('extractPageFacts reads platform credits', () => {
  it('keeps the host of a "Made with" link and of a link after "Powered by"', () => {
    const page = facts(
      '<footer><a href="https://carrd.co/?utm_source=made-with-carrd">Made with Carrd</a> · ' +
        'Powered by <a href="https://www.squarespace.com/">Squarespace</a> · <a href="https://www.squarespace.com/privacy">Privacy</a></footer>',
    );
    expect(page.creditHosts).toEqual(['carrd.co', 'www.squarespace.com']);
  });

  it('reads a credit badge by its image alt text and its title attribute', () => {
    expect(facts('<a href="https://builder.example.net/"><img src="/b.png" alt="Built with Example"></a>').creditHosts).toEqual(['builder.example.net']);
    expect(facts('<a href="https://host.example.org/" title="Hosted by Example"><img src="/h.png"></a>').creditHosts).toEqual(['host.example.org']);
  });

  it('does not take a design agency, an ordinary link or a link to the site itself for a credit', () => {
    const page = facts(
      '<p>Website designed by <a href="https://agency.example.net/">Agency</a>. Site by <a href="https://studio.example.org/">Studio</a>.</p>' +
        '<p>Our bread is made with love. <a href="https://supplier.example.com/">Our flour</a></p>' +
        '<p>Powered by <a href="/about">our team</a></p>',
    );
    expect(page.creditHosts).toEqual([]);
  });

  it('ignores credits inside <noscript> and <template>', () => {
    expect(facts('<noscript><a href="https://a.example.net/">Made with A</a></noscript><template><a href="https://b.example.net/">Made with B</a></template>').creditHosts).toEqual([]);
  });
});
