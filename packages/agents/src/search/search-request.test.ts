import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_AFTER_MS, parseRetryAfter, stripMarkup } from './search-request.ts';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    ['12', 12_000],
    ['0', 0],
    ['1.5', 1500],
    [' 3 ', 3000],
    ['Thu, 01 Jan 2026 00:00:20 GMT', 20_000],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
    ['soon', DEFAULT_RETRY_AFTER_MS],
    ['', DEFAULT_RETRY_AFTER_MS],
  ])('%j → %d ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it('uses the default when the header is absent, and the first of repeated headers', () => {
    expect(parseRetryAfter(undefined, now)).toBe(DEFAULT_RETRY_AFTER_MS);
    expect(parseRetryAfter(['2', '9'], now)).toBe(2000);
  });
});

describe('stripMarkup', () => {
  it('removes tags and decodes entities once', () => {
    expect(stripMarkup('<strong>Joe&#39;s</strong> &amp;lt;Pizza&gt;\n  now')).toBe("Joe's &lt;Pizza> now");
  });
});
