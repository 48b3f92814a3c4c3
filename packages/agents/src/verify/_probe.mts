import { extractPageFacts, MAX_HTML_CHARS } from './page-extract.ts';
for (const filler of ['x'.repeat(MAX_HTML_CHARS), '1'.repeat(MAX_HTML_CHARS), 'a@'.repeat(MAX_HTML_CHARS/2), ('5 ').repeat(MAX_HTML_CHARS/2), 'IL 12345 '.repeat(100000)]) {
  const t = performance.now();
  extractPageFacts(`<html><body><p>${filler}</p></body></html>`, 'http://a.com/', 'US');
  console.log(filler.slice(0, 4), Math.round(performance.now() - t), 'ms');
}
