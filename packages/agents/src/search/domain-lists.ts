// Domains that are never a prospect's own: free mail, ISP mail, directories, social
// networks and site-builder platforms. Lookups take a registrable domain (lower case).
import { getDomainWithoutSuffix } from 'tldts';

/** Consumer mailbox providers: an address there says nothing about the business's domain. */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com',
  'yahoo.com', 'ymail.com', 'rocketmail.com',
  'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'passport.com',
  'aol.com', 'aim.com', 'verizonmedia.com',
  'icloud.com', 'me.com', 'mac.com',
  'protonmail.com', 'protonmail.ch', 'proton.me', 'pm.me',
  'gmx.com', 'gmx.net', 'gmx.us', 'gmx.de', 'web.de',
  'mail.com', 'email.com', 'usa.com', 'consultant.com', 'post.com', 'inbox.com',
  // zoho.com / zohomail.com addresses are free personal accounts; Zoho business mail uses the customer's domain.
  'zoho.com', 'zohomail.com',
  'yandex.com', 'yandex.ru', 'ya.ru', 'mail.ru',
  'hushmail.com', 'tutanota.com', 'tutanota.de', 'tuta.io', 'tuta.com',
  'fastmail.com', 'fastmail.fm', 'hey.com', 'duck.com',
  'juno.com', 'netzero.net', 'netzero.com',
  'lycos.com', 'excite.com', 'rediffmail.com', 'qq.com', '163.com', '126.com',
  'mailinator.com', 'guerrillamail.com',
]);

/** Brand labels whose every country domain is free mail (yahoo.co.uk, hotmail.fr, …). */
const FREE_MAIL_LABELS: ReadonlySet<string> = new Set(['gmail', 'yahoo', 'hotmail', 'outlook', 'live', 'aol', 'gmx', 'yandex']);

/**
 * Mail domains run by Internet providers for their subscribers, with the ISP's slug.
 * Regional slugs beyond the shared list: earthlink, sonic, wow, consolidated.
 */
export const ISP_MAIL_DOMAINS: ReadonlyMap<string, string> = new Map([
  ['att.net', 'att'], ['sbcglobal.net', 'att'], ['bellsouth.net', 'att'], ['pacbell.net', 'att'],
  ['swbell.net', 'att'], ['ameritech.net', 'att'], ['flash.net', 'att'], ['prodigy.net', 'att'],
  ['wans.net', 'att'], ['nvbell.net', 'att'], ['snet.net', 'att'],
  ['comcast.net', 'comcast-business'],
  ['verizon.net', 'verizon'],
  ['charter.net', 'spectrum'], ['rr.com', 'spectrum'], ['roadrunner.com', 'spectrum'], ['twc.com', 'spectrum'],
  ['brighthouse.com', 'spectrum'], ['bresnan.net', 'spectrum'], ['charter.com', 'spectrum'],
  ['cox.net', 'cox'],
  ['centurylink.net', 'lumen'], ['centurytel.net', 'lumen'], ['q.com', 'lumen'], ['qwest.net', 'lumen'],
  ['qwestoffice.net', 'lumen'], ['embarqmail.com', 'lumen'],
  ['frontier.com', 'frontier'], ['frontiernet.net', 'frontier'], ['citlink.net', 'frontier'],
  ['windstream.net', 'windstream'],
  ['optonline.net', 'optimum'], ['optimum.net', 'optimum'], ['suddenlink.net', 'optimum'], ['cablevision.com', 'optimum'],
  ['mediacombb.net', 'mediacom'],
  ['tds.net', 'tds'],
  ['earthlink.net', 'earthlink'], ['mindspring.com', 'earthlink'],
  ['sonic.net', 'sonic'],
  ['wowway.com', 'wow'], ['wowway.net', 'wow'],
  ['consolidated.net', 'consolidated'], ['myfairpoint.net', 'consolidated'],
]);

/** Social networks, by registrable domain, with the network name used in SocialPage. */
export const SOCIAL_NETWORKS: ReadonlyMap<string, string> = new Map([
  ['facebook.com', 'facebook'], ['fb.com', 'facebook'], ['fb.me', 'facebook'],
  ['instagram.com', 'instagram'],
  ['linkedin.com', 'linkedin'],
  ['x.com', 'x'], ['twitter.com', 'x'],
  ['nextdoor.com', 'nextdoor'],
  ['tiktok.com', 'tiktok'],
  ['youtube.com', 'youtube'], ['youtu.be', 'youtube'],
]);

