// Renders a simulated site's response for one request: the business's own page with its
// name, address and phone, a namesake's page, a parking page or a redirect.
import type { Market, SiteSpec } from './market.types.ts';

export interface SiteResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface PageFacts {
  name: string;
  street: string;
  city: string;
  state: string;
  zip: string;
  phone: string;
  email: string | null;
  note?: string;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** +16145550123 → (614) 555-0123 */
export function nationalPhone(e164: string): string {
  const d = e164.replace(/^\+1/, '');
  return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
}

function factsOf(market: Market, spec: SiteSpec): PageFacts | null {
  const c = spec.content;
  if (c.kind === 'business') {
    const b = market.businesses[c.business];
    if (!b) return null;
    return { name: b.siteName ?? b.name, street: b.street, city: b.city, state: b.state, zip: b.zip, phone: b.phone, email: b.truth.domain ? `info@${b.truth.domain}` : null };
  }
  if (c.kind === 'namesake') {
    const n = market.namesakes[c.namesake];
    return n ? { name: n.name, street: n.street, city: n.city, state: n.state, zip: n.zip, phone: n.phone, email: `info@${n.domain}`, ...(n.note ? { note: n.note } : {}) } : null;
  }
  return null;
}

export function businessPage(facts: PageFacts, spec: SiteSpec, host: string): SiteResponse {
  const look = spec.look;
  const phone = nationalPhone(facts.phone);
  const jsonLd = JSON.stringify({
    '@context': 'https://schema.org', '@type': 'LocalBusiness', name: facts.name, telephone: phone,
    address: { '@type': 'PostalAddress', streetAddress: facts.street, addressLocality: facts.city, addressRegion: facts.state, postalCode: facts.zip },
  });
  const body = [
    '<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(facts.name)} | ${escapeHtml(facts.city)}, ${facts.state}</title>`,
    `<meta name="description" content="${escapeHtml(facts.name)} serves ${escapeHtml(facts.city)} and the surrounding area.">`,
    ...look.head,
    `<script type="application/ld+json">${jsonLd}</script>`,
    '</head><body>',
    `<header><h1>${escapeHtml(facts.name)}</h1><nav><a href="/">Home</a> <a href="/about">About</a> <a href="/contact">Contact</a></nav></header>`,
    `<main><h2>Welcome</h2><p>Family owned and proudly serving ${escapeHtml(facts.city)}, ${facts.state} since ${1950 + (facts.zip.charCodeAt(4) % 70)}.</p>`,
    ...look.body,
    ...(facts.note ? [`<p>${escapeHtml(facts.note)}</p>`] : []),
    `<section id="contact"><h2>Contact us</h2><address>${escapeHtml(facts.street)}<br>${escapeHtml(facts.city)}, ${facts.state} ${facts.zip}</address>`,
    `<p>Call <a href="tel:${facts.phone}">${phone}</a>${facts.email ? ` or e-mail <a href="mailto:${facts.email}">${facts.email}</a>` : ''}</p></section></main>`,
    `<footer>&copy; 2024 ${escapeHtml(facts.name)}. All rights reserved.</footer>`,
    ...look.bodyEnd, '</body></html>',
  ].join('\n');
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', ...look.headers }, body };
}

export function parkedPage(markup: string, server: string, host: string): SiteResponse {
  const domain = host.replace(/^www\./, '');
  const body = `<!DOCTYPE html><html><head><title>${domain} - This domain may be for sale!</title></head><body><h1>${domain}</h1><p>This domain may be for sale. Related searches: Plumbing, Insurance, Business Services</p>${markup.replaceAll('DOMAIN', domain)}</body></html>`;
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', server }, body };
}

export function renderSite(market: Market, spec: SiteSpec, host: string, httpsBase: (host: string) => string): SiteResponse {
  const c = spec.content;
  if (c.kind === 'redirect') return { status: c.status, headers: { location: c.location, 'content-type': 'text/html' }, body: `<a href="${c.location}">Moved</a>` };
  if (c.kind === 'parked') return parkedPage(c.markup, c.server, host);
  if (spec.look.wwwCanonical && !host.startsWith('www.')) {
    const location = `${httpsBase(`www.${host}`)}/`;
    return { status: 301, headers: { location, ...spec.look.headers }, body: '' };
  }
  const facts = factsOf(market, spec);
  if (!facts) return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not found' };
  return businessPage(facts, spec, host);
}
