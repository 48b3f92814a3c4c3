// Web host, CMS and e-commerce platform of the verified site. The platform the site or its
// CNAME names (CNAME target, documented service address, platform headers and cookies,
// generator tag, asset hosts) comes first; the network serving the address (its ASN or
// reverse name, a CDN's headers) is the web host only when nothing names a platform: a
// VPS at DigitalOcean is hosted by DigitalOcean, a Framer site on AWS is hosted by Framer.
// A platform the catalog lacks is named by its CNAME target's or asset hosts' registrable
// domain, or by its generator tag; a cloud network under a platform that cannot be named
// is reported as "platform unknown, network X", never as the host.
import type { CatalogMatch, ProviderKind } from '../catalog/catalog.ts';
import type { AddressInfo } from '../types.ts';
import { accessLineOf, describeAddress } from './addresses.ts';
import { known, unknown, Votes, type Answer, type ClassifyContext } from './answer.ts';
import { fromMatch } from './evidence.ts';
import { nameForHost, ownedByCatalog, registrableDomain } from './names.ts';
import { classifyNetwork } from './network.ts';
import { creditClaims, creditedEntry, headerNamedProviders, type CreditClaim } from './page-claims.ts';
import { addUncataloguedPlatform } from './web-uncatalogued.ts';
import { PLATFORM_STRENGTH, WEB_HOST_STRENGTH as S } from './strengths.ts';
import { siteTechnologies, uncataloguedGenerator, type Generator } from './web-technologies.ts';

const HOST_KINDS: readonly ProviderKind[] = ['web-host', 'cdn'];
/** Visible text of a shop: a builder's own store feature shows these. */
const STOREFRONT = /\b(add to (cart|bag|basket)|shopping (cart|bag)|view cart|checkout|buy now|shop now)\b/;

export interface WebAnswers {
  webHost: Answer;
  cms: Answer;
  ecommercePlatform: Answer;
  /** Addresses serving the site from an access line: the business's own (for the ISP answer). */
  selfRunAddresses: AddressInfo[];
}

export function classifyWeb(ctx: ClassifyContext): WebAnswers {
  if (!ctx.site) {
    const none = ctx.domain ? unknown('no-website') : unknown('no-domain');
    return { webHost: none, cms: none, ecommercePlatform: none, selfRunAddresses: [] };
  }
  const tech = siteTechnologies(ctx);
  const generator = uncataloguedGenerator(ctx, tech);
  const credits = creditClaims(ctx);
  const { webHost, selfRunAddresses, byPlatform } = classifyWebHost(ctx, tech, generator, credits);
  const cms = classifyCms(ctx, tech, generator, credits);
  const ecommercePlatform = classifyEcommerce(ctx, tech, webHost, byPlatform);
  return { webHost, cms, ecommercePlatform, selfRunAddresses };
}

const isHost = (m: CatalogMatch): boolean => m.provider.kinds.some((k) => HOST_KINDS.includes(k));
/** Evidence of a CDN's edge (its headers, its address ranges) says who serves the bytes, not which platform built the site. */
const isNetworkSignal = (m: CatalogMatch): boolean => m.provider.kinds.includes('cdn') && (m.via === 'header' || m.via === 'address' || m.via === 'cookie');

