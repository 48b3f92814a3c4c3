// Chooses the providers of one business that owns a domain and writes its DNS records.
// Returns the ground-truth fields those choices imply.
import type { AddressPlan } from './address-plan.ts';
import type { Identity } from './business.identity.ts';
import { addDnsProviderZone, type DnsProviderSlug } from './dns-provider.footprint.ts';
import { addMail, addVoip, type EmailProviderSlug, type GatewaySlug, type VoipSlug } from './email.footprint.ts';
import { ispPtrName, type IspSlug } from './isp.footprint.ts';
import type { GroundTruth } from './market.types.ts';
import type { Rng } from './prng.ts';
import { addWebsite, type WebHostSlug } from './web.footprint.ts';

export type Footprint = Pick<GroundTruth, 'emailProvider' | 'emailGateway' | 'webHost' | 'dnsProvider' | 'ispObservable' | 'ecommercePlatform' | 'cms' | 'voipProvider'>;

const REGISTRAR_DNS = { godaddy: 45, namecheap: 12, 'network-solutions': 10, 'google-cloud': 8, ionos: 5, azure: 5, aws: 5, cloudflare: 10 } as const;

const WEB_HOSTS = {
  squarespace: 13, wix: 13, godaddy: 13, 'wordpress-com': 5, bluehost: 9, hostgator: 5, siteground: 5,
  'wp-engine': 4, aws: 7, cloudflare: 10, shopify: 2, 'self-hosted': 6,
} as const;
const RETAIL_WEB_HOSTS = { ...WEB_HOSTS, shopify: 25 } as const;
const SMALL_MAIL = { 'microsoft-365': 34, 'google-workspace': 31, godaddy: 11, zoho: 4, rackspace: 4, ionos: 2, namecheap: 2, intermedia: 3, 'self-hosted': 7 } as const;
const BIG_MAIL = { ...SMALL_MAIL, 'microsoft-365': 45, 'google-workspace': 20, godaddy: 3, 'self-hosted': 14 } as const;
const GATEWAYS = { proofpoint: 45, mimecast: 35, barracuda: 20 } as const;

function pickWebHost(rng: Rng, identity: Identity): WebHostSlug {
  return rng.weighted(identity.industry.retail ? RETAIL_WEB_HOSTS : WEB_HOSTS);
}

function pickDnsProvider(rng: Rng, web: WebHostSlug): DnsProviderSlug {
  if (web === 'cloudflare') return 'cloudflare';
  if (web === 'squarespace' && rng.chance(0.55)) return 'squarespace';
  if (web === 'wix' && rng.chance(0.7)) return 'wix';
  if (web === 'aws' && rng.chance(0.7)) return 'aws';
  if (web === 'godaddy' && rng.chance(0.85)) return 'godaddy';
  return rng.weighted(REGISTRAR_DNS);
}

function pickCmsAndShop(rng: Rng, web: WebHostSlug, retail: boolean): { cms: string | null; shop: string | null } {
  const shopP = retail ? 0.25 : 0.05;
  const wordpress = (p: number): { cms: string | null; shop: string | null } =>
    rng.chance(p) ? { cms: 'wordpress', shop: rng.chance(shopP) ? 'woocommerce' : null } : { cms: rng.pick(['joomla', 'drupal', null]), shop: null };
  switch (web) {
    case 'squarespace': return { cms: 'squarespace', shop: rng.chance(shopP) ? 'squarespace-commerce' : null };
    case 'wix': return { cms: 'wix', shop: rng.chance(shopP) ? 'wix-stores' : null };
    case 'shopify': return { cms: null, shop: 'shopify' };
    case 'wordpress-com': return { cms: 'wordpress', shop: rng.chance(shopP / 2) ? 'woocommerce' : null };
    case 'bluehost': case 'hostgator': case 'siteground': case 'wp-engine': return wordpress(0.9);
    case 'godaddy': return rng.chance(0.6) ? { cms: null, shop: null } : wordpress(1);
    case 'aws': return rng.chance(0.1 + (retail ? 0.1 : 0)) ? { cms: null, shop: 'magento' } : wordpress(0.4);
    case 'cloudflare': return rng.chance(retail ? 0.15 : 0.03) ? { cms: null, shop: 'bigcommerce' } : wordpress(0.6);
    case 'self-hosted': return wordpress(0.5);
  }
}

function pickEmail(rng: Rng, employees: number): EmailProviderSlug {
  return rng.weighted(employees >= 50 ? BIG_MAIL : SMALL_MAIL);
}

function pickVoip(rng: Rng, email: EmailProviderSlug): VoipSlug | null {
  if (email === 'microsoft-365' && rng.chance(0.35)) return 'microsoft-teams';
  const r = rng.next();
  return r < 0.06 ? 'ringcentral' : r < 0.1 ? '8x8' : r < 0.14 ? 'zoom-phone' : null;
}

function addOfficeHosts(plan: AddressPlan, domain: string, address: string, rng: Rng): void {
  const labels = ['vpn', 'remote', 'owa', 'portal', 'ftp', 'rdp'];
  const count = rng.int(1, 2);
  for (let i = 0; i < count; i++) plan.add({ name: `${labels[(rng.int(0, 5) + i) % labels.length]}.${domain}`, type: 'A', value: address });
}

export interface FootprintInput {
  domain: string;
  identity: Identity;
  isp: IspSlug;
}

export function addDomainFootprint(plan: AddressPlan, input: FootprintInput, rng: Rng): Footprint {
  const { domain, identity, isp } = input;
  const web = pickWebHost(rng, identity);
  const dns = pickDnsProvider(rng, web);
  const email = pickEmail(rng, identity.employees);
  const gatewayP = identity.employees >= 25 ? 0.25 : 0.03;
  const gateway: GatewaySlug | null = rng.chance(gatewayP) ? rng.weighted(GATEWAYS) : null;
  const officeP = Math.min(0.5, 0.12 + identity.employees / 400);
  const needsOffice = web === 'self-hosted' || email === 'self-hosted' || rng.chance(officeP);
  const office = needsOffice ? plan.next(isp, true) : null;
  if (office) plan.ptr(office, ispPtrName(isp, office, identity.city));

  addDnsProviderZone(plan, domain, dns, rng);
  addWebsite(plan, domain, web, rng, office);
  addMail(plan, { domain, provider: email, gateway, onPremAddress: office, officeAddress: office && email !== 'self-hosted' && rng.chance(0.3) ? office : null }, rng);
  if (office && web !== 'self-hosted' && email !== 'self-hosted') addOfficeHosts(plan, domain, office, rng);
  else if (office && rng.chance(0.4)) addOfficeHosts(plan, domain, office, rng);
  const voip = pickVoip(rng, email);
  if (voip) addVoip(plan, domain, voip, rng);
  const { cms, shop } = pickCmsAndShop(rng, web, identity.industry.retail);
  return {
    emailProvider: email, emailGateway: gateway, webHost: web, dnsProvider: dns, ispObservable: office !== null,
    ecommercePlatform: shop, cms, voipProvider: voip,
  };
}