/** Directories, review sites, data brokers, maps and reference sites: listings about the business, never its own site. */
export const DIRECTORY_DOMAINS: ReadonlySet<string> = new Set([
  'yelp.com', 'yellowpages.com', 'yp.com', 'bbb.org', 'nextdoor.com', 'mapquest.com', 'manta.com',
  'chamberofcommerce.com', 'angi.com', 'angieslist.com', 'homeadvisor.com', 'thumbtack.com', 'houzz.com',
  'tripadvisor.com', 'foursquare.com', 'superpages.com', 'whitepages.com', 'dnb.com', 'bizapedia.com',
  'opencorporates.com', 'zoominfo.com', 'google.com', 'goo.gl', 'g.page', 'apple.com', 'bing.com',
  'wikipedia.org', 'wikimapia.org', 'indeed.com', 'glassdoor.com', 'porch.com', 'birdeye.com', 'loc8nearme.com',
  'cylex.us.com', 'cylex-usa.com', 'hotfrog.com', 'merchantcircle.com', 'citysearch.com', 'local.com',
  'pinterest.com', 'reddit.com', 'buzzfile.com', 'dandb.com', 'corporationwiki.com', 'opengovus.com',
  'bloomberg.com', 'crunchbase.com', 'allbiz.com', 'brownbook.net', 'showmelocal.com', 'ezlocal.com',
  'n49.com', 'judysbook.com', 'insiderpages.com', 'kudzu.com', 'dexknows.com', 'citygrid.com',
  'alignable.com', 'bestprosintown.com', 'expertise.com', 'threebestrated.com', 'buildzoom.com',
  'zillow.com', 'realtor.com', 'trulia.com', 'opentable.com', 'grubhub.com', 'doordash.com', 'ubereats.com',
  'seamless.com', 'menupages.com', 'allmenus.com', 'zomato.com', 'healthgrades.com', 'vitals.com',
  'zocdoc.com', 'webmd.com', 'avvo.com', 'justia.com', 'findlaw.com', 'lawyers.com', 'martindale.com',
  'carfax.com', 'cars.com', 'dealerrater.com', 'mechanicadvisor.com', 'groupon.com', 'waze.com',
  'spokeo.com', 'bizjournals.com', 'prnewswire.com', 'usnews.com', 'amazon.com', 'ebay.com', 'craigslist.org',
  'indeed.jobs', 'ziprecruiter.com', 'simplyhired.com', 'sec.gov',
  'yellowbook.com', 'city-data.com', 'patch.com', 'topix.com', 'storeboard.com', 'fyple.com', 'tuugo.us',
  'iglobal.co', 'us-business.info', 'bizstanding.com', 'chamberorganizer.com', 'yellowpagesdirectory.com',
]);

/** Brand labels whose every country domain is a directory (yelp.ca, tripadvisor.co.uk, google.ca, …). */
const DIRECTORY_LABELS: ReadonlySet<string> = new Set([
  'yelp', 'tripadvisor', 'google', 'yellowpages', 'amazon', 'ebay', 'wikipedia', 'bing', 'cylex', 'hotfrog', 'indeed',
]);

/**
 * Site builders and hosts whose subdomains are customers' free sites: a page there is not
 * a domain the business owns. (PSL private suffixes like myshopify.com and blogspot.com
 * are caught separately by tldts.)
 */
export const PLATFORM_DOMAINS: ReadonlySet<string> = new Set([
  'squarespace.com', 'wordpress.com', 'weebly.com', 'wixsite.com', 'wix.com', 'godaddysites.com', 'business.site',
  'site123.me', 'jimdosite.com', 'jimdo.com', 'webflow.io', 'strikingly.com', 'yolasite.com', 'ueniweb.com',
  'wixstudio.io', 'carrd.co', 'tumblr.com', 'blogger.com', 'blogspot.com', 'myshopify.com', 'square.site',
  'linktr.ee', 'mystrikingly.com', 'homestead.com', 'webs.com', 'sitey.me', 'mozello.com',
]);

/** Top-level domains a private business cannot hold. */
const NON_BUSINESS_TLDS: ReadonlySet<string> = new Set(['gov', 'mil', 'edu', 'int']);

export function isFreeMailDomain(domain: string): boolean {
  if (FREE_MAIL_DOMAINS.has(domain)) return true;
  const label = getDomainWithoutSuffix(domain);
  return label !== null && FREE_MAIL_LABELS.has(label);
}

/** The ISP slug for a subscriber mail domain, or null. */
export function ispForMailDomain(domain: string): string | null {
  return ISP_MAIL_DOMAINS.get(domain) ?? null;
}

/** The social network name for a registrable domain, or null. */
export function socialNetworkOf(domain: string): string | null {
  return SOCIAL_NETWORKS.get(domain) ?? null;
}

export function isDirectoryDomain(domain: string): boolean {
  if (DIRECTORY_DOMAINS.has(domain)) return true;
  const label = getDomainWithoutSuffix(domain);
  return label !== null && DIRECTORY_LABELS.has(label);
}

/** True for any registrable domain that can never be the prospect's own website. */
export function isNeverCandidate(domain: string): boolean {
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  return (
    NON_BUSINESS_TLDS.has(tld) ||
    isDirectoryDomain(domain) ||
    SOCIAL_NETWORKS.has(domain) ||
    PLATFORM_DOMAINS.has(domain) ||
    isFreeMailDomain(domain) ||
    ISP_MAIL_DOMAINS.has(domain)
  );
}
