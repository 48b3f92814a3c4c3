// Web host, CMS and e-commerce platform of the verified site. Attribution follows the
// strength of the evidence: an exact CNAME target or a documented service address beats a
// platform header, which beats the owner of the serving address's ASN.
import type { CatalogMatch, ProviderKind } from '../catalog/catalog.ts';
import type { AddressInfo } from '../types.ts';
import { describeAddress, ispAccessMatch } from './addresses.ts';
import { known, unknown, Votes, type Answer, type ClassifyContext } from './answer.ts';

const STRENGTH = { cname: 0.9, address: 0.9, header: 0.75, markup: 0.6, ptr: 0.65, asn: 0.6, selfHosted: 0.7 } as const;
const HOST_KINDS: readonly ProviderKind[] = ['web-host', 'cdn'];

export interface WebAnswers {
  webHost: Answer;
  cms: Answer;
  ecommercePlatform: Answer;
  /** Addresses serving the site from an access line: the business's own (for the ISP answer). */
  selfRunAddresses: AddressInfo[];
}

export function classifyWeb(ctx: ClassifyContext): WebAnswers {
  const site = ctx.site;
  if (!site) {
    const reason = ctx.domain ? 'site not fetched' : 'no website';
    return { webHost: unknown(reason), cms: unknown(reason), ecommercePlatform: unknown(reason), selfRunAddresses: [] };
  }
  const tech = siteTechnologies(ctx);
  const { webHost, selfRunAddresses } = classifyWebHost(ctx, tech);
  const cms = fromTechnologies(ctx, tech, 'cms', 'no CMS markers in the page');
  let ecommercePlatform = fromTechnologies(ctx, tech, 'ecommerce', 'no e-commerce platform markers in the page');
  if (!ecommercePlatform.value && webHost.value && ctx.catalog.hasKind(webHost.value, 'ecommerce')) {
    ecommercePlatform = known(webHost.value, webHost.confidence, webHost.evidence);
  }
  return { webHost, cms, ecommercePlatform, selfRunAddresses };
}

function classifyWebHost(ctx: ClassifyContext, tech: CatalogMatch[]): { webHost: Answer; selfRunAddresses: AddressInfo[] } {
  const votes = new Votes();
  const isHost = (m: CatalogMatch): boolean => m.provider.kinds.some((k) => HOST_KINDS.includes(k));
  for (const hop of ctx.dns?.www?.cnameChain ?? []) {
    for (const m of ctx.catalog.matchCname(hop).filter(isHost)) votes.add(m.slug, STRENGTH.cname, m.evidence);
  }
  for (const m of tech.filter(isHost)) {
    votes.add(m.slug, m.evidence.startsWith('header') ? STRENGTH.header : STRENGTH.markup, m.evidence);
  }
  const selfRun: AddressInfo[] = [];
  for (const info of servingAddresses(ctx)) {
    for (const m of ctx.catalog.matchAddress(info.ip).filter(isHost)) votes.add(m.slug, STRENGTH.address, m.evidence);
    const access = ispAccessMatch(ctx.catalog, info);
    if (access) {
      selfRun.push(info);
      votes.add('self-hosted', STRENGTH.selfHosted, `site address ${describeAddress(info)} is on ${access.slug}'s access network`);
      continue;
    }
    // A shared server's reverse name names the brand where one network hosts several.
    for (const m of info.ptr ? ctx.catalog.matchPtr(info.ptr).filter(isHost) : []) {
      votes.add(m.slug, STRENGTH.ptr, `site address ${info.ip} ${m.evidence}`);
    }
    for (const m of info.asn ? ctx.catalog.matchAsn(info.asn.asn).filter(isHost) : []) {
      votes.add(m.slug, STRENGTH.asn, `site address ${info.ip} ${m.evidence}`);
    }
  }
  return { webHost: votes.pick(0.3, 'no hosting evidence (no CNAME, header or known address owner)'), selfRunAddresses: selfRun };
}

/** The addresses the site was fetched from and its www/apex records, with their ASN and PTR. */
function servingAddresses(ctx: ClassifyContext): AddressInfo[] {
  const dns = ctx.dns;
  const ips = new Set<string>();
  if (ctx.site?.fetch.remoteAddress) ips.add(ctx.site.fetch.remoteAddress);
  for (const ip of [...(dns?.www?.addresses ?? []), ...(dns?.apex.a ?? []), ...(dns?.apex.aaaa ?? [])]) ips.add(ip);
  return [...ips].map((ip) => dns?.addresses.find((a) => a.ip === ip) ?? { ip, roles: [], ptr: null, asn: null });
}

function siteTechnologies(ctx: ClassifyContext): CatalogMatch[] {
  const site = ctx.site;
  if (!site) return [];
  const seen = ctx.catalog.explainTechnologies({
    headers: site.fetch.headers,
    assetHosts: site.page?.assetHosts ?? [],
    metaGenerator: site.page?.metaGenerator ?? null,
  });
  const slugs = new Set(seen.map((m) => m.slug));
  // The verify agent saw the full markup; its slugs count as markup evidence.
  for (const slug of site.technologies) {
    const provider = ctx.catalog.get(slug);
    if (provider && !slugs.has(slug)) {
      seen.push({ provider, slug, fingerprint: 'markup', evidence: `page markup → ${slug}`, weak: false, access: false });
    }
  }
  return seen;
}

function fromTechnologies(ctx: ClassifyContext, tech: CatalogMatch[], kind: ProviderKind, emptyReason: string): Answer {
  const votes = new Votes();
  for (const m of tech) {
    if (m.provider.kinds.includes(kind)) votes.add(m.slug, m.evidence.startsWith('header') ? 0.85 : 0.8, m.evidence);
  }
  for (const hop of ctx.dns?.www?.cnameChain ?? []) {
    for (const m of ctx.catalog.matchCname(hop)) if (m.provider.kinds.includes(kind)) votes.add(m.slug, 0.85, m.evidence);
  }
  return votes.pick(0.3, emptyReason);
}
