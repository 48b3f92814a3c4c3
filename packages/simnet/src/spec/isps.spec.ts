// US access networks: the national and regional carriers a business line can come from.
// ASNs, organisation names and a real announced prefix per network as the registries list
// them (cross-checked against the RouteViews/DB-IP table bundled as @ip-location-db/asn).
// Reverse names: the carriers that publish a business-static naming scheme are written in
// it; for small regional carriers that publish none, the shape is modelled on their own
// domain with the static/fiber/biz markers such names carry, and says so.
import type { IspSpec, NetworkSpec } from './spec.types.ts';

const he = (asn: number): string => `https://bgp.he.net/AS${asn}`;

function net(id: string, asn: number, handle: string, org: string, allocated: string): NetworkSpec {
  return { id, asn, handle, org, country: 'US', registry: 'arin', allocated, source: he(asn) };
}

interface IspSeed {
  id: string;
  name: string;
  domains: string[];
  aliases?: string[];
  network: NetworkSpec;
  realPrefix: string;
  ptr: string;
  mailDomain: string | null;
  blocks: number;
}

const isp = (seed: IspSeed): IspSpec => ({ ...seed, source: seed.network.source });

export const ISPS: readonly IspSpec[] = [
  isp({ id: 'comcast', name: 'Comcast Business', domains: ['comcast.com', 'comcastbusiness.net', 'comcast.net', 'xfinity.com'], aliases: ['Comcast Cable Communications'], network: net('comcast', 7922, 'COMCAST-7922', 'Comcast Cable Communications, LLC', '1997-02-14'), realPrefix: '73.0.0.0/8', ptr: '{ipdashed}-static.hfc.comcastbusiness.net', mailDomain: 'comcast.net', blocks: 16 }),
  isp({ id: 'att', name: 'AT&T', domains: ['att.com', 'att.net', 'sbcglobal.net'], aliases: ['AT&T Enterprises'], network: net('att', 7018, 'ATT-INTERNET4', 'AT&T Enterprises, LLC', '1996-07-23'), realPrefix: '99.32.0.0/11', ptr: '{ipdashed}.lightspeed.{city}.sbcglobal.net', mailDomain: 'sbcglobal.net', blocks: 16 }),
  isp({ id: 'charter', name: 'Spectrum', domains: ['spectrum.com', 'charter.com', 'rr.com', 'spectrum.net'], aliases: ['Charter Communications'], network: net('charter', 10796, 'TWC-10796-MIDWEST', 'Charter Communications Inc', '1998-05-20'), realPrefix: '74.128.0.0/13', ptr: 'rrcs-{ipdashed}.midwest.biz.rr.com', mailDomain: 'columbus.rr.com', blocks: 16 }),
  isp({ id: 'verizon', name: 'Verizon', domains: ['verizon.com', 'verizon.net'], aliases: ['Verizon Business', 'MCI Communications Services'], network: net('verizon', 701, 'UUNET', 'MCI Communications Services, Inc. d/b/a Verizon Business', '1990-08-03'), realPrefix: '63.0.0.0/12', ptr: 'static-{ipdashed}.{city}.fios.verizon.net', mailDomain: 'verizon.net', blocks: 8 }),
  isp({ id: 'lumen', name: 'Lumen', domains: ['lumen.com', 'centurylink.com', 'centurylink.net', 'qwest.net'], aliases: ['CenturyLink', 'CenturyLink Communications'], network: net('lumen', 209, 'CENTURYLINK-US-LEGACY-QWEST', 'CenturyLink Communications, LLC', '1991-05-29'), realPrefix: '63.152.0.0/14', ptr: '{ipdashed}.dia.static.qwest.net', mailDomain: 'centurylink.net', blocks: 8 }),
  isp({ id: 'frontier', name: 'Frontier Communications', domains: ['frontier.com', 'frontiernet.net'], network: net('frontier', 5650, 'FRONTIER-FRTR', 'Frontier Communications of America, Inc.', '1995-09-01'), realPrefix: '47.144.0.0/12', ptr: 'static-{ipdashed}.{city}.frontiernet.net', mailDomain: 'frontier.com', blocks: 16 }),
  isp({ id: 'windstream', name: 'Windstream', domains: ['windstream.com', 'windstream.net', 'kinetic.com'], aliases: ['Windstream Communications', 'Kinetic'], network: net('windstream', 7029, 'WINDSTREAM', 'Windstream Communications LLC', '1996-10-24'), realPrefix: '75.88.0.0/14', ptr: '{ipdashed}.static.windstream.net', mailDomain: 'windstream.net', blocks: 16 }),
  isp({ id: 'brightspeed', name: 'Brightspeed', domains: ['brightspeed.com', 'brightspeed.net'], network: net('brightspeed', 19901, 'BRIGHTSPEED', 'Brightspeed', '2022-08-11'), realPrefix: '9.138.0.0/15', ptr: '{ipdashed}.static.brightspeed.net', mailDomain: null, blocks: 8 }),
  isp({ id: 'cox', name: 'Cox Business', domains: ['cox.com', 'cox.net', 'coxbusiness.com'], aliases: ['Cox Communications'], network: net('cox', 22773, 'ASN-CXA-ALL-CCI-22773-RDC', 'Cox Communications Inc.', '2000-08-01'), realPrefix: '68.0.0.0/12', ptr: 'wsip-{ipdashed}.cl.oh.cox.net', mailDomain: 'cox.net', blocks: 8 }),
  isp({ id: 'mediacom', name: 'Mediacom', domains: ['mediacomcc.com', 'mediacombb.net', 'mediacombusiness.com'], aliases: ['Mediacom Communications'], network: net('mediacom', 30036, 'MEDIACOM-ENTERPRISE-BUSINESS', 'Mediacom Communications Corp', '2003-10-21'), realPrefix: '50.80.0.0/16', ptr: '{ipdashed}.static.mediacombb.net', mailDomain: 'mediacombb.net', blocks: 4 }),
  isp({ id: 'tds', name: 'TDS Telecom', domains: ['tdstelecom.com', 'tds.net'], network: net('tds', 4181, 'ASN-TDS', 'TDS TELECOM', '1995-02-24'), realPrefix: '135.134.0.0/15', ptr: 'h{ipdashed}.static.tds.net', mailDomain: 'tds.net', blocks: 4 }),
  isp({ id: 'optimum', name: 'Optimum', domains: ['optimum.com', 'optimum.net', 'optonline.net', 'alticeusa.com'], aliases: ['Altice USA', 'Cablevision Systems'], network: net('optimum', 6128, 'CABLE-NET-1', 'Cablevision Systems Corp.', '1996-02-13'), realPrefix: '69.112.0.0/12', ptr: 'ool-{iphex}.static.optonline.net', mailDomain: 'optonline.net', blocks: 4 }),
  isp({ id: 'altafiber', name: 'altafiber', domains: ['altafiber.com', 'cinbell.com', 'fuse.net'], aliases: ['Cincinnati Bell', 'Cincinnati Bell Telephone Company'], network: net('altafiber', 6181, 'FUSE-NET', 'Cincinnati Bell Telephone Company LLC', '1995-11-21'), realPrefix: '50.5.0.0/16', ptr: '{ipdashed}.static.fuse.net', mailDomain: 'fuse.net', blocks: 8 }),
  isp({ id: 'wow', name: 'WOW!', domains: ['wowway.com', 'wideopenwest.com', 'wowway.net'], aliases: ['WideOpenWest', 'WideOpenWest Finance'], network: net('wow', 12083, 'WOW-INTERNET', 'WideOpenWest Finance LLC', '1998-12-15'), realPrefix: '24.96.0.0/16', ptr: '{ipdashed}.static.wideopenwest.com', mailDomain: 'wowway.com', blocks: 8 }),
  // Regional carriers: Ohio's own and others a multi-state list brings in.
  isp({ id: 'omni', name: 'Omni Fiber', domains: ['omnifiber.com'], network: net('omni', 15081, 'OMNI-FIBER', 'Omni Fiber', '2021-06-01'), realPrefix: '38.194.128.0/18', ptr: 'static-{ipdashed}.biz.omnifiber.com', mailDomain: null, blocks: 1 }),
  isp({ id: 'watch', name: 'Watch Communications', domains: ['watchcomm.net'], network: net('watch', 46231, 'WATCH-COMM', 'Watch Communications', '2010-04-01'), realPrefix: '64.5.160.0/19', ptr: '{ipdashed}.static.watchcomm.net', mailDomain: 'watchcomm.net', blocks: 1 }),
  isp({ id: 'mctv', name: 'MCTV', domains: ['mctvohio.com', 'mctvohio.net'], aliases: ['Massillon Cable Communications', 'Massillon Cable TV'], network: net('mctv', 12097, 'MASSILLON-CABLE', 'Massillon Cable Communications', '1998-10-01'), realPrefix: '24.140.0.0/17', ptr: 'static-{ipdashed}.cable.mctvohio.com', mailDomain: 'mctvohio.com', blocks: 1 }),
  isp({ id: 'horizon', name: 'Horizon', domains: ['horizonconnects.com', 'horizontel.com'], aliases: ['Horizon Telcom'], network: net('horizon', 394708, 'HORIZON-TELCOM', 'Horizon Telcom Inc.', '2016-05-01'), realPrefix: '173.249.128.0/20', ptr: '{ipdashed}.fiber.static.horizonconnects.com', mailDomain: null, blocks: 1 }),
  isp({ id: 'allo', name: 'ALLO Communications', domains: ['allofiber.com', 'allophone.net'], aliases: ['Allo Communications LLC'], network: net('allo', 15108, 'ALLO-COMM', 'Allo Communications LLC', '1999-02-01'), realPrefix: '129.212.0.0/17', ptr: '{ipdashed}.static.allofiber.net', mailDomain: null, blocks: 1 }),
  isp({ id: 'epb', name: 'EPB Fiber Optics', domains: ['epb.com', 'epbfi.com'], aliases: ['EPB', 'Electric Power Board of Chattanooga'], network: net('epb', 26827, 'EPB-TELECOM', 'EPB Fiber Optics', '2003-03-01'), realPrefix: '68.169.128.0/18', ptr: '{ipdashed}.biz.epbfi.com', mailDomain: 'epbfi.com', blocks: 1 }),
  isp({ id: 'gci', name: 'GCI', domains: ['gci.com', 'gci.net'], aliases: ['General Communication Inc.', 'GCI Communication Corp'], network: net('gci', 8047, 'GCI', 'GENERAL COMMUNICATION INC.', '1997-03-01'), realPrefix: '24.237.0.0/16', ptr: '{ipdashed}.static.gci.net', mailDomain: 'gci.net', blocks: 1 }),
  isp({ id: 'hargray', name: 'Hargray', domains: ['hargray.com', 'hargray.net'], aliases: ['Hargray Communications Group'], network: net('hargray', 22646, 'HARGRAY-COMMUNICATIONS', 'Hargray Communications Group Inc.', '2000-05-01'), realPrefix: '195.214.0.0/17', ptr: 'static-{ipdashed}.biz.hargray.net', mailDomain: 'hargray.com', blocks: 1 }),
  isp({ id: 'lus', name: 'LUS Fiber', domains: ['lusfiber.com', 'lusfiber.net'], aliases: ['Lafayette Utilities System'], network: net('lus', 25921, 'LUSFIBER', 'LUS Fiber', '2009-01-15'), realPrefix: '76.72.0.0/17', ptr: '{ipdashed}.static.lusfiber.net', mailDomain: null, blocks: 1 }),
  isp({ id: 'nextlink', name: 'Nextlink Internet', domains: ['nextlinkinternet.com'], aliases: ['Nextlink Broadband'], network: net('nextlink', 26077, 'NEXTLINK-BROADBAND', 'Nextlink Broadband', '2003-11-01'), realPrefix: '75.119.64.0/18', ptr: 'static-{ipdashed}.nextlinkinternet.com', mailDomain: null, blocks: 1 }),
  isp({ id: 'ritter', name: 'Ritter Communications', domains: ['rittercommunications.com', 'ritternet.com'], network: net('ritter', 23404, 'RITTER-COMM', 'Ritter Communications', '2001-06-01'), realPrefix: '64.233.128.0/19', ptr: '{ipdashed}.static.ritternet.com', mailDomain: null, blocks: 1 }),
  isp({ id: 'shentel', name: 'Shentel', domains: ['shentel.com', 'shentel.net', 'glofiber.com'], aliases: ['Shenandoah Cable Television', 'Shenandoah Telecommunications', 'Glo Fiber'], network: net('shentel', 4922, 'SHENTEL', 'Shenandoah Cable Television LLC', '1995-06-01'), realPrefix: '159.230.0.0/16', ptr: '{ipdashed}.static.shentel.net', mailDomain: 'shentel.net', blocks: 1 }),
  isp({ id: 'ting', name: 'Ting Internet', domains: ['ting.com', 'tingfiber.com'], aliases: ['Ting Fiber'], network: net('ting', 32133, 'TING-FIBER', 'Ting Fiber Inc.', '2015-09-01'), realPrefix: '64.98.64.0/18', ptr: '{ipdashed}.static.tingfiber.com', mailDomain: null, blocks: 1 }),
  isp({ id: 'vexus', name: 'Vexus Fiber', domains: ['vexusfiber.com'], aliases: ['Vexus'], network: net('vexus', 4314, 'VEXUS-FIBER', 'Vexus Fiber', '1995-01-01'), realPrefix: '206.251.188.0/22', ptr: 'static-{ipdashed}.fiber.vexusfiber.net', mailDomain: null, blocks: 1 }),
  isp({ id: 'buckeye', name: 'Buckeye Broadband', domains: ['buckeyebroadband.com', 'bex.net'], aliases: ['Buckeye Cablevision', 'Block Communications'], network: net('buckeye', 13490, 'BUCKEYECABLEVISION', 'Buckeye Cablevision Inc.', '1999-03-01'), realPrefix: '72.240.0.0/15', ptr: '{ipdashed}.static.buckeyebroadband.com', mailDomain: 'bex.net', blocks: 1 }),
  isp({ id: 'armstrong', name: 'Armstrong', domains: ['armstrongonewire.com', 'zoominternet.net'], aliases: ['Armstrong Utilities', 'Zoom Internet'], network: net('armstrong', 27364, 'ACS-INTERNET', 'Armstrong', '2002-09-01'), realPrefix: '24.101.0.0/16', ptr: '{ipdashed}.biz.zoominternet.net', mailDomain: 'zoominternet.net', blocks: 1 }),
  isp({ id: 'comnet', name: 'Com Net', domains: ['comnetinc.com', 'bright.net'], aliases: ['Com Net Inc.'], network: net('comnet', 7106, 'COMNET-OHIO', 'Com Net Inc.', '1996-08-01'), realPrefix: '216.201.0.0/19', ptr: 'static-{ipdashed}.bright.net', mailDomain: 'bright.net', blocks: 1 }),
  isp({ id: 'paulbunyan', name: 'Paul Bunyan Communications', domains: ['paulbunyan.net'], aliases: ['Paul Bunyan Telephone Cooperative'], network: net('paulbunyan', 14371, 'PAULBUNYAN', 'Paul Bunyan Communications', '2000-01-01'), realPrefix: '68.235.64.0/18', ptr: '{ipdashed}.static.paulbunyan.net', mailDomain: 'paulbunyan.net', blocks: 1 }),
  isp({ id: 'surf', name: 'Surf Internet', domains: ['surfinternet.com', 'surfairwireless.com'], aliases: ['Surf Air Wireless'], network: net('surf', 13428, 'SURF-AIR-WIRELESS', 'Surf Air Wireless LLC', '2003-01-01'), realPrefix: '44.15.0.0/17', ptr: 'static-{ipdashed}.fiber.surfinternet.com', mailDomain: null, blocks: 1 }),
  isp({ id: 'point', name: 'Point Broadband', domains: ['pointbroadband.com'], aliases: ['Point Broadband Fiber Holding'], network: net('point', 398337, 'POINT-BROADBAND', 'Point Broadband Fiber Holding LLC', '2020-09-01'), realPrefix: '12.221.236.0/22', ptr: '{ipdashed}.static.pointbroadband.net', mailDomain: null, blocks: 1 }),
  isp({ id: 'firstlight', name: 'FirstLight Fiber', domains: ['firstlight.net'], aliases: ['FirstLight Networks'], network: net('firstlight', 13536, 'FIRSTLIGHT', 'FirstLight Networks LLC', '1999-06-01'), realPrefix: '143.66.0.0/15', ptr: '{ipdashed}.static.firstlight.net', mailDomain: null, blocks: 1 }),
  isp({ id: 'conterra', name: 'Conterra Networks', domains: ['conterra.com'], aliases: ['Conterra'], network: net('conterra', 32505, 'CONTERRA', 'Conterra', '2004-06-01'), realPrefix: '157.185.0.0/18', ptr: '{ipdashed}.biz.conterra.net', mailDomain: null, blocks: 1 }),
  isp({ id: 'crawkan', name: 'Craw-Kan Telephone Cooperative', domains: ['ckt.net', 'crawkan.com'], aliases: ['Craw-Kan Telephone Cooperative Inc.', 'Craw-Kan'], network: net('crawkan', 16717, 'CRAW-KAN', 'Craw-Kan Telephone Cooperative Inc.', '2000-11-01'), realPrefix: '216.49.224.0/19', ptr: '{ipdashed}.static.ckt.net', mailDomain: 'ckt.net', blocks: 1 }),
];
