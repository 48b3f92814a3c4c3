// Chooses the providers of one business that owns a domain, writes its DNS records and
// returns the ground truth those choices imply: the real provider of each service and
// whether public records show it.
import type { AddressPlan } from './address-plan.ts';
import type { Identity } from './business.identity.ts';
import { addDnsZone } from './dns.writer.ts';
import { addMail } from './mail.writer.ts';
import type { GroundTruth, ProviderTruth, SiteLook } from './market.types.ts';
import type { Rng } from './prng.ts';
import * as spec from './spec/index.ts';
import type { AppSpec, IspSpec, MailSpec, ProviderIdentity, StackSpec, WebHostSpec } from './spec/spec.types.ts';
import { TemplateScope } from './spec/template.ts';
import { addVoip } from './voip.writer.ts';
import { addWebsite, siteLook } from './web.writer.ts';
import type { OfficeExposure, WorldProfile } from './world.profiles.ts';

export type Footprint = Pick<GroundTruth, 'emailProvider' | 'emailGateway' | 'webHost' | 'dnsProvider' | 'ecommercePlatform' | 'cms' | 'voipProvider' | 'officeExposure'> & {
  ispObservable: boolean;
  look: SiteLook;
};

/** Labels the office's own services go by and a DNS agent commonly probes. */
const PROBED_LABELS = ['vpn', 'remote', 'owa', 'portal', 'ftp', 'rdp'];
/** Real but unguessable names of office equipment: nobody enumerates them. */
const UNPROBED_LABELS = ['fw01', 'gw-01', 'sslvpn', 'edge01', 'anyconnect', 'fortigate', 'nas01', 'cameras'];
const CLOUD_VPS = ['hetzner', 'vultr', 'digitalocean', 'linode'];

export function providerTruth(p: ProviderIdentity, observable: boolean, extraAliases: string[] = []): ProviderTruth {
  return { name: p.name, domains: [...p.domains], aliases: [...(p.aliases ?? []), ...extraAliases], observable };
}

export function ispTruth(isp: IspSpec, observable: boolean): ProviderTruth {
  return providerTruth(isp, observable, [isp.network.org]);
}

function selfHostedTruth(domain: string): ProviderTruth {
  return { name: 'self-hosted', domains: [domain], aliases: [], observable: true, selfHosted: true };
}

function pickDns(rng: Rng, profile: WorldProfile, web: string): string {
  const platform = profile.platformDns[web];
  if (platform && rng.chance(platform[1])) return platform[0];
  return rng.weighted(profile.dnsHosts);
}

function pickStack(rng: Rng, stack: StackSpec, retail: boolean, profile: WorldProfile): { cms: string | null; shop: string | null } {
  const shopP = retail ? 0.25 : 0.05;
  if (stack.kind === 'platform') {
    if (stack.cms === null) return { cms: null, shop: stack.shop };
    return { cms: stack.cms, shop: stack.shop && rng.chance(shopP) ? stack.shop : null };
  }
  const shops = Object.keys(stack.shops).length > 0 && rng.chance(shopP) ? rng.weighted(stack.shops) : null;
  const requires = shops ? spec.app(shops).requiresCms ?? null : null;
  if (requires) return { cms: requires, shop: shops };
  if (rng.chance(stack.wordpress)) return { cms: 'wordpress', shop: shops };
  const other = rng.chance(stack.otherCms) ? rng.weighted(profile.otherCms) : 'none';
  return { cms: other === 'none' ? null : other, shop: shops };
}

const GENERIC_STACK: StackSpec = { kind: 'open', wordpress: 0.5, otherCms: 0.4, shops: { woocommerce: 1 } };

export interface FootprintInput {
  domain: string;
  identity: Identity;
  isp: IspSpec;
  profile: WorldProfile;
}

interface Office {
  address: string | null;
  exposure: OfficeExposure | 'self-hosted' | null;
}

function placeOffice(plan: AddressPlan, input: FootprintInput, selfRun: boolean, rng: Rng): Office {
  const { identity, isp, profile } = input;
  const officeP = Math.min(0.5, 0.12 + identity.employees / 400);
  if (!selfRun && !rng.chance(officeP)) return { address: null, exposure: null };
  const exposure: Office['exposure'] = selfRun ? 'self-hosted' : rng.weighted(profile.exposure);
  if (exposure === 'cloud-vpn') return { address: null, exposure };
  const address = plan.next(isp.network.id, true);
  plan.ptr(address, new TemplateScope(rng, { ip: address, city: identity.city.code }).expand(isp.ptr));
  return { address, exposure };
}

