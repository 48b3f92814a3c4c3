// What kind of network numbers an address: an access network (an ISP's customer lines), a
// hosting or cloud network, an enterprise's own, or a university's. Read from the catalog
// first, then the AS organisation's name, then the reverse name's shape. A hosting network
// is never an ISP, however the business uses the address.
import type { Catalog, CatalogMatch } from '../catalog/catalog.ts';
import type { AddressInfo } from '../types.ts';

export type NetworkClass = 'access' | 'hosting' | 'enterprise' | 'education' | 'unknown';

export interface NetworkFacts {
  class: NetworkClass;
  /** The AS organisation's name without registry handle, legal form and country ("Allo Communications"). */
  org: string | null;
  /** The catalog entry that numbers it, when one does. */
  catalogMatch: CatalogMatch | null;
  /** The reverse name has a customer-line shape (static, dsl, cable, fiber, pool, biz, res, dyn …). */
  accessPtr: boolean;
  /** What decided the class, for the evidence. */
  basis: 'catalog' | 'organisation' | 'reverse name' | 'none';
}

// Hosting, cloud, CDN and transit networks by name. Transit carriers (Cogent, Hurricane
// Electric, Zayo …) carry "communications" in their names like access ISPs but sell no lines
// to small offices, so they are listed here and never read as access.
const HOSTING_ORG = new RegExp(
  [
    // Stems that start a word (Hostwinds, Cloudflare, Servers.com, Datacenter …).
    String.raw`\b(host|cloud|server|data ?cent(er|re)|datacenter|colo|vps|cdn)`,
    String.raw`\b(web services|digitalocean|linode|akamai|fastly|amazon|aws|google(?![ -]?fiber)|microsoft|azure|oracle|ovh|hetzner|vultr|choopa|leaseweb|rackspace|godaddy|ionos|1&1|contabo|scaleway|equinix|hurricane electric|cogent|zayo|level ?3|gtt|telia|ntt|tata|incapsula|imperva|sucuri|wix|squarespace|shopify|automattic|wp ?engine|bluehost|siteground|dreamhost|namecheap|a2 ?hosting|liquid ?web|inmotion|netlify|vercel|heroku|github|limestone|psychz|quadranet|colocrossing|steadfast|tierpoint|flexential|cyrusone|coresite|hivelocity|ubiquity|m247|datacamp|cdn77|bunny|stackpath|edgecast|limelight)\b`,
  ].join('|'),
  'i',
);
const EDUCATION_ORG = /\b(universit(y|ies)|college|school|schools|education|educational|academy|k-?12|isd|research and education|institute of technology)\b/i;
const ACCESS_ORG =
  /\b(communications?|telecom(munications?)?|telephone|telephone co(mpany)?|tel|telco|cable|cablevision|broadband|fiber|fibre|wireless|internet|networks?|net|cooperative|co-?op|electric|electric membership|utilities|power|emc|tv|television|media|wifi|wisp|connect|connections|online|telecommunications|mobile|cellular|satellite|starlink|lte|5g)\b/i;
/** Reverse names of customer lines: static-1-2-3-4.x, dsl, cable, fiber, pool, biz, res, dyn, dhcp, cpe … */
const ACCESS_PTR =
  /(^|[.-])(static|sta|dsl|adsl|vdsl|xdsl|cable|cbl|hfc|fiber|fibre|ftth|fttp|fios|pool|dyn|dynamic|dhcp|biz|business|bus|res|resi|residential|cust|customer|customers|subscriber|sub|cpe|broadband|bb|dial|dialup|ppp|pppoe|wireless|wisp|lte|user|client|clients|home)([.-]|\d|$)/i;
/** Reverse names of servers: ec2-…compute, vps, server, host, colo, cloud. */
const HOSTING_PTR = /(^|[.-])(compute|ec2|vps|vm|server|srv|dedicated|colo|cloud|hosted|hosting|cdn|edge|static\.[\d.]+\.clients\.your-server)([.-]|\d|$)/i;

/** "ALLO-COMM - Allo Communications LLC, US" → "Allo Communications". */
export function normaliseOrgName(owner: string): string | null {
  let name = owner.trim();
  // Team Cymru's form: registry handle, " - ", then the name and ", CC".
  const dash = / - /.exec(name);
  if (dash && /^[A-Z0-9][A-Z0-9-_.]*$/i.test(name.slice(0, dash.index).trim()) && !name.slice(0, dash.index).includes(' ')) {
    name = name.slice(dash.index + 3);
  }
  name = name.replace(/,\s*[A-Z]{2}$/, '');
  const legal = /[,\s]+(llc|l\.l\.c\.|inc\.?|incorporated|corp\.?|corporation|co\.?|company|ltd\.?|limited|lp|l\.p\.|llp|plc|gmbh|s\.a\.|sa|ag|bv|b\.v\.|pty|pte)\.?$/i;
  for (let previous = ''; previous !== name; ) {
    previous = name;
    name = name.replace(legal, '').replace(/[,\s]+$/, '');
  }
  name = name.replace(/\s+/g, ' ').trim();
  return name === '' ? null : name;
}

export function classifyNetwork(catalog: Catalog, info: AddressInfo): NetworkFacts {
  const org = info.asn?.owner ? normaliseOrgName(info.asn.owner) : null;
  const accessPtr = info.ptr !== null && ACCESS_PTR.test(info.ptr) && !HOSTING_PTR.test(info.ptr);
  const facts = (cls: NetworkClass, basis: NetworkFacts['basis'], catalogMatch: CatalogMatch | null = null): NetworkFacts => ({
    class: cls, org, catalogMatch, accessPtr, basis,
  });
  const byAsn = info.asn ? catalog.matchAsn(info.asn.asn) : [];
  const nonIsp = byAsn.find((m) => !m.provider.kinds.includes('isp'));
  if (nonIsp) return facts('hosting', 'catalog', nonIsp);
  const access = byAsn.find((m) => m.access);
  if (access) return facts('access', 'catalog', access);
  // A catalogued ISP's other network (transit, enterprise circuits, its hosting arm): not
  // proof of a customer line, so not 'access'; the ISP answer weighs it apart, weakly.
  const ispOther = byAsn[0];
  if (ispOther) return facts('enterprise', 'catalog', ispOther);
  const owner = info.asn?.owner ?? '';
  if (owner !== '') {
    if (HOSTING_ORG.test(owner)) return facts('hosting', 'organisation');
    if (EDUCATION_ORG.test(owner)) return facts('education', 'organisation');
    if (ACCESS_ORG.test(owner)) return facts('access', 'organisation');
  }
  if (info.ptr !== null && HOSTING_PTR.test(info.ptr)) return facts('hosting', 'reverse name');
  if (accessPtr) return facts('access', 'reverse name');
  return owner !== '' ? facts('enterprise', 'organisation') : facts('unknown', 'none');
}
