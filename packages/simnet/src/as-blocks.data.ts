// Real autonomous systems and owner names (as Team Cymru prints them), each given an
// aligned slice of the instance's 127.<octet>.0.0/16 so every simulated address has an
// origin AS. Third octet 0 is reserved for simnet itself (dead and hostile addresses).
import type { AsBlock } from './market.types.ts';

type BlockSeed = Omit<AsBlock, 'country' | 'registry'> & { country?: string; registry?: string };

const SEEDS: BlockSeed[] = [
  { key: 'squarespace', asn: 53831, owner: 'SQUARESPACE - Squarespace, Inc., US', allocated: '2010-10-06', start: 1, size: 1 },
  { key: 'wix', asn: 58182, owner: 'WIX_COM - Wix.com Ltd., IL', allocated: '2012-05-08', start: 2, size: 1, country: 'IL', registry: 'ripencc' },
  { key: 'cloudflare', asn: 13335, owner: 'CLOUDFLARENET - Cloudflare, Inc., US', allocated: '2010-07-14', start: 3, size: 1 },
  { key: 'godaddy', asn: 26496, owner: 'AS-26496-GO-DADDY-COM-LLC - GoDaddy.com, LLC, US', allocated: '2002-10-01', start: 4, size: 1 },
  { key: 'automattic', asn: 2635, owner: 'AUTOMATTIC - Automattic, Inc, US', allocated: '2011-01-11', start: 5, size: 1 },
  { key: 'unifiedlayer', asn: 46606, owner: 'UNIFIEDLAYER-AS-1 - Unified Layer, US', allocated: '2009-02-11', start: 6, size: 1 },
  { key: 'amazon', asn: 16509, owner: 'AMAZON-02 - Amazon.com, Inc., US', allocated: '2000-05-04', start: 7, size: 1 },
  { key: 'google', asn: 15169, owner: 'GOOGLE - Google LLC, US', allocated: '2000-03-30', start: 8, size: 1 },
  { key: 'googlecloud', asn: 396982, owner: 'GOOGLE-CLOUD-PLATFORM - Google LLC, US', allocated: '2016-08-23', start: 9, size: 1 },
  { key: 'microsoft', asn: 8075, owner: 'MICROSOFT-CORP-MSN-AS-BLOCK - Microsoft Corporation, US', allocated: '1997-03-05', start: 10, size: 1 },
  { key: 'zoho', asn: 2639, owner: 'ZOHO-AS - ZOHO, US', allocated: '2002-06-04', start: 11, size: 1 },
  { key: 'rackspace', asn: 33070, owner: 'RMH-14 - Rackspace Hosting, US', allocated: '2004-06-25', start: 12, size: 1 },
  { key: 'proofpoint', asn: 26211, owner: 'PROOFPOINT-ASN-US-WEST - Proofpoint, Inc., US', allocated: '2003-04-09', start: 13, size: 1 },
  { key: 'mimecast', asn: 30031, owner: 'MIMECAST-US - Mimecast North America Inc, US', allocated: '2011-11-07', start: 14, size: 1 },
  { key: 'barracuda', asn: 15324, owner: 'BARRACUDA - Barracuda Networks, Inc., US', allocated: '2008-02-19', start: 15, size: 1 },
  { key: 'sedo', asn: 47846, owner: 'SEDO-AS - SEDO GmbH, DE', allocated: '2009-02-05', start: 16, size: 1, country: 'DE', registry: 'ripencc' },
  { key: 'teaminternet', asn: 61969, owner: 'TEAMINTERNET-AS - Team Internet AG, DE', allocated: '2013-09-26', start: 17, size: 1, country: 'DE', registry: 'ripencc' },
  { key: 'ionos', asn: 8560, owner: 'IONOS-AS - IONOS SE, DE', allocated: '1997-09-09', start: 18, size: 1, country: 'DE', registry: 'ripencc' },
  { key: 'namecheap', asn: 22612, owner: 'NAMECHEAP-NET - Namecheap, Inc., US', allocated: '2011-03-30', start: 19, size: 1 },
  { key: 'netsol', asn: 19871, owner: 'NETWORK-SOLUTIONS-HOSTING - Network Solutions, LLC, US', allocated: '1999-10-06', start: 20, size: 1 },
  { key: 'intermedia', asn: 11215, owner: 'INTERMEDIA - Intermedia.net, Inc., US', allocated: '1998-12-08', start: 21, size: 1 },
  { key: 'ringcentral', asn: 19515, owner: 'RINGCENTRAL - RingCentral, Inc., US', allocated: '2004-08-25', start: 22, size: 1 },
  { key: 'eightbyeight', asn: 26587, owner: '8X8INC - 8x8, Inc., US', allocated: '2003-08-21', start: 23, size: 1 },
  { key: 'zoom', asn: 30103, owner: 'ZOOM-VIDEO-COMM-AS - Zoom Video Communications, Inc., US', allocated: '2011-09-12', start: 24, size: 1 },
  { key: 'nsone', asn: 62597, owner: 'NSONE - NSONE Inc, US', allocated: '2014-01-15', start: 25, size: 1 },
  // Internet access providers: aligned blocks sized by market share.
  { key: 'comcast-business', asn: 7922, owner: 'COMCAST-7922 - Comcast Cable Communications, LLC, US', allocated: '1997-02-14', start: 64, size: 16 },
  { key: 'att', asn: 7018, owner: 'ATT-INTERNET4 - AT&T Enterprises, LLC, US', allocated: '1996-07-23', start: 96, size: 32 },
  { key: 'spectrum', asn: 10796, owner: 'TWC-10796-MIDWEST - Charter Communications Inc, US', allocated: '1998-05-20', start: 128, size: 32 },
  { key: 'verizon', asn: 701, owner: 'UUNET - MCI Communications Services, Inc. d/b/a Verizon Business, US', allocated: '1990-08-03', start: 80, size: 8 },
  { key: 'lumen', asn: 209, owner: 'CENTURYLINK-US-LEGACY-QWEST - CenturyLink Communications, LLC, US', allocated: '1991-05-29', start: 88, size: 8 },
  { key: 'frontier', asn: 5650, owner: 'FRONTIER-FRTR - Frontier Communications of America, Inc., US', allocated: '1995-09-01', start: 160, size: 16 },
  { key: 'windstream', asn: 7029, owner: 'WINDSTREAM - Windstream Communications LLC, US', allocated: '1996-10-24', start: 176, size: 16 },
  { key: 'brightspeed', asn: 19901, owner: 'BRIGHTSPEED - Brightspeed, US', allocated: '2022-08-11', start: 192, size: 16 },
  { key: 'cox', asn: 22773, owner: 'ASN-CXA-ALL-CCI-22773-RDC - Cox Communications Inc., US', allocated: '2000-08-01', start: 208, size: 8 },
  { key: 'mediacom', asn: 30036, owner: 'MEDIACOM-ENTERPRISE-BUSINESS - Mediacom Communications Corp, US', allocated: '2003-10-21', start: 216, size: 8 },
  { key: 'tds', asn: 4181, owner: 'ASN-TDS - TDS TELECOM, US', allocated: '1995-02-24', start: 224, size: 8 },
  { key: 'optimum', asn: 6128, owner: 'CABLE-NET-1 - Cablevision Systems Corp., US', allocated: '1996-02-13', start: 232, size: 8 },
];