function classifyWebHost(ctx: ClassifyContext, tech: CatalogMatch[], generator: Generator | null, credits: CreditClaim[]): { webHost: Answer; selfRunAddresses: AddressInfo[]; byPlatform: boolean } {
  const platform = new Votes();
  const network = new Votes();
  const vote = (m: CatalogMatch, strength: number, context?: string): void =>
    (isNetworkSignal(m) ? network : platform).add(m.slug, strength, fromMatch(m, context ? { context } : {}));
  const cnames = (ctx.dns?.www?.cnameChain ?? []).flatMap((hop) => ctx.catalog.matchCname(hop));
  // A CMS whose files the page loads from the platform's own hosts (or that the CNAME
  // targets) is a hosted builder (Webflow): it is the web host, with its generator tag as
  // corroboration, whatever cloud serves its addresses.
  const hosted = new Set([...cnames, ...tech].filter((m) => m.provider.kinds.includes('cms') && (m.via === 'asset-host' || m.via === 'cname')).map((m) => m.slug));
  const isPlatform = (m: CatalogMatch): boolean => isHost(m) || hosted.has(m.slug);
  for (const m of cnames.filter(isPlatform)) vote(m, S.cname);
  for (const m of tech.filter(isPlatform)) vote(m, m.via === 'header' || m.via === 'cookie' ? S.header : S.markup);
  addPageClaims(ctx, credits, platform, network);
  const serving = servingAddresses(ctx);
  for (const info of serving) for (const m of ctx.catalog.matchAddress(info.ip).filter(isHost)) vote(m, S.address);
  if (platform.size === 0) addUncataloguedPlatform(ctx, platform, generator, credits);

  const selfRun: AddressInfo[] = [];
  const resellers = new Set<string>();
  for (const info of serving) {
    const line = accessLineOf(ctx.catalog, info);
    if (line) {
      selfRun.push(info);
      const notes = ['access network', ...(line.cataloged ? [] : ['uncatalogued ISP'])];
      network.add('self-hosted', S.selfHosted, { kind: 'network', observed: describeAddress(info), names: line.name, context: 'site address', notes });
      continue;
    }
    // A shared server's reverse name names the brand where one network hosts several.
    const context = `site address ${info.ip}`;
    for (const m of info.ptr ? ctx.catalog.matchPtr(info.ptr).filter(isHost) : []) network.add(m.slug, S.ptr, fromMatch(m, { context }));
    const byAsn = info.asn ? ctx.catalog.matchAsn(info.asn.asn).filter(isHost) : [];
    for (const m of byAsn) network.add(m.slug, S.asn, fromMatch(m, { context }));
    const reseller = addResellerByPtr(ctx, network, info, byAsn, context);
    if (reseller) resellers.add(reseller);
    const facts = classifyNetwork(ctx.catalog, info);
    if (byAsn.length === 0 && facts.class === 'hosting' && facts.org && facts.catalogMatch === null) {
      network.add(facts.org, S.uncataloguedNetwork, { kind: 'asn', observed: describeAddress(info), names: facts.org, context, notes: ['hosting network', 'uncatalogued'] }, false);
    }
  }
  if (platform.size > 0) {
    return { webHost: platform.pick(), selfRunAddresses: selfRun, byPlatform: true };
  }
  const byNetwork = network.pick(unknown('no-evidence', 'no hosting evidence (no CNAME, header or known address owner)').reason);
  // A generator the catalog does not know, over a cloud or CDN network and no installable
  // CMS (WordPress on a VPS is hosted by the VPS): a platform sits on that network and it
  // cannot be named. The network is not the web host. A server named under a hosting
  // brand's own domain is that host's, and a versioned generator is installed software,
  // whatever network serves it (Sitefinity at Hostek, behind Cloudflare).
  const installableCms = tech.some((m) => m.provider.kinds.includes('cms') && !isHost(m)) || generator?.versioned === true;
  if (byNetwork.value && byNetwork.value !== 'self-hosted' && !resellers.has(byNetwork.value) && generator && !installableCms) {
    return { webHost: { ...unknown('platform-unknown', byNetwork.value), evidence: byNetwork.evidence }, selfRunAddresses: selfRun, byPlatform: false };
  }
  return { webHost: byNetwork, selfRunAddresses: selfRun, byPlatform: false };
}

/**
 * A host that rents its servers from a catalogued network (ScalaHosting on Linode, WPX on
 * OVH) names them under its own domain: a reverse name the catalog does not match, whose
 * registrable domain is neither the network's, the business's own, nor an access line's,
 * names the host above the network that numbers the address. Not used on an uncatalogued
 * network, where the reverse name is as likely the network's own unknown domain as a
 * reseller's (its organisation name is the better answer there).
 */
function addResellerByPtr(ctx: ClassifyContext, network: Votes, info: AddressInfo, byAsn: readonly CatalogMatch[], context: string): string | null {
  if (!info.ptr || byAsn.length === 0 || ctx.catalog.matchPtr(info.ptr).length > 0) return null;
  const name = nameForHost(ctx.catalog, info.ptr, ['web-host']);
  if (!name || byAsn.some((m) => m.slug === name.value)) return null;
  // A domain the catalog knows for another job (an ISP's, a mail host's) is no reseller.
  if (!name.cataloged && ownedByCatalog(ctx.catalog, info.ptr)) return null;
  if (ctx.domain && registrableDomain(info.ptr) === registrableDomain(ctx.domain)) return null;
  network.add(name.value, S.resellerPtr, { kind: 'ptr', observed: info.ptr, names: name.value, context, notes: name.cataloged ? ['reverse name'] : ['reverse name', 'uncatalogued'] }, name.cataloged);
  return name.value;
}

/**
 * The page naming its platform in words: a credit link to a catalogued host ("Made with
 * Carrd") or a header spelling a catalogued host's name ("x-powered-by: WP Engine"). A
 * CDN named so says who serves the bytes, like its other headers.
 */
