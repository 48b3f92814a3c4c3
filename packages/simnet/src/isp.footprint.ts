// Business-static reverse-DNS names in each ISP's real naming pattern.
import type { City } from './region.data.ts';

export const ISP_WEIGHTS = {
  spectrum: 28,
  att: 22,
  'comcast-business': 9,
  frontier: 7,
  windstream: 7,
  brightspeed: 6,
  verizon: 5,
  lumen: 5,
  cox: 4,
  mediacom: 3,
  tds: 2,
  optimum: 2,
} as const;

export type IspSlug = keyof typeof ISP_WEIGHTS;

/** Consumer mail domains of each ISP: a business without a domain often uses one. */
export const ISP_MAIL_DOMAINS: Record<IspSlug, string> = {
  spectrum: 'columbus.rr.com',
  att: 'sbcglobal.net',
  'comcast-business': 'comcast.net',
  frontier: 'frontier.com',
  windstream: 'windstream.net',
  brightspeed: 'centurylink.net',
  verizon: 'verizon.net',
  lumen: 'centurylink.net',
  cox: 'cox.net',
  mediacom: 'mediacombb.net',
  tds: 'tds.net',
  optimum: 'optonline.net',
};

export function ispPtrName(isp: IspSlug, ip: string, city: City): string {
  const d = ip.replaceAll('.', '-');
  const [a = 0, b = 0, c = 0, e = 0] = ip.split('.').map(Number);
  switch (isp) {
    case 'comcast-business':
      return `${d}-static.hfc.comcastbusiness.net`;
    case 'att':
      return `${d}.lightspeed.${city.code}.sbcglobal.net`;
    case 'spectrum':
      return `rrcs-${d}.midwest.biz.rr.com`;
    case 'verizon':
      return `static-${d}.${city.code}.fios.verizon.net`;
    case 'lumen':
      return `${d}.dia.static.qwest.net`;
    case 'frontier':
      return `static-${d}.${city.code}.frontiernet.net`;
    case 'windstream':
      return `${d}.static.windstream.net`;
    case 'brightspeed':
      return `${d}.static.brightspeed.net`;
    case 'cox':
      return `wsip-${d}.cl.oh.cox.net`;
    case 'mediacom':
      return `${d}.static.mediacombb.net`;
    case 'tds':
      return `h${d}.static.tds.net`;
    case 'optimum': {
      const hex = [a, b, c, e].map((n) => n.toString(16).padStart(2, '0')).join('');
      return `ool-${hex}.static.optonline.net`;
    }
  }
}
