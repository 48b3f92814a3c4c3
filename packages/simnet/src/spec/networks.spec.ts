// Autonomous systems that carry providers' servers: clouds, CDNs, hosting companies and
// the service networks of mail, DNS and VoIP providers. ASNs and organisation names as the
// registries publish them (cross-checked against the RouteViews/DB-IP table bundled as
// @ip-location-db/asn); each source is the AS's public registry summary.
import type { NetworkSpec } from './spec.types.ts';

const he = (asn: number): string => `https://bgp.he.net/AS${asn}`;

type Seed = [id: string, asn: number, handle: string, org: string, country: string, registry: NetworkSpec['registry'], allocated: string];

const SEEDS: Seed[] = [
  ['squarespace', 53831, 'SQUARESPACE', 'Squarespace, Inc.', 'US', 'arin', '2010-10-06'],
  ['wix', 58182, 'WIX_COM', 'Wix.com Ltd.', 'IL', 'ripencc', '2012-05-08'],
  ['cloudflare', 13335, 'CLOUDFLARENET', 'Cloudflare, Inc.', 'US', 'arin', '2010-07-14'],
  ['godaddy', 26496, 'AS-26496-GO-DADDY-COM-LLC', 'GoDaddy.com, LLC', 'US', 'arin', '2002-10-01'],
  ['automattic', 2635, 'AUTOMATTIC', 'Automattic, Inc', 'US', 'arin', '2011-01-11'],
  ['unifiedlayer', 46606, 'UNIFIEDLAYER-AS-1', 'Unified Layer', 'US', 'arin', '2009-02-11'],
  ['amazon', 16509, 'AMAZON-02', 'Amazon.com, Inc.', 'US', 'arin', '2000-05-04'],
  ['google', 15169, 'GOOGLE', 'Google LLC', 'US', 'arin', '2000-03-30'],
  ['googlecloud', 396982, 'GOOGLE-CLOUD-PLATFORM', 'Google LLC', 'US', 'arin', '2016-08-23'],
  ['microsoft', 8075, 'MICROSOFT-CORP-MSN-AS-BLOCK', 'Microsoft Corporation', 'US', 'arin', '1997-03-05'],
  ['zoho', 2639, 'ZOHO-AS', 'ZOHO', 'US', 'arin', '2002-06-04'],
  ['rackspace', 33070, 'RMH-14', 'Rackspace Hosting', 'US', 'arin', '2004-06-25'],
  ['proofpoint', 26211, 'PROOFPOINT-ASN-US-WEST', 'Proofpoint, Inc.', 'US', 'arin', '2003-04-09'],
  ['mimecast', 30031, 'MIMECAST-US', 'Mimecast North America Inc', 'US', 'arin', '2011-11-07'],
  ['barracuda', 15324, 'BARRACUDA', 'Barracuda Networks, Inc.', 'US', 'arin', '2008-02-19'],
  ['sedo', 47846, 'SEDO-AS', 'SEDO GmbH', 'DE', 'ripencc', '2009-02-05'],
  ['teaminternet', 61969, 'TEAMINTERNET-AS', 'Team Internet AG', 'DE', 'ripencc', '2013-09-26'],
  ['ionos', 8560, 'IONOS-AS', 'IONOS SE', 'DE', 'ripencc', '1997-09-09'],
  ['namecheap', 22612, 'NAMECHEAP-NET', 'Namecheap, Inc.', 'US', 'arin', '2011-03-30'],
  ['netsol', 19871, 'NETWORK-SOLUTIONS-HOSTING', 'Network Solutions, LLC', 'US', 'arin', '1999-10-06'],
  ['intermedia', 16406, 'INTERMEDIA', 'Intermedia.net, Inc.', 'US', 'arin', '2000-04-26'],
  ['ringcentral', 40627, 'RINGCENTRAL', 'RingCentral Inc', 'US', 'arin', '2007-05-30'],
  ['eightbyeight', 13896, '8X8INC', '8x8, Inc.', 'US', 'arin', '1999-12-07'],
  ['zoom', 30103, 'ZOOM-VIDEO-COMM-AS', 'Zoom Video Communications, Inc', 'US', 'arin', '2011-09-12'],
  ['nsone', 62597, 'NSONE', 'IBM', 'US', 'arin', '2014-01-15'],
  // Networks the catalog of the day did not carry: hosting companies, small mail and DNS
  // providers, VoIP carriers.
  ['hetzner', 24940, 'HETZNER-AS', 'Hetzner Online GmbH', 'DE', 'ripencc', '2002-06-03'],
  ['vultr', 20473, 'AS-VULTR', 'The Constant Company, LLC', 'US', 'arin', '2011-12-01'],
  ['linode', 63949, 'AKAMAI-LINODE-AP', 'Akamai Technologies, Inc.', 'US', 'arin', '2014-05-07'],
  ['ovh', 16276, 'OVH', 'OVH SAS', 'FR', 'ripencc', '2000-12-21'],
  ['digitalocean', 14061, 'DIGITALOCEAN-ASN', 'DigitalOcean, LLC', 'US', 'arin', '2012-09-25'],
  ['hostinger', 47583, 'AS-HOSTINGER', 'Hostinger International Limited', 'CY', 'ripencc', '2008-12-01'],
  ['github', 36459, 'GITHUB', 'GitHub, Inc.', 'US', 'arin', '2013-02-25'],
  ['weebly', 27647, 'WEEBLY', 'Weebly, Inc.', 'US', 'arin', '2011-07-15'],
  ['migadu', 202172, 'MIGADU', 'Migadu-Mail Gmbh', 'CH', 'ripencc', '2016-03-22'],
  ['heinlein', 199118, 'HEINLEIN-AS', 'Heinlein-Support GmbH', 'DE', 'ripencc', '2012-07-09'],
  ['proton', 62371, 'PROTON', 'Proton AG', 'CH', 'ripencc', '2014-03-06'],
  ['infomaniak', 29222, 'INFOMANIAK-AS', 'Infomaniak Network SA', 'CH', 'ripencc', '2003-07-04'],
  ['apple', 714, 'APPLE-ENGINEERING', 'Apple Inc.', 'US', 'arin', '1990-05-17'],
  ['hornetsecurity', 401943, 'HORNETSECURITY', 'Hornetsecurity', 'US', 'arin', '2022-02-10'],
  ['solarwindsmsp', 16633, 'SOLARWINDS-MSP', 'SolarWinds MSP US, Inc.', 'US', 'arin', '2000-06-05'],
  ['gandi', 29169, 'GANDI-AS', 'GANDI SAS', 'FR', 'ripencc', '2003-10-16'],
  ['dnsimple', 32771, 'DNSIMPLE', 'DNSimple Corporation', 'US', 'arin', '2014-03-04'],
  ['tucows', 15348, 'TUCOWS', 'Tucows.com Co.', 'CA', 'arin', '2000-06-12'],
  ['namecom', 36389, 'NAME-COM', 'Name.com LLC', 'US', 'arin', '2006-03-27'],
  ['hurricane', 6939, 'HURRICANE', 'Hurricane Electric LLC', 'US', 'arin', '1996-06-28'],
  ['newdream', 26347, 'DREAMHOST-AS', 'New Dream Network, LLC', 'US', 'arin', '2002-05-02'],
  ['telnyx', 63440, 'TELNYX', 'TELNYX LLC', 'US', 'arin', '2014-08-13'],
  ['fastly', 54113, 'FASTLY', 'Fastly, Inc.', 'US', 'arin', '2011-09-16'],
  ['tilda', 205282, 'TILDA-AS', 'Tilda Publishing Ltd.', 'GB', 'ripencc', '2017-05-15'],
  ['tutao', 210909, 'TUTAO-AS', 'Tutao GmbH', 'DE', 'ripencc', '2019-03-20'],
  ['yandex', 13238, 'YANDEX', 'YANDEX LLC', 'RU', 'ripencc', '2002-02-15'],
  ['greenview', 46675, 'GREENVIEW-DATA', 'Greenview Data', 'US', 'arin', '2009-07-01'],
  ['namesilo', 400343, 'NAMESILO', 'NAMESILO, L.L.C.', 'US', 'arin', '2021-01-20'],
  ['bunny', 200325, 'BUNNYWAY-AS', 'BUNNYWAY, informacijske storitve d.o.o.', 'SI', 'ripencc', '2014-11-03'],
  ['contabo', 51167, 'CONTABO', 'Contabo GmbH', 'DE', 'ripencc', '2010-03-01'],
  ['scaleway', 12876, 'SCALEWAY', 'Scaleway SAS', 'FR', 'ripencc', '1999-07-22'],
  // Hosting companies of the long tail, by the AS number and owner name the bundled table
  // prints. Handles are written from the owner name and the allocation dates are
  // approximate: neither is in that table.
  ['loopia', 39570, 'LOOPIA', 'Loopia AB', 'SE', 'ripencc', '2006-05-01'],
  ['allinkl', 34788, 'NMM-AS', 'Neue Medien Muennich GmbH', 'DE', 'ripencc', '2005-04-01'],
  ['netcup', 197540, 'NETCUP-AS', 'netcup GmbH', 'DE', 'ripencc', '2011-01-01'],
  ['fasthosts', 15418, 'FASTHOSTS-INTERNET', 'Fasthosts Internet Limited', 'GB', 'ripencc', '2000-06-01'],
  ['krystal', 12488, 'KRYSTAL', 'Krystal Hosting Ltd', 'GB', 'ripencc', '2000-01-01'],
  ['domeneshop', 12996, 'DOMENESHOP', 'Domeneshop AS', 'NO', 'ripencc', '2000-01-01'],
  ['sangoma', 15092, 'SANGOMA', 'Sangoma US Inc.', 'US', 'arin', '2000-01-01'],
];

export const SERVICE_NETWORKS: readonly NetworkSpec[] = SEEDS.map(([id, asn, handle, org, country, registry, allocated]) => ({
  id, asn, handle, org, country, registry, allocated, source: he(asn),
}));
