// Who the businesses of a market buy from. `classic` is the mainstream US small-business
// mix the first simulated markets used (kept as the regression world); `open` adds the long
// tail a real purchased list brings: small mail hosts, registrars' DNS, site builders on
// other companies' clouds, regional carriers, offices seen only through SPF, hosts under
// names nobody probes. Ids are the spec's (spec/*.spec.ts).

export type OfficeExposure =
  /** vpn./remote./owa. … hosts on the office address. */
  | 'service-hosts'
  /** Only an SPF ip4: of the office. */
  | 'spf-ip4'
  /** An SPF a: naming a host under a label nobody probes (fw01.) on the office address. */
  | 'spf-a'
  /** A host under a label nobody probes, referenced nowhere: not in public records. */
  | 'hidden'
  /** A vpn. host on a rented cloud server: a hosting network, never the office's ISP. */
  | 'cloud-vpn';

export interface WorldProfile {
  webHosts: Record<string, number>;
  /** Retail businesses sell online: shop-first platforms weigh more. */
  retailWebHosts: Record<string, number>;
  /** Platforms that also run the zone when the customer lets them: web host → [DNS host, share]. */
  platformDns: Record<string, [string, number]>;
  /** Everyone else: DNS where the domain was bought or moved. */
  dnsHosts: Record<string, number>;
  smallMail: Record<string, number>;
  bigMail: Record<string, number>;
  gateways: Record<string, number>;
  /** Behind a gateway, the share of SPF records that name only the gateway. */
  gatewayOnlySpf: number;
  voip: Record<string, number>;
  /** Share of businesses with a VoIP service in DNS. */
  voipShare: number;
  isps: Record<string, number>;
  otherCms: Record<string, number>;
  /** How an office line with hosted mail and site shows (self-hosted mail or site show it anyway). */
  exposure: Record<OfficeExposure, number>;
  /** Share of offices listed in SPF ip4: beside hosted mail. */
  officeSpfShare: number;
}

const CLASSIC_WEB = {
  squarespace: 13, wix: 13, 'godaddy-sites': 13, 'wordpress-com': 5, bluehost: 9, hostgator: 5, siteground: 5,
  wpengine: 4, aws: 7, 'cloudflare-site': 10, shopify: 2, 'self-hosted': 6,
};
const CLASSIC_SMALL_MAIL = { microsoft: 34, google: 31, 'godaddy-mail': 11, zoho: 4, rackspace: 4, 'ionos-mail': 2, privateemail: 2, intermedia: 3, 'self-hosted': 7 };
const CLASSIC_PLATFORM_DNS: Record<string, [string, number]> = {
  'cloudflare-site': ['cloudflare-dns', 1], squarespace: ['squarespace-dns', 0.55], wix: ['wix-dns', 0.7], aws: ['route53', 0.7], 'godaddy-sites': ['godaddy-dns', 0.85],
};

export const CLASSIC: WorldProfile = {
  webHosts: CLASSIC_WEB,
  retailWebHosts: { ...CLASSIC_WEB, shopify: 25 },
  platformDns: CLASSIC_PLATFORM_DNS,
  dnsHosts: { 'godaddy-dns': 45, 'namecheap-dns': 12, 'netsol-dns': 10, 'google-dns': 8, 'ionos-dns': 5, 'azure-dns': 5, route53: 5, 'cloudflare-dns': 10 },
  smallMail: CLASSIC_SMALL_MAIL,
  bigMail: { ...CLASSIC_SMALL_MAIL, microsoft: 45, google: 20, 'godaddy-mail': 3, 'self-hosted': 14 },
  gateways: { proofpoint: 45, mimecast: 35, barracuda: 20 },
  gatewayOnlySpf: 0,
  voip: { ringcentral: 6, '8x8': 4, 'zoom-phone': 4 },
  voipShare: 0.14,
  isps: { charter: 28, att: 22, comcast: 9, frontier: 7, windstream: 7, brightspeed: 6, verizon: 5, lumen: 5, cox: 4, mediacom: 3, tds: 2, optimum: 2 },
  otherCms: { joomla: 1, drupal: 1, none: 1 },
  exposure: { 'service-hosts': 1, 'spf-ip4': 0, 'spf-a': 0, hidden: 0, 'cloud-vpn': 0 },
  officeSpfShare: 0.3,
};

