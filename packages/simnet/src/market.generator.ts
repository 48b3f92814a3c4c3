// Builds a deterministic regional market: businesses, their ground truth, every DNS
// record and web site, and the hard cases a real purchased list contains.
import { AddressPlan } from './address-plan.ts';
import { AS_BLOCKS } from './as-blocks.data.ts';
import { generateIdentity, nameSlug, phoneNumber, unguessableLabel, type Identity } from './business.identity.ts';
import { addDnsZone, addParkedZone } from './dns.writer.ts';
import { addDomainFootprint, ispTruth } from './footprint.generator.ts';
import { addMail } from './mail.writer.ts';
import type { Business, GroundTruth, HardCaseTag, Market, Namesake, SiteLook, SiteSpec } from './market.types.ts';
import { createRng, type Rng } from './prng.ts';
import { CITIES, OTHER_TOWNS, REGION, SURNAMES } from './region.data.ts';
import * as spec from './spec/index.ts';
import type { IspSpec } from './spec/spec.types.ts';
import { addWebsite, siteLook } from './web.writer.ts';
import { isWorldName, WORLDS, type WorldName, type WorldProfile } from './world.profiles.ts';

export interface GenerateMarketOptions {
  seed: number;
  size: number;
  /** Second octet of the instance's 127.<octet>.0.0/16. */
  octet?: number;
  /** Which providers the businesses buy from (world.profiles.ts); `classic` by default. */
  world?: WorldName;
  /**
   * Add the cases that mislead a domain finder (similar names in the same town, franchisees
   * named by their chain's site, renamed businesses, parked look-alikes, own sites buried under
   * directory listings) and more namesakes and stale list websites. Off by default, so every
   * other market stays as it was.
   */
  misleading?: boolean;
}

type Plot = 'ordinary' | HardCaseTag;

/** Share of each storyline; the rest are ordinary businesses with a website. */
const PLOTS: Record<Plot, number> = {
  ordinary: 46, 'no-website': 12, 'social-only': 8, 'parked-domain': 4, 'namesake-domain': 5,
  'stale-website': 4, 'redirected-domain': 4, 'search-only': 6, 'email-only': 5, 'name-only': 6,
  // Only in the misleading market (weights of 0 at the end leave the draws of the others unchanged).
  'similar-name': 0, franchise: 0, renamed: 0, 'parked-lookalike': 0, 'buried-site': 0,
};

/** The misleading market: fewer plain cases, every trap common enough to learn from. */
const MISLEADING_PLOTS: Record<Plot, number> = {
  ordinary: 16, 'no-website': 6, 'social-only': 4, 'parked-domain': 3, 'namesake-domain': 9,
  'stale-website': 7, 'redirected-domain': 3, 'search-only': 5, 'email-only': 3, 'name-only': 3,
  'similar-name': 10, franchise: 10, renamed: 8, 'parked-lookalike': 6, 'buried-site': 7,
};

const PARKING = { sedo: 35, bodis: 30, parkingcrew: 25, afternic: 10 } as const;
const PARKING_SPECS = new Map(spec.PARKING_DNS.map((p) => [p.id, p]));
const CONSUMER_MAIL = ['gmail.com', 'gmail.com', 'yahoo.com', 'aol.com', 'outlook.com'];

interface Build {
  plan: AddressPlan;
  profile: WorldProfile;
  domains: Set<string>;
  labelCounts: Map<string, number>;
  phones: Set<string>;
  businesses: Business[];
  namesakes: Namesake[];
  sites: SiteSpec[];
  plots: Record<Plot, number>;
}

function claimDomain(build: Build, label: string, rng: Rng): string {
  const tlds = ['com', 'com', 'com', 'com', 'net', 'biz', 'us', 'co'];
  let candidate = `${label}.${rng.pick(tlds)}`;
  // Common names collide a lot in big markets: number them instead of probing linearly.
  let n = build.labelCounts.get(label) ?? 1;
  while (build.domains.has(candidate)) candidate = `${label}${++n}.com`;
  build.labelCounts.set(label, n);
  build.domains.add(candidate);
  return candidate;
}

function emailAt(rng: Rng, domain: string): string {
  return `${rng.pick(['info', 'office', 'contact', 'sales', 'admin', 'hello'])}@${domain}`;
}

/** A business without a domain writes from a consumer mailbox; one at its ISP names the ISP. */
function consumerEmail(rng: Rng, identity: Identity, isp: IspSpec): { email: string; atIsp: boolean } {
  const local = `${nameSlug(identity.coreName).slice(0, 14)}${rng.int(1, 99)}`;
  const atIsp = isp.mailDomain !== null && rng.chance(0.4);
  return { email: `${local}@${atIsp ? isp.mailDomain : rng.pick(CONSUMER_MAIL)}`, atIsp };
}

