// Parked and for-sale domains: registered, resolving, serving a page, and still no online
// presence. Recognised by where the page comes from (parking services' hosts) and what it says.
import type { PageFacts } from '../types.ts';

export interface ParkingVerdict {
  parked: boolean;
  /** Provider slug when the parking service is known (sedo, bodis, parkingcrew, afternic). */
  provider: string | null;
  reasons: string[];
}

/** Hosts that only serve parking or domain-sale pages, with the provider slug the catalog uses. */
const PARKING_HOSTS: [host: string, provider: string | null][] = [
  ['sedoparking.com', 'sedo'], ['sedo.com', 'sedo'], ['bodis.com', 'bodis'], ['parkingcrew.net', 'parkingcrew'],
  ['parkingcrew.com', 'parkingcrew'], ['afternic.com', 'afternic'], ['dan.com', 'afternic'], ['above.com', null],
  ['hugedomains.com', null], ['parklogic.com', null], ['dsnextgen.com', null], ['domainmarket.com', null],
  ['undeveloped.com', null], ['parked.com', null], ['parkingpage.namecheap.com', null], ['voodoo.com', null],
  ['buydomains.com', null], ['brandbucket.com', null], ['squadhelp.com', null], ['atom.com', null],
];

/** Phrases a real business page does not say; one is enough. */
const STRONG_MARKERS: [RegExp, string][] = [
  [/this domain (name )?(may be|is) for sale/, 'for-sale notice'],
  [/\bbuy this domain\b/, 'buy this domain'],
  [/\bdomain (name )?is for sale\b/, 'domain is for sale'],
  [/\bthe domain [a-z0-9.-]+ (may be|is) for sale\b/, 'domain is for sale'],
  [/\bthis (web )?page is parked\b/, 'parked notice'],
  [/\bthis domain (name )?(has expired|is parked)\b/, 'expired or parked notice'],
  [/\bparked (free|for free),? courtesy of\b/, 'registrar parking page'],
  [/\bmake an offer on this domain\b/, 'make an offer'],
  [/\binquire about this domain\b/, 'domain inquiry'],
  [/\bget this domain\b/, 'get this domain'],
];

/** Phrases of ad-feed parking pages; harmless alone, telling together. */
const WEAK_MARKERS: [RegExp, string][] = [
  [/\brelated searches\b/, 'related searches'],
  [/\bsponsored listings\b/, 'sponsored listings'],
  [/\bprivacy policy\b.*\bdomain\b/, 'domain privacy footer'],
  [/\bthis domain\b/, 'talks about this domain'],
  [/\bdomain owner\b/, 'domain owner'],
];
const WEAK_MARKERS_NEEDED = 2;

export function detectParking(input: { page: PageFacts | null; hosts: string[] }): ParkingVerdict {
  const reasons: string[] = [];
  let provider: string | null = null;
  const assetHosts = input.page?.assetHosts ?? [];
  for (const host of [...input.hosts, ...assetHosts]) {
    const hit = PARKING_HOSTS.find(([parking]) => host === parking || host.endsWith(`.${parking}`));
    if (hit) {
      reasons.push(`parking host ${host}`);
      provider ??= hit[1];
    }
  }
  const text = input.page ? `${input.page.title ?? ''} ${input.page.headings.join(' ')} ${input.page.textSample}`.toLowerCase() : '';
  for (const [pattern, label] of STRONG_MARKERS) if (pattern.test(text)) reasons.push(`page says: ${label}`);
  const weak = WEAK_MARKERS.filter(([pattern]) => pattern.test(text)).map(([, label]) => label);
  if (weak.length >= WEAK_MARKERS_NEEDED) reasons.push(`parking-page wording: ${weak.join(', ')}`);
  if (provider) reasons.push(`provider:${provider}`);
  return { parked: reasons.length > 0, provider, reasons };
}