export const AS_BLOCKS: readonly AsBlock[] = SEEDS.map((s) => ({ country: 'US', registry: s.country === 'US' || !s.country ? 'arin' : 'ripencc', ...s }));

export function blockByKey(key: string): AsBlock {
  const block = AS_BLOCKS.find((b) => b.key === key);
  if (!block) throw new Error(`no AS block ${key}`);
  return block;
}

/** Third octet → block; a 256-slot table so address → AS is O(1). */
export function buildBlockTable(): (AsBlock | undefined)[] {
  const table: (AsBlock | undefined)[] = new Array<AsBlock | undefined>(256).fill(undefined);
  for (const block of AS_BLOCKS) {
    for (let i = 0; i < block.size; i++) table[block.start + i] = block;
  }
  return table;
}

export function blockAddress(octet: number, block: AsBlock, index: number): string {
  const span = block.size * 256;
  // Skip .0 and .255 of each /24 so addresses look like hosts, not networks.
  const usable = block.size * 254;
  const i = index % usable;
  const third = block.start + Math.floor(i / 254);
  const fourth = (i % 254) + 1;
  if (third >= block.start + span / 256) throw new Error('address outside block');
  return `127.${octet}.${third}.${fourth}`;
}

export function blockCidr(octet: number, block: AsBlock): string {
  const bits = 24 - Math.log2(block.size);
  return `127.${octet}.${block.start}.0/${bits}`;
}