function socialPagesFor(rng: Rng, identity: Identity, socialOnly: boolean): string[] {
  const slug = `${nameSlug(identity.coreName)}${rng.chance(0.3) ? identity.city.name.toLowerCase().replace(/\s/g, '') : ''}`;
  const pages: string[] = [];
  if (socialOnly || rng.chance(0.5)) pages.push(`https://www.facebook.com/${slug}`);
  if (!socialOnly && rng.chance(0.3)) pages.push(`https://www.linkedin.com/company/${slug}`);
  if (rng.chance(socialOnly ? 0.5 : 0.2)) pages.push(`https://www.instagram.com/${slug}`);
  return pages;
}

function addNamesake(build: Build, identity: Identity, domain: string, index: number, rng: Rng): void {
  const town = rng.pick(OTHER_TOWNS);
  addShadowSite(build, {
    name: identity.coreName, city: town.city, state: town.state, zip: town.zip, domain, shadows: index,
    phone: phoneNumber(rng, town.areaCode, build.phones), street: `${rng.int(10, 9899)} Commerce Dr`,
  }, rng);
}

/** A shadowing site of another business: its DNS, web host, mail and page. */
function addShadowSite(build: Build, namesake: Namesake, rng: Rng): void {
  build.namesakes.push(namesake);
  const hostId = rng.pick(['squarespace', 'wix', 'godaddy-sites'] as const);
  const host = spec.webHost(hostId);
  const domain = namesake.domain;
  addDnsZone(build.plan, domain, spec.dnsHost(hostId === 'wix' ? 'wix-dns' : 'godaddy-dns'), rng);
  addWebsite(build.plan, domain, host, rng, null);
  addMail(build.plan, { domain, mailbox: spec.mailboxHost('google'), gateway: null, onPremAddress: null, officeAddress: null, officeSpfHost: null, spfNamesMailbox: true }, rng);
  const apps = hostId === 'godaddy-sites' ? [] : [spec.app(hostId)];
  build.sites.push({ hosts: [domain, `www.${domain}`], content: { kind: 'namesake', namesake: build.namesakes.length - 1 }, look: siteLook(host, apps, rng, domain) });
}

/** "Miller's Plumbing" ↔ "Miller Plumbing", else another word after the name: a rival a search confuses. */
function similarName(coreName: string, rng: Rng): string {
  if (/'s\b/.test(coreName)) return coreName.replace(/'s\b/, '');
  const [first, ...rest] = coreName.split(' ');
  return rng.chance(0.5) && rest.length > 0 ? `${first}'s ${rest.join(' ')}` : `${coreName} ${rng.pick(['Pros', 'Plus', 'Group', 'Co'])}`;
}

/** Same town and postal code, another phone and street: a different business with a name close to this one's. */
function addSimilarNamed(build: Build, identity: Identity, index: number, rng: Rng): void {
  const name = similarName(identity.coreName, rng);
  addShadowSite(build, {
    name, city: identity.city.name, state: REGION.state, zip: identity.zip, domain: claimDomain(build, nameSlug(name), rng), shadows: index,
    phone: phoneNumber(rng, rng.pick(identity.city.areaCodes), build.phones), street: `${rng.int(10, 9899)} ${rng.pick(['Main St', 'High St', 'Market St', 'Broad St'])}`,
  }, rng);
}

/** The chain's own site: a toll-free number, a head office in another city, the towns it serves. */
function addChainSite(build: Build, identity: Identity, index: number, rng: Rng): void {
  const others = CITIES.filter((c) => c.name !== identity.city.name);
  const head = rng.pick(others);
  const towns = [...new Set([identity.city.name, rng.pick(others).name, rng.pick(others).name, head.name])];
  addShadowSite(build, {
    name: identity.coreName, city: head.name, state: REGION.state, zip: rng.pick(head.zips), domain: claimDomain(build, nameSlug(identity.coreName), rng), shadows: index,
    phone: phoneNumber(rng, rng.pick(['800', '888', '877']), build.phones), street: `${rng.int(10, 9899)} Corporate Pkwy`,
    note: `Independently owned and operated franchise locations: ${towns.map((t) => `${t}, ${REGION.state}`).join(' · ')}`,
  }, rng);
}