function addPageClaims(ctx: ClassifyContext, credits: readonly CreditClaim[], platform: Votes, network: Votes): void {
  for (const claim of credits) {
    const entry = creditedEntry(claim, ['web-host']);
    if (entry) platform.add(entry.slug, S.credit, { kind: 'credit-link', observed: claim.host, names: entry.slug, notes: ['page credit'] });
  }
  for (const { entry, header } of headerNamedProviders(ctx, HOST_KINDS)) {
    (entry.kinds.includes('cdn') ? network : platform).add(entry.slug, S.header, { kind: 'header', observed: header, names: entry.slug, notes: ['names the provider'] });
  }
}

/** The addresses the site was fetched from and its www/apex records, with their ASN and PTR. */
function servingAddresses(ctx: ClassifyContext): AddressInfo[] {
  const dns = ctx.dns;
  const ips = new Set<string>();
  if (ctx.site?.fetch.remoteAddress) ips.add(ctx.site.fetch.remoteAddress);
  for (const ip of [...(dns?.www?.addresses ?? []), ...(dns?.apex.a ?? []), ...(dns?.apex.aaaa ?? [])]) ips.add(ip);
  return [...ips].map((ip) => dns?.addresses.find((a) => a.ip === ip) ?? { ip, roles: [], ptr: null, asn: null });
}

function platformVotes(ctx: ClassifyContext, tech: CatalogMatch[], kind: ProviderKind, skip: (m: CatalogMatch) => boolean = () => false): Votes {
  const votes = new Votes();
  for (const m of tech) {
    if (m.provider.kinds.includes(kind)) votes.add(m.slug, m.via === 'header' || m.via === 'cookie' ? PLATFORM_STRENGTH.header : PLATFORM_STRENGTH.markup, fromMatch(m));
  }
  for (const hop of ctx.dns?.www?.cnameChain ?? []) {
    for (const m of ctx.catalog.matchCname(hop)) if (m.provider.kinds.includes(kind) && !skip(m)) votes.add(m.slug, PLATFORM_STRENGTH.cname, fromMatch(m));
  }
  return votes;
}

function classifyCms(ctx: ClassifyContext, tech: CatalogMatch[], generator: Generator | null, credits: readonly CreditClaim[]): Answer {
  // An installable CMS seen in the page (WordPress) is what the site runs, even on a host
  // whose own builder the catalog also lists as a CMS (GoDaddy's managed WordPress).
  const installable = tech.filter((m) => m.provider.kinds.includes('cms') && !isHost(m));
  const votes = platformVotes(ctx, installable.length > 0 ? installable : tech, 'cms');
  // "Proudly powered by WordPress", "Made with Carrd": the page credits the software it is made with.
  for (const claim of credits) {
    const entry = creditedEntry(claim, ['cms']);
    if (entry) votes.add(entry.slug, PLATFORM_STRENGTH.credit, { kind: 'credit-link', observed: claim.host, names: entry.slug, notes: ['page credit'] });
  }
  if (votes.size === 0 && generator) {
    votes.add(generator.brand, PLATFORM_STRENGTH.uncataloguedGenerator, { kind: 'generator', observed: generator.text, names: generator.brand, notes: ['uncatalogued'] }, false);
  }
  return votes.pick(unknown('no-evidence', 'no CMS markers in the page').reason);
}

/** A site builder: a web host that is a CMS too. Its shop is an option, shown by a storefront, not by its fingerprints. */
const isBuilder = (m: CatalogMatch): boolean => m.provider.kinds.includes('cms') && m.provider.kinds.includes('web-host');

function classifyEcommerce(ctx: ClassifyContext, tech: CatalogMatch[], webHost: Answer, byPlatform: boolean): Answer {
  const answer = platformVotes(ctx, tech.filter((m) => !isBuilder(m)), 'ecommerce', isBuilder).pick(unknown('no-evidence', 'no e-commerce platform markers in the page').reason);
  if (answer.value || !webHost.value || !byPlatform) return answer;
  // A builder (a web host that is a CMS too, or a platform the catalog lacks) sells only when
  // its shop feature is on; a commerce platform that is not a builder (Shopify) always sells.
  const builder = !webHost.cataloged || ctx.catalog.hasKind(webHost.value, 'cms');
  if (!builder && ctx.catalog.hasKind(webHost.value, 'ecommerce')) return known(webHost.value, webHost.confidence, webHost.evidence);
  const shop = STOREFRONT.exec(ctx.site?.page?.textSample ?? '');
  if (!builder || !shop) return answer;
  return known(webHost.value, Math.min(PLATFORM_STRENGTH.builderShop, webHost.confidence), [
    ...webHost.evidence,
    { kind: 'storefront', observed: `page text "${shop[0]}"`, names: webHost.value, notes: ["the builder's own shop"] },
  ], webHost.cataloged);
}