const OPEN_WEB = {
  squarespace: 8, wix: 8, 'godaddy-sites': 6, 'wordpress-com': 3, bluehost: 4, hostgator: 3, siteground: 3, wpengine: 3,
  aws: 3, 'cloudflare-site': 5, shopify: 2, digitalocean: 2, 'self-hosted': 5,
  framer: 4, carrd: 4, strikingly: 4, jimdo: 4, weebly: 5, 'hostinger-builder': 4, 'github-pages': 3, hetzner: 3, vultr: 2, linode: 2, ovh: 2,
  tilda: 3, contabo: 2, scaleway: 2,
  site123: 2, yola: 2, webnode: 2, ucraft: 1, voog: 1, webstarts: 2, webador: 2, simvoly: 1, pixpa: 1, durable: 2,
  krystal: 2, '20i': 2, scalahosting: 2, fastcomet: 2, hostek: 1, mddhosting: 1, knownhost: 1, pressable: 1, rocketnet: 1, wpx: 1, pagely: 1,
};
const OPEN_SMALL_MAIL = {
  microsoft: 22, google: 20, 'godaddy-mail': 6, zoho: 4, rackspace: 2, 'ionos-mail': 2, privateemail: 2, intermedia: 2, 'self-hosted': 6,
  mxroute: 5, migadu: 4, purelymail: 4, 'mailbox-org': 4, proton: 5, infomaniak: 3, icloud: 4, 'hostinger-mail': 5,
  tuta: 3, forwardemail: 3, yandex: 2, 'hover-mail': 3,
  startmail: 2, hushmail: 2, neomailbox: 1, soverin: 1, 'allinkl-mail': 2, 'netcup-mail': 2, 'netease-qiye': 1, luxsci: 2,
  mailhostbox: 2, neo: 3, 'loopia-mail': 1, 'fasthosts-mail': 2, '123reg-mail': 2, uberspace: 1, 'hostpoint-mail': 1, simply: 1,
};

export const OPEN: WorldProfile = {
  webHosts: OPEN_WEB,
  retailWebHosts: { ...OPEN_WEB, shopify: 12, weebly: 8, squarespace: 10 },
  platformDns: { ...CLASSIC_PLATFORM_DNS, 'hostinger-builder': ['hostinger-dns', 0.6], linode: ['linode-dns', 0.5],
    webnode: ['webnode-dns', 0.4], '20i': ['20i-dns', 0.6] },
  dnsHosts: {
    'godaddy-dns': 18, 'namecheap-dns': 8, 'netsol-dns': 4, 'google-dns': 4, 'ionos-dns': 3, 'azure-dns': 3, route53: 4, 'cloudflare-dns': 10,
    porkbun: 6, gandi: 4, hover: 5, namecom: 5, dnsimple: 4, hurricane: 4, dreamhost: 4, 'hostinger-dns': 4, 'linode-dns': 3,
    namesilo: 4, 'bunny-dns': 3, desec: 2, cloudns: 3, afraid: 2, joker: 2, dynadot: 3, luadns: 2,
    'loopia-dns': 1, inwx: 2, openprovider: 2, spaceship: 3, epik: 2, namebright: 2, rage4: 1, dynu: 2, zilore: 1, domeneshop: 1,
    njalla: 1, '1984': 1, buddyns: 1, '123reg-dns': 2, 'fasthosts-dns': 2, 'netcup-dns': 1, 'allinkl-dns': 1,
  },
  smallMail: OPEN_SMALL_MAIL,
  bigMail: { ...OPEN_SMALL_MAIL, microsoft: 35, google: 18, 'self-hosted': 12 },
  gateways: { proofpoint: 15, 'proofpoint-essentials': 10, mimecast: 12, barracuda: 10, spamexperts: 10, hornetsecurity: 10, sophos: 10, mailroute: 8, spamstopshere: 8,
    spambrella: 5, mailcleaner: 5, exchangedefender: 6, duocircle: 6, mailguard: 4, retarus: 5, altospam: 4 },
  gatewayOnlySpf: 0.2,
  voip: { teams: 5, ringcentral: 4, '8x8': 3, 'zoom-phone': 3, telnyx: 3, '3cx': 3, twilio: 3,
    phonecom: 2, crexendo: 2, sangoma: 2, flowroute: 2, callcentric: 2, sipgate: 1, zultys: 1 },
  voipShare: 0.2,
  isps: {
    charter: 18, att: 14, comcast: 6, frontier: 5, windstream: 5, brightspeed: 4, verizon: 3, lumen: 3, cox: 3, mediacom: 2, tds: 2, optimum: 1, altafiber: 4, wow: 3,
    omni: 3, watch: 3, mctv: 3, horizon: 3, allo: 2, epb: 2, gci: 2, hargray: 2, lus: 2, nextlink: 2, ritter: 2, shentel: 2, ting: 2, vexus: 2,
    buckeye: 3, armstrong: 2, comnet: 2, paulbunyan: 1, surf: 1, point: 1, firstlight: 1, conterra: 1, crawkan: 1,
    nuvera: 1, gvtc: 1, emery: 1, nextech: 1, chariton: 1, como: 1, dtc: 1, twinlakes: 1, mta: 1, whidbey: 1, hoodcanal: 1,
    utopia: 1, nextlight: 1, cde: 1, btes: 1, optilink: 1, cfu: 1, southslope: 1, bevcomm: 1, yelcot: 1, etex: 1, grm: 1,
  },
  otherCms: { joomla: 1, drupal: 1, ghost: 1, typo3: 1, concrete: 1, craft: 1, processwire: 1, umbraco: 1, kentico: 1, sitefinity: 1, none: 2 },
  exposure: { 'service-hosts': 4, 'spf-ip4': 2, 'spf-a': 2, hidden: 1, 'cloud-vpn': 1 },
  officeSpfShare: 0.2,
};

export const WORLDS = { classic: CLASSIC, open: OPEN } as const;
export type WorldName = keyof typeof WORLDS;

export function isWorldName(name: string): name is WorldName {
  return Object.hasOwn(WORLDS, name);
}