function addRedirectingDomain(build: Build, from: string, to: string, rng: Rng): void {
  const host = spec.webHost('godaddy-sites');
  addDnsZone(build.plan, from, spec.dnsHost('godaddy-dns'), rng);
  addWebsite(build.plan, from, host, rng, null);
  build.sites.push({ hosts: [from, `www.${from}`], content: { kind: 'redirect', location: `https://www.${to}/`, status: 301 }, look: siteLook(host, [], rng, from) });
}

const PARKED_LOOK = (server: string): SiteLook => ({ headers: { server }, head: [], body: [], bodyEnd: [], wwwCanonical: false, httpsUpgrade: false });

function addParked(build: Build, domain: string, rng: Rng): void {
  const parking = PARKING_SPECS.get(rng.weighted(PARKING));
  if (!parking) throw new Error('parking service missing from the spec');
  addParkedZone(build.plan, domain, parking);
  build.sites.push({ hosts: [domain, `www.${domain}`], content: { kind: 'parked', markup: parking.parkingMarkup, server: parking.server }, look: PARKED_LOOK(parking.server) });
}

function emptyTruth(isp: IspSpec, presence: GroundTruth['presence'], tags: HardCaseTag[]): GroundTruth {
  return { presence, domain: null, emailProvider: null, emailGateway: null, webHost: null, dnsProvider: null, isp: ispTruth(isp, false), ecommercePlatform: null, cms: null, voipProvider: null, officeExposure: null, tags };
}

/** Plays one storyline and returns the business. */
function generateBusiness(build: Build, index: number, rng: Rng): Business {
  const identity = generateIdentity(rng, build.phones);
  const isp = spec.isp(rng.weighted(build.profile.isps));
  const plot = rng.weighted(build.plots);
  const story = playPlot(build, { identity, isp, plot, index }, rng);
  return {
    recordId: `OH${String(index + 1).padStart(7, '0')}`,
    name: identity.name, street: identity.street, city: identity.city.name, state: REGION.state, zip: identity.zip,
    phone: identity.phone, employees: identity.employees, revenue: identity.revenue, sic: identity.industry.sic,
    industry: identity.industry.label, ...story,
  };
}

interface PlotInput { identity: Identity; isp: IspSpec; plot: Plot; index: number }
type Story = Pick<Business, 'listWebsite' | 'listEmail' | 'socialPages' | 'searchable' | 'truth' | 'siteName' | 'buried'>;

function playPlot(build: Build, input: PlotInput, rng: Rng): Story {
  const { identity, isp, plot } = input;
  const slug = nameSlug(identity.coreName);
  // Half the franchisees have no site of their own: the chain's is not theirs.
  if (plot === 'franchise' && rng.chance(0.5)) {
    addChainSite(build, identity, input.index, rng);
    const consumer = rng.chance(0.5) ? consumerEmail(rng, identity, isp) : null;
    const truth = emptyTruth(isp, 'none', ['franchise', 'no-website']);
    if (consumer?.atIsp) truth.isp.observable = true;
    return { listWebsite: null, listEmail: consumer?.email ?? null, socialPages: [], searchable: false, truth };
  }
  if (plot === 'no-website' || plot === 'social-only' || plot === 'parked-domain') {
    const social = plot === 'social-only';
    // A business with neither site nor social page is the plain "none" case.
    const socialPages = social ? socialPagesFor(rng, identity, true) : [];
    let listWebsite: string | null = social && rng.chance(0.4) ? (socialPages[0] ?? null) : null;
    if (plot === 'parked-domain') {
      const parked = claimDomain(build, slug, rng);
      addParked(build, parked, rng);
      listWebsite = parked;
    }
    const tags: HardCaseTag[] = plot === 'parked-domain' ? ['parked-domain', 'no-website'] : [plot];
    const consumer = rng.chance(0.5) ? consumerEmail(rng, identity, isp) : null;
    const truth = emptyTruth(isp, social ? 'social-only' : 'none', tags);
    // The list's own e-mail column is a public record: a mailbox at the ISP's domain shows it.
    if (consumer?.atIsp) truth.isp.observable = true;
    return { listWebsite, listEmail: consumer?.email ?? null, socialPages, searchable: false, truth };
  }
  return playWebsitePlot(build, input, rng, slug);
}

