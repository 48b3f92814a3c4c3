import { describe, expect, it } from 'vitest';
import { isDirectoryDomain, isFreeMailDomain, isNeverCandidate, ispForMailDomain, socialNetworkOf } from './domain-lists.ts';

describe('domain lists', () => {
  it.each(['gmail.com', 'yahoo.com', 'yahoo.co.uk', 'hotmail.fr', 'outlook.com', 'aol.com', 'icloud.com', 'proton.me', 'zoho.com', 'zohomail.com', 'gmx.de'])(
    '%s is free mail',
    (domain) => expect(isFreeMailDomain(domain)).toBe(true),
  );

  it.each(['acmeplumbing.com', 'zohocorp.com', 'liveoak.com', 'att.net'])('%s is not free mail', (domain) => {
    expect(isFreeMailDomain(domain)).toBe(false);
  });

  it.each([
    ['att.net', 'att'], ['sbcglobal.net', 'att'], ['bellsouth.net', 'att'], ['comcast.net', 'comcast-business'],
    ['verizon.net', 'verizon'], ['charter.net', 'spectrum'], ['rr.com', 'spectrum'], ['twc.com', 'spectrum'],
    ['cox.net', 'cox'], ['centurylink.net', 'lumen'], ['q.com', 'lumen'], ['embarqmail.com', 'lumen'],
    ['frontier.com', 'frontier'], ['frontiernet.net', 'frontier'], ['windstream.net', 'windstream'],
    ['optonline.net', 'optimum'], ['mediacombb.net', 'mediacom'], ['tds.net', 'tds'], ['earthlink.net', 'earthlink'],
    ['acmeplumbing.com', null],
  ])('%s → ISP %s', (domain, isp) => {
    expect(ispForMailDomain(domain)).toBe(isp);
  });

  it.each([
    ['facebook.com', 'facebook'], ['instagram.com', 'instagram'], ['linkedin.com', 'linkedin'], ['x.com', 'x'],
    ['twitter.com', 'x'], ['nextdoor.com', 'nextdoor'], ['tiktok.com', 'tiktok'], ['youtube.com', 'youtube'], ['yelp.com', null],
  ])('%s is social network %s', (domain, network) => {
    expect(socialNetworkOf(domain)).toBe(network);
  });

  it.each(['yelp.com', 'yelp.ca', 'yellowpages.com', 'bbb.org', 'google.com', 'google.co.uk', 'apple.com', 'tripadvisor.co.uk', 'manta.com', 'bizapedia.com'])(
    '%s is a directory',
    (domain) => expect(isDirectoryDomain(domain)).toBe(true),
  );

  it.each(['yelp.com', 'facebook.com', 'squarespace.com', 'gmail.com', 'comcast.net', 'illinois.gov', 'mit.edu'])(
    '%s is never a candidate',
    (domain) => expect(isNeverCandidate(domain)).toBe(true),
  );

  it.each(['acmeplumbing.com', 'acme.co.uk', 'googleplumbing.com', 'yelpington.com'])('%s may be a candidate', (domain) => {
    expect(isNeverCandidate(domain)).toBe(false);
  });
});