function addHosts(plan: AddressPlan, domain: string, labels: string[], address: string, rng: Rng, count: number): string[] {
  const start = rng.int(0, labels.length - 1);
  const names = Array.from({ length: count }, (_, i) => `${labels[(start + i) % labels.length]}.${domain}`);
  for (const name of names) plan.add({ name, type: 'A', value: address });
  return names;
}

function writeOfficeHosts(plan: AddressPlan, domain: string, office: Office, rng: Rng): string | null {
  const { address, exposure } = office;
  if (exposure === 'cloud-vpn') {
    const vps = rng.pick(CLOUD_VPS);
    const host = spec.webHost(vps);
    const a = plan.next(vps, false);
    if (host.ptr) plan.ptr(a, new TemplateScope(rng, { ip: a }).expand(host.ptr));
    plan.add({ name: `vpn.${domain}`, type: 'A', value: a });
    return null;
  }
  if (!address) return null;
  if (exposure === 'service-hosts') addHosts(plan, domain, PROBED_LABELS, address, rng, rng.int(1, 2));
  else if (exposure === 'self-hosted' && rng.chance(0.4)) addHosts(plan, domain, PROBED_LABELS, address, rng, rng.int(1, 2));
  else if (exposure === 'hidden') addHosts(plan, domain, UNPROBED_LABELS, address, rng, 1);
  else if (exposure === 'spf-a') return addHosts(plan, domain, UNPROBED_LABELS, address, rng, 1)[0] ?? null;
  return null;
}

export function addDomainFootprint(plan: AddressPlan, input: FootprintInput, rng: Rng): Footprint {
  const { domain, identity, profile } = input;
  const webId = rng.weighted(identity.industry.retail ? profile.retailWebHosts : profile.webHosts);
  const web: WebHostSpec | 'self-hosted' = webId === 'self-hosted' ? 'self-hosted' : spec.webHost(webId);
  const dns = spec.dnsHost(pickDns(rng, profile, webId));
  const mailId = rng.weighted(identity.employees >= 50 ? profile.bigMail : profile.smallMail);
  const mailbox: MailSpec | 'self-hosted' = mailId === 'self-hosted' ? 'self-hosted' : spec.mailboxHost(mailId);
  const gatewayP = identity.employees >= 25 ? 0.25 : 0.03;
  const gateway = rng.chance(gatewayP) ? spec.gateway(rng.weighted(profile.gateways)) : null;
  const office = placeOffice(plan, input, web === 'self-hosted' || mailbox === 'self-hosted', rng);

  addDnsZone(plan, domain, dns, rng);
  addWebsite(plan, domain, web, rng, office.address);
  const spfHost = writeOfficeHosts(plan, domain, office, rng);
  const spfIp4 = office.address !== null && (office.exposure === 'spf-ip4' || (mailbox !== 'self-hosted' && office.exposure !== 'hidden' && office.exposure !== 'spf-a' && rng.chance(profile.officeSpfShare)));
  const mail = addMail(plan, {
    domain, mailbox, gateway, onPremAddress: office.address, officeAddress: spfIp4 ? office.address : null, officeSpfHost: spfHost,
    spfNamesMailbox: !rng.chance(profile.gatewayOnlySpf),
  }, rng);
  const voip = mailbox !== 'self-hosted' && mailbox.id === 'microsoft' && rng.chance(0.35) ? spec.voip('teams')
    : rng.chance(profile.voipShare) ? spec.voip(rng.weighted(profile.voip)) : null;
  if (voip) addVoip(plan, domain, voip, rng);
  const stack = web === 'self-hosted' ? GENERIC_STACK : web.stack;
  const { cms, shop } = pickStack(rng, stack, identity.industry.retail, profile);
  const apps: AppSpec[] = [cms, shop].filter((id): id is string => id !== null).map((id) => spec.app(id));
  return {
    emailProvider: mailbox === 'self-hosted' ? selfHostedTruth(domain) : providerTruth(mailbox, mail.mailboxVisible),
    emailGateway: gateway ? providerTruth(gateway, true) : null,
    webHost: web === 'self-hosted' ? selfHostedTruth(domain) : providerTruth(web, true),
    dnsProvider: providerTruth(dns, true),
    ecommercePlatform: shop ? providerTruth(spec.app(shop), true) : null,
    cms: cms ? providerTruth(spec.app(cms), true) : null,
    voipProvider: voip ? providerTruth(voip, true) : null,
    ispObservable: office.address !== null && office.exposure !== 'hidden',
    officeExposure: office.exposure,
    look: siteLook(web, apps, rng, domain),
  };
}