function playWebsitePlot(build: Build, input: PlotInput, rng: Rng, slug: string): Story {
  const { identity, isp, plot, index } = input;
  const derivable = plot === 'ordinary' || plot === 'name-only' || plot === 'redirected-domain' || plot === 'buried-site';
  let label = derivable ? slug : unguessableLabel(rng, identity);
  const townLabel = `${slug}${identity.city.name.toLowerCase().replace(/\s/g, '')}`;
  if (plot === 'namesake-domain') {
    addNamesake(build, identity, claimDomain(build, slug, rng), index, rng);
    label = townLabel;
  }
  if (plot === 'franchise') {
    addChainSite(build, identity, index, rng);
    label = townLabel;
  }
  if (plot === 'similar-name') addSimilarNamed(build, identity, index, rng);
  if (plot === 'parked-lookalike') addParked(build, claimDomain(build, slug, rng), rng);
  let siteName: string | undefined;
  if (plot === 'renamed') {
    const core = `${rng.pick(SURNAMES.filter((n) => !identity.coreName.includes(n)))} ${identity.industry.word}`;
    siteName = `${core}${identity.name.slice(identity.coreName.length)}`;
    label = nameSlug(core);
  }
  const domain = claimDomain(build, label, rng);
  const { look, ispObservable, ...footprint } = addDomainFootprint(build.plan, { domain, identity, isp, profile: build.profile }, rng);
  const truth: GroundTruth = { presence: 'website', domain, isp: ispTruth(isp, ispObservable), tags: plot === 'ordinary' ? [] : [plot], ...footprint };
  build.sites.push({ hosts: [domain, `www.${domain}`], content: { kind: 'business', business: index }, look });
  const story: Story = { listWebsite: null, listEmail: null, socialPages: socialPagesFor(rng, identity, false), searchable: rng.chance(0.8), truth, ...(siteName ? { siteName } : {}) };
  switch (plot) {
    case 'similar-name':
    case 'franchise':
    case 'parked-lookalike':
      story.searchable = rng.chance(0.7);
      story.listEmail = rng.chance(0.25) ? emailAt(rng, domain) : null;
      break;
    case 'renamed':
      // The list still has the old name, and sometimes the site it already had.
      story.searchable = true;
      story.listWebsite = rng.chance(0.4) ? domain : null;
      break;
    case 'buried-site':
      story.searchable = true;
      story.buried = true;
      story.socialPages = socialPagesFor(rng, identity, true);
      break;
    case 'ordinary':
      story.listWebsite = rng.chance(0.6) ? domain : null;
      story.listEmail = rng.chance(0.45) ? emailAt(rng, domain) : null;
      break;
    case 'namesake-domain':
      story.searchable = true;
      story.listEmail = rng.chance(0.3) ? emailAt(rng, domain) : null;
      break;
    case 'stale-website': {
      const stale = claimDomain(build, `${slug}${rng.pick(['online', 'inc', 'oh', 'web'])}`, rng);
      if (rng.chance(0.5)) addParked(build, stale, rng);
      story.listWebsite = stale;
      story.listEmail = rng.chance(0.5) ? emailAt(rng, domain) : null;
      story.searchable = story.listEmail === null || rng.chance(0.5);
      break;
    }
    case 'redirected-domain': {
      const old = claimDomain(build, `${slug}${rng.pick(['old', 'oh', 'llc', 'co'])}`, rng);
      addRedirectingDomain(build, old, domain, rng);
      story.listWebsite = old;
      break;
    }
    case 'search-only':
      story.searchable = true;
      break;
    case 'email-only':
      story.searchable = false;
      story.listEmail = emailAt(rng, domain);
      break;
    case 'name-only':
      story.searchable = false;
      break;
  }
  return story;
}

export function generateMarket(options: GenerateMarketOptions): Market {
  const octet = options.octet ?? 20;
  if (!Number.isInteger(octet) || octet < 1 || octet > 254) throw new Error(`octet must be 1..254, got ${octet}`);
  if (!Number.isInteger(options.size) || options.size < 1) throw new Error(`size must be a positive integer, got ${options.size}`);
  const world = options.world ?? 'classic';
  if (!isWorldName(world)) throw new Error(`world must be one of ${Object.keys(WORLDS).join(', ')}, got ${options.world}`);
  const build: Build = { plan: new AddressPlan(octet), profile: WORLDS[world], domains: new Set(), labelCounts: new Map(), phones: new Set(), businesses: [], namesakes: [], sites: [], plots: options.misleading ? MISLEADING_PLOTS : PLOTS };
  const root = createRng(options.seed);
  for (let i = 0; i < options.size; i++) {
    build.businesses.push(generateBusiness(build, i, root.fork(`b${i}`)));
  }
  return {
    seed: options.seed, octet, region: { ...REGION }, businesses: build.businesses, namesakes: build.namesakes,
    records: build.plan.records, sites: build.sites, asBlocks: [...AS_BLOCKS], webAddresses: [...build.plan.webAddresses].sort(),
  };
}
