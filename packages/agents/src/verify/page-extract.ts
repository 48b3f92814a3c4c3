// What a home page says about whose it is: names, phones, addresses, structured data, and the
// hosts its assets come from (platform fingerprints). Pure: HTML in, PageFacts out.
import type { CountryCode } from 'libphonenumber-js';
import type { PageFacts } from '../types.ts';
import { scanHtml, type CreditLink } from './html-scan.ts';
import { phonesInText, toE164 } from './phone.ts';
import { extractStructuredData } from './structured-data.ts';

/** Past this a page is read no further (and scanHtml's element limits bound the work inside it). */
export const MAX_HTML_CHARS = 1_000_000;
/** Phone and postal-code search runs over this much visible text. */
const MAX_SCAN_CHARS = 200_000;
/** The sample kept for address matching: head and tail, because addresses live in footers. */
const SAMPLE_HEAD_CHARS = 4_000;
const SAMPLE_TAIL_CHARS = 4_000;
const MAX_LIST_ITEMS = 20;

const SOCIAL_HOSTS = [
  'facebook.com', 'instagram.com', 'linkedin.com', 'twitter.com', 'x.com', 'youtube.com', 'yelp.com',
  'tiktok.com', 'pinterest.com', 'nextdoor.com', 'houzz.com', 'angi.com', 'bbb.org', 'tripadvisor.com',
];

const US_STATES = new Set(
  ('AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND ' +
    'OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR').split(' '),
);

/** Throws a PermanentError (kind `page-too-complex`) for a page past scanHtml's limits. */
export function extractPageFacts(html: string, pageUrl: string, defaultCountry: CountryCode): PageFacts {
  const scan = scanHtml(html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html);
  const structuredData = extractStructuredData(scan.ldJson, defaultCountry);
  const metaGenerator = scan.metaGenerator?.trim() || null;
  const links = collectLinks(scan.hrefs, scan.assets, pageUrl, defaultCountry);
  const text = collapse(scan.bodyText || scan.allTitles);
  const visible = text.slice(0, MAX_SCAN_CHARS);
  return {
    title: collapse(scan.title ?? '') || scan.ogTitle || null,
    headings: unique(scan.headings.map(collapse)).filter(Boolean).slice(0, MAX_LIST_ITEMS),
    metaGenerator,
    structuredData,
    phones: unique([...links.phones, ...structuredData.flatMap((item) => item.telephone ?? []), ...phonesInText(visible, defaultCountry)])
      .slice(0, MAX_LIST_ITEMS),
    postalCodes: unique([...structuredData.flatMap((item) => item.postalCode ?? []), ...postalCodesInText(visible)]).slice(0, MAX_LIST_ITEMS),
    emails: unique([...links.emails, ...emailsInText(visible)]).slice(0, MAX_LIST_ITEMS),
    socialLinks: links.social.slice(0, MAX_LIST_ITEMS),
    assetHosts: links.assetHosts,
    creditHosts: creditHosts(scan.credits, pageUrl),
    textSample: sample(text.toLowerCase()),
  };
}

interface Links {
  phones: string[];
  emails: string[];
  social: string[];
  assetHosts: string[];
}

function collectLinks(hrefs: string[], assets: string[], pageUrl: string, defaultCountry: CountryCode): Links {
  const pageHost = hostOf(pageUrl, pageUrl);
  const links: Links = { phones: [], emails: [], social: [], assetHosts: [] };
  for (const raw of hrefs) {
    const href = raw.trim();
    const lower = href.toLowerCase();
    if (lower.startsWith('tel:')) {
      const phone = toE164(safeDecode(href.slice(4)), defaultCountry);
      if (phone) links.phones.push(phone);
    } else if (lower.startsWith('mailto:')) {
      const address = lower.slice(7).split('?')[0]?.trim();
      if (address && address.includes('@')) links.emails.push(safeDecode(address));
    } else {
      const host = hostOf(href, pageUrl);
      if (host && SOCIAL_HOSTS.some((social) => host === social || host.endsWith(`.${social}`))) links.social.push(href);
    }
  }
  links.assetHosts = unique(assets.map((src) => hostOf(src, pageUrl)).filter((host): host is string => !!host && host !== pageHost));
  links.social = unique(links.social);
  return links;
}

/** Hosts of the page's credit links, off the page's own host. */
function creditHosts(credits: CreditLink[], pageUrl: string): string[] {
  const pageHost = hostOf(pageUrl, pageUrl)?.replace(/^www\./, '');
  const hosts = credits.map((c) => hostOf(c.href.trim(), pageUrl)).filter((host): host is string => !!host && host.replace(/^www\./, '') !== pageHost);
  return unique(hosts).slice(0, MAX_LIST_ITEMS);
}

/** US ZIP codes only after a state abbreviation (a bare five-digit number is too often something else). */
function postalCodesInText(text: string): string[] {
  const codes: string[] = [];
  for (const match of text.matchAll(/\b([A-Z]{2})\.?,?\s+(\d{5})(?:-\d{4})?\b/g)) {
    if (US_STATES.has(match[1] ?? '') && match[2]) codes.push(match[2]);
  }
  return codes;
}

function emailsInText(text: string): string[] {
  // Bounded parts and a start-of-token lookbehind keep this linear on hostile text (a naive
  // [a-z]+@ pattern backtracks quadratically over a long run of letters).
  const found = text.match(/(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}\b/gi) ?? [];
  // Retina image names (logo@2x.png) look like addresses.
  return found.map((email) => email.toLowerCase()).filter((email) => !/\.(png|jpe?g|gif|webp|svg)$/.test(email));
}

function hostOf(href: string, base: string): string | null {
  if (!href || href.startsWith('data:') || href.startsWith('javascript:')) return null;
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function collapse(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function sample(text: string): string {
  if (text.length <= SAMPLE_HEAD_CHARS + SAMPLE_TAIL_CHARS) return text;
  return `${text.slice(0, SAMPLE_HEAD_CHARS)} … ${text.slice(-SAMPLE_TAIL_CHARS)}`;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
