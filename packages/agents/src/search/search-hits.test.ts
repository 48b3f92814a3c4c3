import { describe, expect, it } from 'vitest';
import { classifyHitUrl } from './search-hits.ts';

describe('classifyHitUrl', () => {
  it.each([
    ['https://www.acmeplumbing.com/', { kind: 'domain', domain: 'acmeplumbing.com', homepage: true }],
    ['https://shop.Acme.co.uk/contact', { kind: 'domain', domain: 'acme.co.uk', homepage: false }],
    ['https://m.facebook.com/acme', { kind: 'social', network: 'facebook' }],
    ['https://twitter.com/acme', { kind: 'social', network: 'x' }],
    ['https://www.yelp.com/biz/acme', { kind: 'ignored' }],
    ['https://acme.myshopify.com/', { kind: 'ignored' }],
    ['https://acme.blogspot.com/', { kind: 'ignored' }],
    ['https://acme.squarespace.com/', { kind: 'ignored' }],
    ['https://acme.github.io/', { kind: 'ignored' }],
    ['http://198.51.100.4/', { kind: 'ignored' }],
    ['http://[2001:db8::1]/', { kind: 'ignored' }],
    ['ftp://acme.com/file', { kind: 'ignored' }],
    ['http://acme.internal/', { kind: 'ignored' }],
    ['garbage', { kind: 'ignored' }],
  ])('%s', (url, expected) => {
    expect(classifyHitUrl(url)).toEqual(expected);
  });
});
